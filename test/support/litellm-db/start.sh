#!/usr/bin/env bash
# start.sh [--port N]
#
# Brings up a real LiteLLM proxy (pinned in scripts/litellm-pin.ts) on a real PostgreSQL, with Prisma's wasm query
# engine standing in for the native engine binary (shim/qe-shim.mjs). Idempotent: every step checks what is
# already there, so a second run only (re)starts what is not running. Everything lives under
# $LITELLM_DB_WORKDIR (default /tmp/litellm-db), except what every run can share (LITELLM_DB_CACHE_DIR).
#
# Env:  LITELLM_DB_WORKDIR   work dir (default /tmp/litellm-db)
#       LITELLM_DB_CACHE_DIR where the shim's node modules, npm's cache and generated Prisma clients are kept
#                            between runs (default: the work dir)
#       LITELLM_MASTER_KEY   proxy master key (default sk-kit-master-0000)
#       LITELLM_VENV         use this venv (must hold the pinned litellm[proxy] and prisma) instead of
#                            creating $WORK/venv; it is not modified (the Prisma client is generated into $WORK)
#       LITELLM_DB_PYTHON    interpreter for the venv (default python3; 3.10 - 3.14)
#       LITELLM_DB_PIP_ARGS  extra pip install arguments (e.g. "--find-links /wheels")
#       LITELLM_DB_PG_BIN    PostgreSQL bin dir (default: newest /usr/lib/postgresql/*/bin)
#       LITELLM_DB_READY_TIMEOUT  seconds to wait for /health/readiness (default 240)
#       LITELLM_DB_BATCH_WRITE_AT seconds between LiteLLM's spend/log DB flushes (default 5; LiteLLM's own is 10)
#       LITELLM_DB_EXTRA_MODELS   a file of further model_list entries (YAML list items indented by two
#                            spaces, as in $WORK/config.yaml), appended after mock-alpha and mock-beta
#
# Stdout: DATABASE_URL=..., then LITELLM_HOST=... and LITELLM_MASTER_KEY=... as the last two lines.
# Stderr: each step with the seconds elapsed since start.
set -euo pipefail
KIT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$KIT/lib/common.sh"

REQ_PORT=
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || die "--port needs a value"; REQ_PORT=$2; shift 2 ;;
    --port=*) REQ_PORT=${1#--port=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (usage: start.sh [--port N])" ;;
  esac
done
[ -z "$REQ_PORT" ] || [[ "$REQ_PORT" =~ ^[0-9]+$ && "$REQ_PORT" -ge 1 && "$REQ_PORT" -le 65535 ]] || die "--port must be 1-65535"
MASTER_KEY=${LITELLM_MASTER_KEY:-sk-kit-master-0000}
READY_TIMEOUT=${LITELLM_DB_READY_TIMEOUT:-240}
BATCH_WRITE_AT=${LITELLM_DB_BATCH_WRITE_AT:-5}

# ---------------------------------------------------------------------------------------------- checks
log "work dir $WORK"
[ -n "$LITELLM_VERSION" ] && [ -n "$PRISMA_PY_VERSION" ] || die "cannot read LITELLM_VERSION and PRISMA_VERSION from $PIN_FILE"
find_pg_bin || die "PostgreSQL server binaries not found (looked for /usr/lib/postgresql/*/bin/initdb and pg_ctl). Install them: apt-get install -y postgresql   (or point LITELLM_DB_PG_BIN at a bin dir)"
command -v node >/dev/null || die "node not found: Node.js 18+ is needed (apt-get install -y nodejs npm)"
command -v npm >/dev/null || die "npm not found (apt-get install -y npm)"
command -v curl >/dev/null || die "curl not found (apt-get install -y curl)"
NODE=$(command -v node)
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' || die "Node.js $(node --version) is too old; 18+ is needed"
if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run the server as (apt-get install -y postgresql creates it)"; fi

mkdir -p "$WORK" "$RUN" "$CACHE"
touch "$MARKER"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Ready = /health/readiness reports the db connected AND a database-backed admin call succeeds: LiteLLM
# caches a "connected" readiness for 15 s, so readiness alone can be stale (e.g. right after Postgres died).
ready() {
  curl -sf -m 10 "http://127.0.0.1:$1/health/readiness" 2>/dev/null | grep -q '"db": *"connected"' &&
    curl -sf -m 20 -o /dev/null "http://127.0.0.1:$1/key/list?size=1" -H "Authorization: Bearer $MASTER_KEY" 2>/dev/null
}
pg_running() { [ -f "$PGDATA_DIR/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------- already up?
LPID=$(readpid "$RUN/litellm.pid" || true)
if alive "$LPID" "bin/litellm --config"; then
  LPORT=$(cat "$WORK/litellm.port")
  [ -z "$REQ_PORT" ] || [ "$REQ_PORT" = "$LPORT" ] || die "LiteLLM is already running on port $LPORT (pid $LPID); run stop.sh first to move it to $REQ_PORT"
  [ "$(cat "$WORK/litellm.key" 2>/dev/null)" = "$MASTER_KEY" ] || die "LiteLLM is already running (pid $LPID) with another master key; run stop.sh first to change it"
  if ! pg_running; then
    log "LiteLLM is running (pid $LPID) but postgres is not; starting postgres"
  elif ready "$LPORT"; then
    log "LiteLLM already running and ready (pid $LPID, port $LPORT)"
    cat "$WORK/endpoints"
    exit 0
  else
    log "LiteLLM (pid $LPID) is running but not ready; waiting for it"
  fi
fi

# ---------------------------------------------------------------------------------------------- PostgreSQL
log "postgres: using $PG_BIN"
mkdir -p "$PGDIR"
if [ "$(id -u)" = 0 ]; then chown postgres: "$PGDIR"; fi
as_pg test -w "$PGDIR" || die "the postgres user cannot write $PGDIR; choose a LITELLM_DB_WORKDIR every user can traverse (e.g. under /tmp)"
if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  log "postgres: initdb"
  as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --no-locale --no-sync >"$PGDIR/initdb.log" 2>&1 \
    || { tail -n 20 "$PGDIR/initdb.log" >&2; die "initdb failed (log: $PGDIR/initdb.log)"; }
fi
if pg_running; then
  PGPORT=$(cat "$WORK/pg.port")
  log "postgres: already running on port $PGPORT"
else
  PGPORT=$(cat "$WORK/pg.port" 2>/dev/null || true)
  if [ -z "$PGPORT" ] || port_busy "$PGPORT"; then PGPORT=$(free_port); fi
  log "postgres: starting on 127.0.0.1:$PGPORT"
  # A disposable test database: durability settings off for speed.
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDIR/server.log" -w -t 60 \
    -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >/dev/null || { tail -n 20 "$PGDIR/server.log" >&2; die "postgres did not start (log: $PGDIR/server.log)"; }
  echo "$PGPORT" >"$WORK/pg.port"
fi
head -n1 "$PGDATA_DIR/postmaster.pid" >"$RUN/postgres.pid"
PSQL=("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres)
for _ in $(seq 1 50); do "${PSQL[@]}" -d postgres -tAc 'select 1' >/dev/null 2>&1 && break; sleep 0.2; done
if [ "$("${PSQL[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$DB_NAME'")" != 1 ]; then
  log "postgres: create database $DB_NAME"
  "${PSQL[@]}" -d postgres -c "create database $DB_NAME" >/dev/null
fi
DATABASE_URL="postgresql://postgres@127.0.0.1:$PGPORT/$DB_NAME"

# ---------------------------------------------------------------------------------------------- Python venv
pins_of() { "$1/bin/python" -c 'import importlib.metadata as m; print(m.version("litellm"), m.version("prisma"))' 2>/dev/null || true; }
WANT="$LITELLM_VERSION $PRISMA_PY_VERSION"
if [ -n "${LITELLM_VENV:-}" ]; then
  VENV=$(cd "$LITELLM_VENV" 2>/dev/null && pwd) || die "LITELLM_VENV=$LITELLM_VENV is not a directory"
  [ "$(pins_of "$VENV")" = "$WANT" ] || die "LITELLM_VENV=$VENV holds litellm/prisma '$(pins_of "$VENV")', not '$WANT' (pip install 'litellm[proxy]==$LITELLM_VERSION' 'prisma==$PRISMA_PY_VERSION')"
  [ -x "$VENV/bin/litellm" ] || die "LITELLM_VENV=$VENV has no bin/litellm (install the [proxy] extra)"
  log "venv: using LITELLM_VENV=$VENV (litellm $LITELLM_VERSION, prisma $PRISMA_PY_VERSION)"
else
  VENV="$WORK/venv"
  if [ "$(pins_of "$VENV")" = "$WANT" ] && [ -x "$VENV/bin/litellm" ] && [ -f "$VENV/.litellm-db-kit-ok" ]; then
    log "venv: $VENV already holds litellm $LITELLM_VERSION, prisma $PRISMA_PY_VERSION"
  else
    PY=${LITELLM_DB_PYTHON:-python3}
    command -v "$PY" >/dev/null || die "$PY not found: Python 3.10-3.14 is needed (or set LITELLM_VENV / LITELLM_DB_PYTHON)"
    "$PY" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] < (3, 15) else 1)' \
      || die "$PY is Python $("$PY" -c 'import platform; print(platform.python_version())'); LiteLLM $LITELLM_VERSION needs 3.10-3.14 (set LITELLM_DB_PYTHON)"
    "$PY" -c 'import venv, ensurepip' 2>/dev/null || die "$PY cannot create venvs (apt-get install -y python3-venv)"
    log "venv: creating $VENV and installing litellm[proxy]==$LITELLM_VERSION prisma==$PRISMA_PY_VERSION from PyPI (takes minutes)"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
    # shellcheck disable=SC2086
    "$VENV/bin/pip" install -q --disable-pip-version-check ${LITELLM_DB_PIP_ARGS:-} \
      "litellm[proxy]==$LITELLM_VERSION" "prisma==$PRISMA_PY_VERSION" >"$WORK/pip.log" 2>&1 \
      || { tail -n 30 "$WORK/pip.log" >&2; die "pip install failed (log: $WORK/pip.log)"; }
    [ "$(pins_of "$VENV")" = "$WANT" ] || die "pip finished but the venv holds '$(pins_of "$VENV")'"
    touch "$VENV/.litellm-db-kit-ok"
    log "venv: installed"
  fi
fi
# find_spec locates the package without importing it (importing litellm fetches a cost map from the net).
echo "$VENV" >"$WORK/venv.path"
SITE=$("$VENV/bin/python" -c 'import importlib.util as u, os; print(os.path.dirname(os.path.dirname(u.find_spec("litellm").origin)))')
MIGRATIONS="$SITE/litellm_proxy_extras/migrations"
SCHEMA_SRC="$SITE/litellm/proxy/schema.prisma"
[ -d "$MIGRATIONS" ] || die "no $MIGRATIONS (is litellm-proxy-extras installed in $VENV?)"
[ -f "$SCHEMA_SRC" ] || die "no $SCHEMA_SRC"

# ---------------------------------------------------------------------------------------------- shim
# The shim's scripts go into the work dir; its node modules are installed once per lock file into the cache
# and linked in. Installs and generates take a lock, so runs sharing a cache do not build the same thing twice.
locked() {
  local rc=0
  if command -v flock >/dev/null; then exec 9>"$CACHE/.lock"; flock 9; fi
  "$@" || rc=$?
  if command -v flock >/dev/null; then exec 9>&-; fi
  return $rc
}
SHIM="$WORK/shim"
mkdir -p "$SHIM"
cp "$KIT/shim/qe-shim.mjs" "$KIT/shim/apply-migrations.mjs" "$KIT/shim/package.json" "$KIT/shim/package-lock.json" "$SHIM/"
LOCK_SUM=$(sha256sum "$SHIM/package-lock.json" | cut -d' ' -f1)
MODULES="$CACHE/shim-${LOCK_SUM:0:16}"
install_shim_modules() {
  [ -d "$MODULES/node_modules" ] && [ "$(cat "$MODULES/.installed" 2>/dev/null)" = "$LOCK_SUM" ] && return 0
  log "shim: npm ci (Prisma wasm engine, adapter-pg, pg, graphql, prisma CLI 5.17.0) into $MODULES"
  rm -rf "$MODULES"; mkdir -p "$MODULES"
  cp "$KIT/shim/package.json" "$KIT/shim/package-lock.json" "$MODULES/"
  (cd "$MODULES" && NPM_CONFIG_CACHE="$CACHE/npm-cache" npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) \
    || { tail -n 30 "$WORK/npm.log" >&2; return 1; }
  echo "$LOCK_SUM" >"$MODULES/.installed"
}
locked install_shim_modules || die "npm ci failed (log: $WORK/npm.log)"
log "shim: node modules in $MODULES"
rm -rf "$SHIM/node_modules"
ln -s "$MODULES/node_modules" "$SHIM/node_modules"
printf '#!/bin/sh\n# Prisma query-engine stand-in (see qe-shim.mjs)\nexec "%s" "%s/qe-shim.mjs" "$@"\n' "$NODE" "$SHIM" >"$SHIM/query-engine"
cat >"$SHIM/schema-engine" <<EOF
#!/bin/sh
# No native schema engine here: migrations are applied by apply-migrations.mjs. Anything LiteLLM asks of
# it (e.g. \`prisma migrate diff\` at start-up) fails, which LiteLLM logs and ignores.
case "\$1" in --version|-V) echo "schema-engine-cli $(node -p "require('$SHIM/node_modules/@prisma/query-engine-wasm/package.json').version.split('.').pop()")"; exit 0;; esac
echo "schema-engine: not available in the litellm-db kit" >&2
exit 1
EOF
chmod +x "$SHIM/query-engine" "$SHIM/schema-engine"
[ "$("$SHIM/query-engine" --version)" = "query-engine 393aa359c9ad4a4bb28630fb5613f9c281cde053" ] || die "the shim reports '$("$SHIM/query-engine" --version)'"

# Environment shared by `prisma generate` and LiteLLM.
export PRISMA_HOME_DIR="$WORK/prisma-home"
export PRISMA_BINARY_CACHE_DIR="$SHIM"              # its node_modules/prisma is the pinned Prisma CLI
export PRISMA_QUERY_ENGINE_BINARY="$SHIM/query-engine"
export PRISMA_SCHEMA_ENGINE_BINARY="$SHIM/schema-engine"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1 PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1
export NPM_CONFIG_CACHE="$CACHE/npm-cache"
export DATABASE_URL

# ---------------------------------------------------------------------------------------------- prisma generate
# Into the cache (a copy of the prisma package with the generated client, named after the schema, the shim's
# lock file and the venv), put first on PYTHONPATH when LiteLLM runs, so the venv itself is never written to.
# binaryTargets is dropped: there are no binaries. The client records its own path, so it is generated in place.
GEN_SUM=$(cat "$SCHEMA_SRC" "$SHIM/package-lock.json" <(echo "$VENV $PRISMA_PY_VERSION") | sha256sum | cut -d' ' -f1)
CLIENT="$CACHE/client-${GEN_SUM:0:16}"
generate_client() {
  [ -f "$CLIENT/prisma/client.py" ] && [ "$(cat "$CLIENT/.generated" 2>/dev/null)" = "$GEN_SUM" ] && return 0
  log "prisma generate: into $CLIENT/prisma"
  rm -rf "$CLIENT"; mkdir -p "$CLIENT"
  awk -v out="$CLIENT/prisma" '
    /^generator[ \t]+client[ \t]*\{/ { ingen = 1; print; print "  output = \"" out "\""; next }
    ingen && /binaryTargets/ { next }
    ingen && /^\}/ { ingen = 0 }
    { print }' "$SCHEMA_SRC" >"$CLIENT/schema.prisma"
  (cd "$CLIENT" && PATH="$VENV/bin:$PATH" "$VENV/bin/prisma" generate --schema schema.prisma >"$WORK/generate.log" 2>&1) \
    || { tail -n 30 "$WORK/generate.log" >&2; return 1; }
  [ -f "$CLIENT/prisma/client.py" ] || { log "prisma generate wrote no client"; return 1; }
  echo "$GEN_SUM" >"$CLIENT/.generated"
}
locked generate_client || die "prisma generate failed (log: $WORK/generate.log)"
log "prisma generate: client in $CLIENT"

# ---------------------------------------------------------------------------------------------- migrations
log "migrations: $MIGRATIONS"
(cd "$SHIM" && node apply-migrations.mjs "$MIGRATIONS" "$CLIENT/schema.prisma") >"$WORK/migrate.log" 2>&1 \
  || { tail -n 30 "$WORK/migrate.log" >&2; die "migrations failed (log: $WORK/migrate.log)"; }
while read -r line; do log "migrations: $line"; done <"$WORK/migrate.log"

# ---------------------------------------------------------------------------------------------- LiteLLM
[ -z "${LITELLM_DB_EXTRA_MODELS:-}" ] || [ -r "$LITELLM_DB_EXTRA_MODELS" ] || die "LITELLM_DB_EXTRA_MODELS=$LITELLM_DB_EXTRA_MODELS is not a readable file"
cat >"$WORK/config.yaml" <<EOF
# Written by start.sh on every start; edit the kit, not this file.
model_list:
  - model_name: mock-alpha
    litellm_params:
      model: openai/gpt-3.5-turbo
      api_key: sk-kit-no-upstream
      mock_response: "alpha says hello"
  - model_name: mock-beta
    litellm_params:
      model: openai/gpt-4o
      api_key: sk-kit-no-upstream
      mock_response: "beta says hello"
$(if [ -n "${LITELLM_DB_EXTRA_MODELS:-}" ]; then cat "$LITELLM_DB_EXTRA_MODELS"; fi)
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
  disable_prisma_schema_update: true     # the schema is ours to apply (above); there is no schema engine
  proxy_batch_write_at: $BATCH_WRITE_AT  # seconds between spend/log flushes to the DB
EOF

if ! alive "${LPID:-}" "bin/litellm --config"; then
  if [ -n "$REQ_PORT" ]; then
    LPORT=$REQ_PORT
    port_busy "$LPORT" && die "port $LPORT is already in use on 127.0.0.1"
  else
    LPORT=$(cat "$WORK/litellm.port" 2>/dev/null || true)
    if [ -z "$LPORT" ] || port_busy "$LPORT"; then LPORT=$(free_port); fi
  fi
  rm -f "$RUN"/qe-shim.*.pid
  log "litellm: starting on 127.0.0.1:$LPORT (log: $WORK/litellm.log)"
  echo "===== start $(date -Is) port $LPORT" >>"$WORK/litellm.log"
  # setsid: its own session, so a terminal's Ctrl-C or hangup does not reach it; stop.sh stops it.
  PATH="$VENV/bin:$PATH" PYTHONPATH="$CLIENT${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1 \
    LITELLM_MASTER_KEY="$MASTER_KEY" LITELLM_LOCAL_MODEL_COST_MAP=True DISABLE_SCHEMA_UPDATE=true \
    QE_SHIM_PID_DIR="$RUN" \
    setsid "$VENV/bin/litellm" --config "$WORK/config.yaml" --host 127.0.0.1 --port "$LPORT" \
    >>"$WORK/litellm.log" 2>&1 </dev/null &
  LPID=$!
  echo "$LPID" >"$RUN/litellm.pid"
  echo "$LPORT" >"$WORK/litellm.port"
  (umask 077 && echo "$MASTER_KEY" >"$WORK/litellm.key")
fi

log "litellm: waiting until /health/readiness reports the db connected and /key/list answers (up to ${READY_TIMEOUT}s)"
deadline=$((SECONDS + READY_TIMEOUT))
until ready "$LPORT"; do
  if ! alive "$LPID" "bin/litellm --config"; then
    tail -n 40 "$WORK/litellm.log" >&2
    die "LiteLLM exited during start-up (log: $WORK/litellm.log)"
  fi
  [ $SECONDS -lt $deadline ] || { tail -n 40 "$WORK/litellm.log" >&2; die "LiteLLM not ready after ${READY_TIMEOUT}s (log: $WORK/litellm.log); it is still running, stop.sh stops it"; }
  sleep 0.5
done
SHIM_PIDS=$(cat "$RUN"/qe-shim.*.pid 2>/dev/null | paste -sd' ' || true)
log "litellm: ready (pid $LPID; query-engine shim pid ${SHIM_PIDS:-?}; postgres pid $(cat "$RUN/postgres.pid"))"

cat >"$WORK/env.sh" <<EOF
# source this file: the kit's endpoints (written by start.sh)
export LITELLM_HOST=http://127.0.0.1:$LPORT
export LITELLM_MASTER_KEY=$MASTER_KEY
export DATABASE_URL=$DATABASE_URL
EOF
printf 'DATABASE_URL=%s\nLITELLM_HOST=%s\nLITELLM_MASTER_KEY=%s\n' "$DATABASE_URL" "http://127.0.0.1:$LPORT" "$MASTER_KEY" >"$WORK/endpoints"
cat "$WORK/endpoints"
