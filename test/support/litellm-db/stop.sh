#!/usr/bin/env bash
# stop.sh [--clean | --postgres]
#
# Stops what start.sh started, by the pids it recorded under $LITELLM_DB_WORKDIR/run (default
# /tmp/litellm-db/run): LiteLLM, the query-engine shim(s) LiteLLM spawned, PostgreSQL. Each pid is checked
# against its command line first, so a recycled pid is never signalled. Keeps all files unless --clean,
# which then deletes the whole work dir (only a dir start.sh created). --postgres stops only PostgreSQL,
# leaving LiteLLM running without its database (start.sh brings it back).
set -euo pipefail
KIT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$KIT/lib/common.sh"

CLEAN=
ONLY_PG=
for a in "$@"; do
  case "$a" in
    --clean) CLEAN=1 ;;
    --postgres) ONLY_PG=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown argument: $a (usage: stop.sh [--clean | --postgres])" ;;
  esac
done
[ -d "$WORK" ] || { log "nothing to stop: no $WORK"; exit 0; }
[ -f "$MARKER" ] || die "$WORK was not created by start.sh (no $MARKER); not touching it"

# LiteLLM first (it would otherwise respawn the engine), then the shims, then Postgres.
if [ -z "$ONLY_PG" ]; then
  LPID=$(readpid "$RUN/litellm.pid" || true)
  stop_pid "$LPID" "bin/litellm --config" LiteLLM 20
  rm -f "$RUN/litellm.pid"

  for f in "$RUN"/qe-shim.*.pid; do
    [ -e "$f" ] || continue
    stop_pid "$(readpid "$f")" qe-shim.mjs "query-engine shim" 5
    rm -f "$f"
  done
fi

if [ -f "$PGDATA_DIR/PG_VERSION" ] && find_pg_bin; then
  if as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    log "stopping postgres (pid $(readpid "$PGDATA_DIR/postmaster.pid" || echo ?))"
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || stop_pid "$(readpid "$RUN/postgres.pid" || true)" postgres postgres 10
  fi
else
  stop_pid "$(readpid "$RUN/postgres.pid" || true)" postgres postgres 10
fi
rm -f "$RUN/postgres.pid"

if [ -n "$CLEAN" ]; then
  log "removing $WORK"
  rm -rf -- "$WORK"
fi
log "stopped"
