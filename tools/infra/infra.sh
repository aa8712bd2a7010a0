#!/usr/bin/env bash
# Local infrastructure without Docker: PostgreSQL, Apache Kafka (KRaft) and FerretDB, each on
# 127.0.0.1 with non-default ports, data and logs under .infra/.
#   npm run infra -- up | down | status | logs [postgres|kafka|ferretdb] [-f] | env
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/common.sh
source "$HERE/lib/common.sh"
source "$HERE/lib/postgres.sh"
source "$HERE/lib/kafka.sh"
source "$HERE/lib/ferretdb.sh"
source "$HERE/lib/witness.sh"
source "$HERE/lib/versitygw.sh"
source "$HERE/lib/document-tools.sh"

SERVERS=(postgres kafka ferretdb)
SERVERS+=(witness)
SERVERS+=(versitygw)

check_prerequisites() {
  local missing=()
  command -v java >/dev/null || missing+=("java (Java 17+): apt-get install -y openjdk-17-jre-headless")
  command -v mvn >/dev/null || missing+=("mvn (Maven, fetches the Kafka jars): apt-get install -y maven")
  command -v go >/dev/null || missing+=("go (Go >= 1.22, builds FerretDB): install from go.dev or the golang-1.22+ package")
  if [[ -z "$(pg_bindir)" ]] && [[ "$(id -u)" != 0 || -z "$(command -v apt-get)" ]]; then
    missing+=("PostgreSQL server (installed automatically only as root with apt-get): sudo apt-get install -y postgresql")
  fi
  ((${#missing[@]} == 0)) || die "missing prerequisites:
  $(printf '%s\n  ' "${missing[@]}")"
}

up() {
  local started=$SECONDS
  mkdir -p "$INFRA_DIR/logs"
  check_prerequisites
  reserve_ports "$PG_PORT" "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$FERRETDB_PORT" \
    "${WITNESS_PORTS[@]}" "$VERSITYGW_PORT"
  document_tools_prepare
  postgres_prepare
  postgres_start
  # Downloading the Kafka jars and building FerretDB are the slow first-run steps: overlap them.
  kafka_prepare >"$INFRA_DIR/logs/kafka-prepare.log" 2>&1 &
  local kafka_job=$!
  ferretdb_prepare >"$INFRA_DIR/logs/ferretdb-prepare.log" 2>&1 &
  local ferretdb_job=$!
  witness_prepare >"$INFRA_DIR/logs/witness-prepare.log" 2>&1 &
  local witness_job=$!
  # The S3 gateway (documents, object lock): the first build takes minutes, so it overlaps too.
  versitygw_prepare >"$INFRA_DIR/logs/versitygw-prepare.log" 2>&1 &
  local versitygw_job=$!
  wait "$kafka_job" || die "preparing Kafka failed: $(tail -n 20 "$INFRA_DIR/logs/kafka-prepare.log")"
  kafka_start
  postgres_wait_ready 60
  postgres_create_databases
  wait "$ferretdb_job" || die "preparing FerretDB failed: $(tail -n 20 "$INFRA_DIR/logs/ferretdb-prepare.log")"
  ferretdb_start
  kafka_wait_ready 120
  ferretdb_wait_ready 60
  wait "$witness_job" || die "preparing the witnesses failed: $(tail -n 20 "$INFRA_DIR/logs/witness-prepare.log")"
  witness_start
  wait "$versitygw_job" || die "preparing versitygw failed: $(tail -n 20 "$INFRA_DIR/logs/versitygw-prepare.log")"
  versitygw_start
  versitygw_wait_ready 60
  log "up in $((SECONDS - started))s"
  status
}

down() {
  versitygw_stop
  witness_stop
  ferretdb_stop
  kafka_stop
  postgres_stop
  log "stopped"
}

status() {
  local failed=0 server
  for server in "${SERVERS[@]}"; do
    "${server}_status" || failed=1
  done
  return "$failed"
}

logs() {
  local server="${1:-}" follow=()
  [[ "${2:-}" == "-f" || "${1:-}" == "-f" ]] && follow=(-f)
  [[ "$server" == "-f" ]] && server=""
  if [[ -z "$server" ]]; then
    tail -n 50 "${follow[@]}" "$INFRA_DIR"/logs/{postgres,kafka,ferretdb}.log
  else
    [[ " ${SERVERS[*]} " == *" $server "* ]] || die "unknown server '$server' (one of: ${SERVERS[*]})"
    tail -n 200 "${follow[@]}" "$INFRA_DIR/logs/$server.log"
  fi
}

# Shell assignments a process can source to reach these servers.
print_env() {
  cat <<ENV
export PG_URL_BASE=postgres://postgres@127.0.0.1:$PG_PORT
export DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/ejournal_test
export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
export MONGO_URL=mongodb://127.0.0.1:$FERRETDB_PORT/
export READ_STORE_POSTGRES_URL=postgres://postgres@127.0.0.1:$PG_PORT/ferretdb
ENV
  witness_env
  versitygw_env
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  logs) logs "${2:-}" "${3:-}" ;;
  env) print_env ;;
  *)
    echo "usage: npm run infra -- up|down|status|logs [postgres|kafka|ferretdb] [-f]|env" >&2
    exit 2
    ;;
esac
