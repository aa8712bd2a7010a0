#!/usr/bin/env bash
# The fault suite's own PostgreSQL, Kafka and FerretDB (tools/chaos): the same servers and the
# same start-up code as tools/infra, on ports and a directory of their own, so killing them with
# kill -9 never disturbs the shared infrastructure or other tests.
#   INFRA_DIR=... PG_PORT=... KAFKA_PORT=... KAFKA_CONTROLLER_PORT=... FERRETDB_PORT=... \
#     chaos-infra.sh up | kill SERVER | start SERVER | down      (SERVER: postgres|kafka|ferretdb)
set -euo pipefail
: "${INFRA_DIR:?set INFRA_DIR}" "${PG_PORT:?}" "${KAFKA_PORT:?}" "${KAFKA_CONTROLLER_PORT:?}" "${FERRETDB_PORT:?}"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB="$HERE/../infra/lib"
# shellcheck source=../infra/lib/common.sh
source "$LIB/common.sh"
source "$LIB/postgres.sh"
source "$LIB/kafka.sh"
source "$LIB/ferretdb.sh"

SHARED="$ROOT/.infra"

# Reuse what the shared infrastructure already built or downloaded (FerretDB's binary, Kafka's
# jars), with their stamps, so the prepare steps find them current instead of rebuilding.
seed() {
  mkdir -p "$INFRA_DIR/logs" "$INFRA_DIR/bin" "$INFRA_DIR/ferretdb" "$INFRA_DIR/kafka"
  if [[ -x $SHARED/bin/ferretdb && -f $SHARED/ferretdb/build.stamp && ! -x $INFRA_DIR/bin/ferretdb ]]; then
    cp "$SHARED/bin/ferretdb" "$INFRA_DIR/bin/ferretdb"
    cp "$SHARED/ferretdb/build.stamp" "$INFRA_DIR/ferretdb/build.stamp"
  fi
  if [[ -d $SHARED/kafka/libs && -f $SHARED/kafka/libs.stamp && ! -d $INFRA_DIR/kafka/libs ]]; then
    cp -r "$SHARED/kafka/libs" "$INFRA_DIR/kafka/libs"
    cp "$SHARED/kafka/libs.stamp" "$INFRA_DIR/kafka/libs.stamp"
  fi
}

up() {
  seed
  postgres_prepare
  postgres_start
  kafka_prepare >>"$INFRA_DIR/logs/kafka-prepare.log" 2>&1
  kafka_start
  postgres_wait_ready 60
  postgres_create_databases
  ferretdb_prepare >>"$INFRA_DIR/logs/ferretdb-prepare.log" 2>&1
  ferretdb_start
  kafka_wait_ready 120
  ferretdb_wait_ready 60
}

pid_of() {
  case "$1" in
    postgres) head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null ;;
    kafka) cat "$(_kafka_pidfile)" 2>/dev/null ;;
    ferretdb) _ferretdb_pid ;;
    *) die "unknown server '$1'" ;;
  esac
}

# kill -9, as a crash or a lost node would: no shutdown, no flush.
kill9() {
  local pid i
  pid="$(pid_of "$1")" || die "$1 is not running"
  [[ $pid =~ ^[0-9]+$ ]] || die "$1: no pid"
  kill -KILL "$pid"
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  die "$1 (pid $pid) survived kill -9"
}

start() {
  local i
  case "$1" in
    postgres)
      # Backends notice their postmaster's death and exit on their own; until the last has,
      # its shared memory is in use and a new postmaster refuses to start.
      for ((i = 0; i < 60; i++)); do
        pg_as_owner "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null 2>&1 && break
        sleep 0.5
      done
      postgres_wait_ready 60
      ;;
    kafka)
      kafka_start
      kafka_wait_ready 120
      ;;
    ferretdb)
      ferretdb_start
      ferretdb_wait_ready 60
      ;;
    *) die "unknown server '$1'" ;;
  esac
}

down() {
  ferretdb_stop
  kafka_stop
  postgres_stop
}

case "${1:-}" in
  up) up ;;
  kill) kill9 "${2:?server}" ;;
  start) start "${2:?server}" ;;
  down) down ;;
  *)
    echo "usage: chaos-infra.sh up | kill SERVER | start SERVER | down" >&2
    exit 2
    ;;
esac
