#!/usr/bin/env bash
# `npm run bench -- <name>`: runs a benchmark against the local infrastructure and prints, as
# its last line, one JSON object with the figures and the physical limits measured beside them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
[[ $# -ge 1 ]] || {
  echo "usage: npm run bench -- event-store" >&2
  exit 2
}
bash tools/ensure-deps.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
bash tools/infra/infra.sh up >/dev/null
eval "$(bash tools/infra/infra.sh env)"
node tools/build.mjs >/dev/null
exec node --enable-source-maps dist/tools/bench/src/main.js "$@"
