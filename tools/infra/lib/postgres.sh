# PostgreSQL: a private cluster under .infra/postgres, on 127.0.0.1:$PG_PORT, no Unix socket.
# shellcheck shell=bash

PG_DATA="$INFRA_DIR/postgres/data"
PG_LOG="$INFRA_DIR/logs/postgres.log"
PG_DATABASES=(ejournal_identity ejournal_journal ejournal_diary ejournal_archive ferretdb ejournal_test)

pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [[ -n "$dir" && -x "$dir/postgres" ]] && echo "$dir"
}

# Runs a PostgreSQL program as the cluster's owner: the server refuses to run as root.
pg_as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A checkout in a private directory (mktemp -d makes them 0700) hides the cluster from the
# postgres user; let it traverse (x only, nothing readable) every directory above it that it
# cannot enter.
postgres_can_reach() {
  local dir
  dir="$(dirname "$1")"
  while [[ "$dir" != / ]]; do
    runuser -u postgres -- test -x "$dir" || {
      log "letting the postgres user traverse $dir (o+x)"
      chmod o+x "$dir"
    }
    dir="$(dirname "$dir")"
  done
}

postgres_prepare() {
  if [[ -z "$(pg_bindir)" ]]; then
    [[ "$(id -u)" == 0 ]] || die "PostgreSQL server not found. Install it: sudo apt-get install -y postgresql"
    command -v apt-get >/dev/null || die "PostgreSQL server not found and apt-get is missing: install PostgreSQL >= 13 server binaries under /usr/lib/postgresql/<version>/bin"
    log "installing PostgreSQL from Debian packages"
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null ||
      die "apt-get install postgresql failed"
  fi
  command -v psql >/dev/null || PATH="$(pg_bindir):$PATH"
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  log "initialising a PostgreSQL cluster in $PG_DATA"
  mkdir -p "$PG_DATA" "$INFRA_DIR/logs"
  [[ "$(id -u)" == 0 ]] && chown -R postgres: "$INFRA_DIR/postgres"
  chmod 700 "$PG_DATA"
  [[ "$(id -u)" == 0 ]] && postgres_can_reach "$INFRA_DIR/postgres"
  pg_as_owner "$(pg_bindir)/initdb" -D "$PG_DATA" -U postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null || die "initdb failed"
  cat >>"$PG_DATA/postgresql.conf" <<CONF
# ejournal local infrastructure (tools/infra/lib/postgres.sh)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
max_wal_size = 2GB
log_min_messages = warning
log_line_prefix = '%m [%p] %d '
CONF
}

postgres_running() {
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

postgres_ready() {
  "$(pg_bindir)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres
}

postgres_start() {
  postgres_running && return 0
  touch "$PG_LOG"
  [[ "$(id -u)" == 0 ]] && chown postgres: "$PG_LOG"
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null ||
    die "PostgreSQL did not start; last lines of $PG_LOG:
$(tail -n 30 "$PG_LOG")"
}

postgres_wait_ready() {
  local timeout="${1:-60}" i
  for ((i = 0; i < timeout * 5; i++)); do
    postgres_ready && return 0
    sleep 0.2
  done
  die "PostgreSQL not ready after ${timeout}s; last lines of $PG_LOG:
$(tail -n 30 "$PG_LOG")"
}

postgres_create_databases() {
  local db existing
  existing="$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'SELECT datname FROM pg_database')"
  for db in "${PG_DATABASES[@]}"; do
    grep -qx "$db" <<<"$existing" ||
      psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE $db" >/dev/null
  done
  # FerretDB's prepared statements take the filtered key as a parameter: only custom plans let
  # the read store's GIN lookup indexes serve them (libs/read-store). Set before FerretDB
  # connects, since a connection reads it when it opens.
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc \
    "ALTER DATABASE ferretdb SET plan_cache_mode = force_custom_plan" >/dev/null
}

postgres_stop() {
  postgres_running || return 0
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null
}

postgres_status() {
  if postgres_ready; then
    status_line postgres up "127.0.0.1:$PG_PORT" "PostgreSQL $(cat "$PG_DATA/PG_VERSION"), databases: ${PG_DATABASES[*]}"
  elif postgres_running; then
    status_line postgres down "127.0.0.1:$PG_PORT" "process running but not accepting connections (see $PG_LOG)"
    return 1
  else
    status_line postgres down "127.0.0.1:$PG_PORT" "not running"
    return 1
  fi
}
