#!/usr/bin/env bash
# `npm run fuzz`: the long form of the API fuzzing in `npm test` (tools/fuzz/README.md): more
# examples, Schemathesis's coverage and stateful phases, two callers per service, a time budget
# per run; it stops by itself. FUZZ_PROFILE=ci runs the short form instead.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash tools/ensure-deps.sh
bash tools/fuzz/install-schemathesis.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
bash tools/infra/infra.sh up >/dev/null
eval "$(bash tools/infra/infra.sh env)"
node tools/build.mjs >/dev/null
FUZZ_PROFILE="${FUZZ_PROFILE:-long}" exec jest -c tools/fuzz/jest.e2e.config.js --testTimeout 3600000
