#!/usr/bin/env bash
# `npm run chaos`: the fault suite with every kill (tools/chaos/README.md). Bounded (each
# recovery waits at most two minutes), loopback only, on infrastructure of its own; prints one
# JSON line last and exits 1 when anything acknowledged was lost or doubled.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash tools/ensure-deps.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
# The shared infrastructure's set-up builds FerretDB and fetches Kafka once; the suite copies them.
bash tools/infra/infra.sh up >/dev/null
node tools/build.mjs >/dev/null
exec node --enable-source-maps dist/tools/chaos/src/main.js --full "$@"
