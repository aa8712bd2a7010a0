#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than package-lock.json, then
# checks that the project's pinned Node.js 24 (the `node` devDependency) is the one in use.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

command -v npm >/dev/null || {
  echo "npm is required (any Node.js >= 20 with npm; the project brings its own Node.js 24)" >&2
  exit 1
}
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[deps] installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
version="$("$ROOT/node_modules/.bin/node" --version)"
[[ "$version" == v24.* ]] || {
  echo "[deps] expected the pinned Node.js 24 in node_modules/.bin, found $version" >&2
  exit 1
}
