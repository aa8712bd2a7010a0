#!/usr/bin/env bash
# `npm start`: the platform on this machine. Installs dependencies, starts the local
# infrastructure, builds and starts the four services, waits until each is ready, sets up a
# demo school (tools/demo-school.mjs), starts the web application in front of them (apps/web,
# http://127.0.0.1:3100), and keeps them running until Ctrl-C (the
# infrastructure stays up: `npm run infra -- down` stops it). A service that exits, before it
# is ready or later, stops everything at once with its last log lines and exit status 1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash tools/ensure-deps.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
# The local state (servers' data, keys, logs, the demo's passwords) lives in INFRA_DIR, .infra by
# default: with another INFRA_DIR and the ports below, a second platform runs beside this one.
export INFRA_DIR="${INFRA_DIR:-$ROOT/.infra}"
STATE="$INFRA_DIR"
bash tools/infra/infra.sh up
eval "$(bash tools/infra/infra.sh env)"
node tools/build.mjs

# identity encrypts its signing keys at rest with a key from the environment; locally it is
# generated once and kept with the rest of the local state.
KEY_FILE="$STATE/identity-key-encryption-key"
[[ -s "$KEY_FILE" ]] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' >"$KEY_FILE")
export IDENTITY_KEY_ENCRYPTION_KEY="$(cat "$KEY_FILE")"
# The diary seals school apps' webhook secrets at rest with a key of its own, kept the same way.
DIARY_KEY_FILE="$STATE/diary-secrets-key"
[[ -s "$DIARY_KEY_FILE" ]] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' >"$DIARY_KEY_FILE")
export DIARY_SECRETS_KEY="$(cat "$DIARY_KEY_FILE")"
# The region's first operator is activated with this one-time code (the demo school uses it).
CODE_FILE="$STATE/bootstrap-operator-code"
[[ -s "$CODE_FILE" ]] || (umask 077 && node -e 'process.stdout.write("BOOT-" + require("crypto").randomBytes(6).toString("hex"))' >"$CODE_FILE")
export BOOTSTRAP_OPERATOR_CODE="$(cat "$CODE_FILE")"

# The services' ports: set them (and INFRA_DIR, the infrastructure's PG_PORT, KAFKA_PORT,
# KAFKA_CONTROLLER_PORT, FERRETDB_PORT, WITNESS_PORTS, VERSITYGW_PORT) to run a second platform
# beside this one.
declare -A PORT=(
  [identity]="${IDENTITY_PORT:-3101}" [journal]="${JOURNAL_PORT:-3102}"
  [diary]="${DIARY_PORT:-3103}" [archive]="${ARCHIVE_PORT:-3104}"
)
url_of() { echo "http://127.0.0.1:${PORT[$1]}"; }
LOGS="$STATE/logs"
declare -A SERVICE_OF=() WATCHING=() # pid -> service: the services, their readiness watchers

stop_services() {
  trap - INT TERM EXIT
  local running=("${!SERVICE_OF[@]}" "${!WATCHING[@]}")
  ((${#running[@]} == 0)) || kill -TERM "${running[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_services EXIT
trap 'stop_services; exit 130' INT
trap 'stop_services; exit 143' TERM

# gave_up SERVICE WHY: says why the platform is not up, with the end of SERVICE's log; exits 1.
gave_up() {
  echo "[start] $1 $2; last lines of $LOGS/$1.log:" >&2
  tail -n 30 "$LOGS/$1.log" >&2
  exit 1
}

# The archive's documents (libs/document-store): files under $INFRA_DIR/documents by default;
# `DOCUMENT_STORE=s3 npm start` keeps them in the local versitygw instead (S3_* come from the
# infrastructure's env), in a bucket created with object lock on first start.
export DOCUMENT_STORE_DIR="${DOCUMENT_STORE_DIR:-$STATE/documents}"
if [[ "${DOCUMENT_STORE:-filesystem}" == s3 ]]; then
  export S3_BUCKET="${S3_BUCKET:-ejournal-documents}" S3_CREATE_BUCKET="${S3_CREATE_BUCKET:-true}"
fi

# The archive signs year-end documents with a local software key (never in production, where a
# GOST provider signs): a local CA and a default key every head signs with, under
# $INFRA_DIR/signing, made once with openssl.
bash services/archive/scripts/local-signing-pki.sh "$STATE/signing"
export SIGNING_KEYS_DIR="${SIGNING_KEYS_DIR:-$STATE/signing}"
export SIGNING_TRUST_ANCHORS="${SIGNING_TRUST_ANCHORS:-$STATE/signing/ca.pem}"

# Locally every client signs in from 127.0.0.1: the demo alone activates and signs in two dozen
# people, so identity's per-address limit (30 a minute in production) is raised here.
export SIGN_IN_PER_IP_PER_MINUTE="${SIGN_IN_PER_IP_PER_MINUTE:-600}"

# start_service SERVICE [VAR=value...]: runs the built service in the background, logging to
# $LOGS/SERVICE.log.
start_service() {
  local service=$1 mongo=()
  shift
  [[ "$service" == identity ]] ||
    mongo=(MONGO_URL="${MONGO_URL}ejournal_$service" READ_STORE_POSTGRES_URL="$READ_STORE_POSTGRES_URL")
  env PORT="${PORT[$service]}" HOST=127.0.0.1 \
    DATABASE_URL="$PG_URL_BASE/ejournal_$service" KAFKA_BROKERS="$KAFKA_BROKERS" "${mongo[@]}" \
    AUTH_JWKS_URL="$(url_of identity)/.well-known/jwks.json" "$@" \
    node --enable-source-maps "dist/services/$service/src/main.js" >"$LOGS/$service.log" 2>&1 &
  SERVICE_OF[$!]=$service
}

# await_ready SERVICE...: one watcher per service polls its readiness for 60 s. Whatever ends
# first is handled first: a service that exits stops the wait at once.
await_ready() {
  local service status ended
  for service in "$@"; do
    node -e '
      const deadline = Date.now() + 60_000;
      (async function poll() {
        try { if ((await fetch(process.argv[1])).ok) process.exit(0); } catch {}
        if (Date.now() > deadline) process.exit(1);
        setTimeout(poll, 250);
      })();' "$(url_of "$service")/health/ready" &
    WATCHING[$!]=$service
  done
  while ((${#WATCHING[@]} > 0)); do
    status=0
    wait -n -p ended "${!WATCHING[@]}" "${!SERVICE_OF[@]}" || status=$?
    [[ -z "${SERVICE_OF[$ended]:-}" ]] || gave_up "${SERVICE_OF[$ended]}" "exited (status $status) before it was ready"
    service="${WATCHING[$ended]}"
    unset "WATCHING[$ended]"
    ((status == 0)) || gave_up "$service" "did not become ready within 60 s"
    printf '[start] %-8s ready  %s  (log: %s/%s.log)\n' "$service" "$(url_of "$service")" "$LOGS" "$service"
  done
}

for service in identity journal diary; do start_service "$service"; done
await_ready identity journal diary
# The archive calls identity (names at print time) and the journal (disposal acts) with its
# service account: registered by the regional operator on the first start, its secret kept in
# $INFRA_DIR/archive-client-secret and reused while identity accepts it (registered afresh,
# with a new secret, when it does not: databases made anew).
IDENTITY_URL="$(url_of identity)" DEMO_STATE_DIR="$STATE" node tools/archive-service-account.mjs ||
  gave_up identity "did not register the archive's service account"
start_service archive ARCHIVE_CLIENT_SECRET="$(cat "$STATE/archive-client-secret")" \
  IDENTITY_URL="$(url_of identity)" SERVICE_TOKEN_URL="$(url_of identity)/auth/token" \
  JOURNAL_URL="$(url_of journal)"
await_ready archive

IDENTITY_URL="$(url_of identity)" JOURNAL_URL="$(url_of journal)" DEMO_STATE_DIR="$STATE" \
  node tools/demo-school.mjs
# The web application (apps/web): the browser bundle and a reverse proxy to the four services,
# so the browser has one origin. WEB_PORT sets its port.
WEB_URL="http://127.0.0.1:${WEB_PORT:-3100}"
env PORT="${WEB_PORT:-3100}" HOST=127.0.0.1 IDENTITY_URL="$(url_of identity)" \
  JOURNAL_URL="$(url_of journal)" DIARY_URL="$(url_of diary)" ARCHIVE_URL="$(url_of archive)" \
  node dist/apps/web/server/main.js >"$LOGS/web.log" 2>&1 &
SERVICE_OF[$!]=web
node -e '
  const deadline = Date.now() + 15_000;
  (async function poll() {
    try { if ((await fetch(process.argv[1])).ok) process.exit(0); } catch {}
    if (Date.now() > deadline) process.exit(1);
    setTimeout(poll, 100);
  })();' "$WEB_URL/health/ready" || gave_up web "did not become ready within 15 s"
printf '[start] %-8s ready  %s  (log: %s/web.log): open it in a browser\n' web "$WEB_URL" "$LOGS"
echo "[start] the platform is up; Ctrl-C stops the services"
status=0
wait -n -p ended "${!SERVICE_OF[@]}" || status=$?
gave_up "${SERVICE_OF[$ended]}" "exited (status $status); stopping the others"
