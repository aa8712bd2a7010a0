#!/usr/bin/env bash
# Prints the path of the Compose Specification JSON Schema, as shipped in compose-go (the
# library `docker compose` validates with), fetched once through the Go module proxy into the
# Go module cache. Pinned so the tests do not change under us; bump deliberately.
set -euo pipefail

MODULE=github.com/compose-spec/compose-go/v2
VERSION=v2.16.2

die() {
  echo "compose-schema: $*" >&2
  exit 1
}

command -v go >/dev/null || die "go not found; install Go >= 1.21 from https://go.dev/dl (it fetches $MODULE@$VERSION)"

# Outside any go.mod, so a module in the working directory cannot change what is resolved.
if ! info=$(cd "${TMPDIR:-/tmp}" && go mod download -json "$MODULE@$VERSION" 2>&1); then
  die "cannot fetch $MODULE@$VERSION through $(go env GOPROXY):
$info"
fi
dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$info")
schema="$dir/schema/compose-spec.json"
[[ -n $dir && -f $schema ]] || die "$MODULE@$VERSION has no schema/compose-spec.json (go said: $info)"
echo "$schema"
