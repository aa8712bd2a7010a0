#!/usr/bin/env bash
# `npm start`: the platform on this machine. Installs dependencies, starts the local
# infrastructure, builds and starts the four services, waits until each is ready, sets up a
# demo school (tools/demo-school.mjs), and keeps them running until Ctrl-C (the
# infrastructure stays up: `npm run infra -- down` stops it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash tools/ensure-deps.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
bash tools/infra/infra.sh up
eval "$(bash tools/infra/infra.sh env)"
node tools/build.mjs

# identity encrypts its signing keys at rest with a key from the environment; locally it is
# generated once and kept with the rest of the local state.
KEY_FILE="$ROOT/.infra/identity-key-encryption-key"
[[ -s "$KEY_FILE" ]] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64"))' >"$KEY_FILE")
export IDENTITY_KEY_ENCRYPTION_KEY="$(cat "$KEY_FILE")"
# The region's first operator is activated with this one-time code (the demo school uses it).
CODE_FILE="$ROOT/.infra/bootstrap-operator-code"
[[ -s "$CODE_FILE" ]] || (umask 077 && node -e 'process.stdout.write("BOOT-" + require("crypto").randomBytes(6).toString("hex"))' >"$CODE_FILE")
export BOOTSTRAP_OPERATOR_CODE="$(cat "$CODE_FILE")"

SERVICES=(identity journal diary archive)
declare -A PORT=([identity]=3101 [journal]=3102 [diary]=3103 [archive]=3104)
LOGS="$ROOT/.infra/logs"
pids=()

stop_services() {
  trap - INT TERM EXIT
  ((${#pids[@]} == 0)) || kill -TERM "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop_services INT TERM EXIT

for service in "${SERVICES[@]}"; do
  mongo=()
  [[ "$service" == identity ]] || mongo=(MONGO_URL="${MONGO_URL}ejournal_$service")
  env PORT="${PORT[$service]}" HOST=127.0.0.1 \
    DATABASE_URL="$PG_URL_BASE/ejournal_$service" KAFKA_BROKERS="$KAFKA_BROKERS" "${mongo[@]}" \
    node --enable-source-maps "dist/services/$service/src/main.js" >"$LOGS/$service.log" 2>&1 &
  pids+=($!)
done

for service in "${SERVICES[@]}"; do
  url="http://127.0.0.1:${PORT[$service]}/health/ready"
  if ! node -e '
    const deadline = Date.now() + 60_000;
    (async function poll() {
      try { if ((await fetch(process.argv[1])).ok) process.exit(0); } catch {}
      if (Date.now() > deadline) process.exit(1);
      setTimeout(poll, 250);
    })();' "$url"; then
    echo "[start] $service did not become ready; last lines of $LOGS/$service.log:" >&2
    tail -n 30 "$LOGS/$service.log" >&2
    exit 1
  fi
  printf '[start] %-8s ready  http://127.0.0.1:%s  (log: .infra/logs/%s.log)\n' \
    "$service" "${PORT[$service]}" "$service"
done
node tools/demo-school.mjs "http://127.0.0.1:${PORT[identity]}" "http://127.0.0.1:${PORT[journal]}" "$ROOT/.infra"
echo "[start] the platform is up; Ctrl-C stops the services"
wait -n "${pids[@]}"
echo "[start] a service exited; stopping the others" >&2
exit 1
