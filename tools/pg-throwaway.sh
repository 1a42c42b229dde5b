#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests (no Docker needed).
#
#   tools/pg-throwaway.sh start [--watch-pid PID]
#       initdb + start PostgreSQL (15 by default) in a fresh temp directory, listening only on
#       127.0.0.1 on a free port, trust authentication, its socket inside that directory.
#       stdout: "PG_THROWAWAY_DIR=<dir>" then, as the LAST line, a Npgsql connection string
#       (Host=127.0.0.1;Port=…;Username=postgres;Database=postgres). Logs go to stderr.
#       --watch-pid PID: also stop the cluster (and remove the directory) once process PID ends.
#   tools/pg-throwaway.sh stop DIR
#       stop the cluster started in DIR and remove DIR.
#
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin); PG_THROWAWAY_FSYNC=on to keep fsync
# (default off: a throwaway cluster does not need to survive a power loss, and tests run faster).
# Run as root (CI, sessions), the server runs as the "postgres" user (initdb refuses root).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
MARKER=.ck-pg-throwaway

log() { printf 'pg-throwaway: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  # Something answers on 127.0.0.1:$1?
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cmd_stop() {
  local dir=${1:-}
  [ -n "$dir" ] || die "usage: $0 stop DIR"
  [ -d "$dir" ] || { log "$dir does not exist (already stopped?)"; return 0; }
  [ -f "$dir/$MARKER" ] || die "$dir was not made by $0 (no $MARKER): not touching it"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 \
      || log "pg_ctl stop failed; removing $dir anyway"
  fi
  rm -rf "$dir"
}

cmd_watch() {
  # Internal: wait for PID to end, then stop the cluster.
  local pid=$1 dir=$2
  while kill -0 "$pid" 2>/dev/null && [ -d "$dir" ]; do sleep 2; done
  [ -d "$dir" ] && cmd_stop "$dir"
}

cmd_start() {
  local watch_pid=""
  while [ $# -gt 0 ]; do
    case $1 in
      --watch-pid) watch_pid=${2:-}; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done

  for tool in initdb pg_ctl pg_isready; do
    [ -x "$PG_BIN/$tool" ] || die "$PG_BIN/$tool not found: install PostgreSQL 15 (apt-get install postgresql-15) or set PG_BIN"
  done
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    die "running as root but there is no 'postgres' user to run the server"
  fi

  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/ck-pg.XXXXXX")
  touch "$dir/$MARKER"
  mkdir -p "$dir/data" "$dir/sock"
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$dir"; fi

  if ! as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed"
  fi

  local fsync=${PG_THROWAWAY_FSYNC:-off}
  local attempt port started=""
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_in_use "$port" && continue
    if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/sock -c max_connections=300 -c fsync=$fsync -c synchronous_commit=$fsync -c full_page_writes=$fsync" \
        start >/dev/null 2>&1; then
      started=yes
      break
    fi
    # Port taken between the check and the bind? Try another; anything else is fatal.
    if ! grep -q -i "could not bind\|address already in use\|could not create any TCP/IP sockets" "$dir/server.log" 2>/dev/null; then
      break
    fi
    log "port $port busy, retrying"
    : >"$dir/server.log"
  done
  if [ -z "$started" ]; then
    log "server failed to start; server log:"
    cat "$dir/server.log" >&2 2>/dev/null || true
    as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    die "could not start PostgreSQL"
  fi

  local i
  for i in $(seq 1 60); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres && break
    sleep 0.5
  done
  if ! "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
    cat "$dir/server.log" >&2 || true
    cmd_stop "$dir"
    die "PostgreSQL did not become ready"
  fi

  if [ -n "$watch_pid" ]; then
    # Detached, output closed: the caller reading our stdout sees its end when we exit.
    setsid bash "$0" _watch "$watch_pid" "$dir" </dev/null >/dev/null 2>&1 &
  fi

  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, dir $dir"
  echo "PG_THROWAWAY_DIR=$dir"
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  _watch) shift; cmd_watch "$@" ;;
  *) echo "usage: $0 start [--watch-pid PID] | stop DIR" >&2; exit 2 ;;
esac
