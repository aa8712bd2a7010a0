#!/usr/bin/env bash
# `npm test`: the whole suite from a fresh clone. Installs dependencies while the local
# infrastructure starts, then checks formatting, lint, types, and runs every unit and
# integration test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The infrastructure needs nothing from node_modules: it starts while npm installs (on a fresh
# clone `npm ci` takes about a minute, the infrastructure about 20 s).
bash tools/infra/infra.sh up &
infra=$!
bash tools/ensure-deps.sh || { wait "$infra" || true; exit 1; }
export PATH="$ROOT/node_modules/.bin:$PATH"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE=true

wait "$infra" || { echo "[test] the local infrastructure did not start" >&2; exit 1; }
eval "$(bash tools/infra/infra.sh env)"
# Debian's Chromium for the web application's browser tests (apps/web e2e).
bash tools/ensure-chromium.sh >/dev/null

echo "[test] node $(node --version)"
prettier --check . --log-level warn
rm -rf tmp/test-results
status=0
nx run-many -t lint typecheck test e2e --parallel=2 --output-style=stream-without-prefixes || status=$?
node tools/test-summary.mjs tmp/test-results || status=1
exit "$status"
