# Shared helpers and settings for tools/infra/infra.sh and the scripts that source it.
# shellcheck shell=bash

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
INFRA_DIR="${INFRA_DIR:-$ROOT/.infra}"
PG_PORT="${PG_PORT:-55432}"
KAFKA_PORT="${KAFKA_PORT:-59092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-59093}"
FERRETDB_PORT="${FERRETDB_PORT:-57017}"

log() { printf '[infra] %s\n' "$*" >&2; }
die() {
  printf '[infra] error: %s\n' "$*" >&2
  exit 1
}

# pid_alive FILE: the process recorded in FILE is running.
pid_alive() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# reserve_ports PORT...: the kernel no longer hands these out as the local port of an outgoing
# connection. They lie in Linux's ephemeral range (32768-60999 by default), so a client
# connection (FerretDB's pool to PostgreSQL, say) could hold one, and the server meant to listen
# there would fail with "address already in use" (a witness did once). Where the setting cannot
# be written (not root, a read-only /proc/sys), nothing changes.
reserve_ports() {
  local file=/proc/sys/net/ipv4/ip_local_reserved_ports list port
  [[ -w "$file" ]] || return 0
  list="$(cat "$file")"
  for port in "$@"; do list="${list:+$list,}$port"; done
  echo "$list" >"$file" 2>/dev/null || log "could not reserve ports $*; continuing"
}

# stamp_matches STAMP_FILE VALUE: VALUE equals what STAMP_FILE recorded.
stamp_matches() {
  [[ -f "$1" ]] && [[ "$(cat "$1")" == "$2" ]]
}

# hash_files FILE...: one hash over the files' contents, to tell when a cached build is stale.
hash_files() {
  cat "$@" | sha256sum | cut -d' ' -f1
}

# stop_pidfile NAME PIDFILE TIMEOUT_S: SIGTERM, wait, then SIGKILL.
stop_pidfile() {
  local name="$1" pidfile="$2" timeout="$3" pid waited=0
  pid_alive "$pidfile" || {
    rm -f "$pidfile"
    return 0
  }
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((waited < timeout * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within ${timeout}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# status_line NAME STATE ADDRESS DETAIL
status_line() {
  printf '%-9s %-5s %-17s %s\n' "$1" "$2" "$3" "$4"
}
