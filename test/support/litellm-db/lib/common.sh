# Sourced by start.sh and stop.sh: settings, logging and process helpers. Nothing here starts anything.

# The pins live with the project's other LiteLLM pins, in scripts/litellm-pin.ts; read from there so the
# kit, the live suite and the installer cannot disagree. Prisma Client Python (PRISMA_VERSION) drives Prisma
# 5.17.0, engine commit 393aa359..., which is the version of the wasm engine in shim/package.json: changing
# PRISMA_VERSION means changing shim/package.json with it.
PIN_FILE="$KIT/../../../scripts/litellm-pin.ts"
pin() { sed -n "s/^export const $1 = \"\(.*\)\";\$/\1/p" "$PIN_FILE" 2>/dev/null; }
LITELLM_VERSION=$(pin LITELLM_VERSION)
PRISMA_PY_VERSION=$(pin PRISMA_VERSION)

WORK=${LITELLM_DB_WORKDIR:-/tmp/litellm-db}
case "$WORK" in /*) ;; *) WORK="$PWD/$WORK" ;; esac
# What outlives a run and is the same for every run: the shim's node modules, npm's cache and generated
# Prisma clients, each in a directory named after what it was built from. Default: inside the work dir.
CACHE=${LITELLM_DB_CACHE_DIR:-$WORK}
case "$CACHE" in /*) ;; *) CACHE="$PWD/$CACHE" ;; esac
RUN="$WORK/run"                      # pid files
MARKER="$WORK/.litellm-db-kit"       # says "this directory is ours" (stop.sh --clean checks it)
DB_NAME=litellm

_T0=$(date +%s%N)
log() {
  local now; now=$(date +%s%N)
  printf '[litellm-db %6.1fs] %s\n' "$(awk "BEGIN{printf \"%.1f\", ($now-$_T0)/1e9}")" "$*" >&2
}
die() { log "ERROR: $*"; exit 1; }

# alive PID PATTERN: the process exists and its command line contains PATTERN (guards against pid reuse).
alive() {
  local pid=$1 pattern=$2
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}
readpid() { [ -f "$1" ] && head -n1 "$1" | tr -dc '0-9'; }

# stop_pid PID PATTERN NAME [SECONDS]: SIGTERM, wait, then SIGKILL. Only a process matching PATTERN.
stop_pid() {
  local pid=$1 pattern=$2 name=$3 wait_s=${4:-15} i
  alive "$pid" "$pattern" || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < wait_s * 10; i++)); do alive "$pid" "$pattern" || return 0; sleep 0.1; done
  log "$name (pid $pid) ignored SIGTERM for ${wait_s}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# PostgreSQL server binaries: LITELLM_DB_PG_BIN, else the newest /usr/lib/postgresql/<major>/bin.
find_pg_bin() {
  if [ -n "${LITELLM_DB_PG_BIN:-}" ]; then PG_BIN=$LITELLM_DB_PG_BIN; else
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  fi
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]
}

# as_pg CMD...: run as the `postgres` user when we are root (initdb and postgres refuse to run as root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null; then runuser -u postgres -- "$@"
    else su -s /bin/bash postgres -c "$(printf '%q ' "$@")"; fi
  else "$@"; fi
}

PGDIR="$WORK/pg"
PGDATA_DIR="$PGDIR/data"
