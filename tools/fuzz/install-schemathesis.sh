#!/usr/bin/env bash
# Installs Schemathesis (tools/fuzz/requirements.txt) into a virtual environment under
# .infra/schemathesis, once per version: `npm test` and `npm run fuzz` call it before fuzzing.
# Needs Python >= 3.10 with venv; PYTHON names another interpreter.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${SCHEMATHESIS_VENV:-$ROOT/.infra/schemathesis}"
REQUIREMENTS="$ROOT/tools/fuzz/requirements.txt"
stamp="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
[[ -x "$VENV/bin/st" && -f "$VENV/.stamp" && "$(cat "$VENV/.stamp")" == "$stamp" ]] && exit 0

python="${PYTHON:-$(command -v python3 || true)}"
[[ -n "$python" ]] || {
  echo "[fuzz] Python 3.10 or newer is required to install Schemathesis (set PYTHON)" >&2
  exit 1
}
"$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 10))' || {
  echo "[fuzz] $python is not Python >= 3.10 with venv; set PYTHON to one that is" >&2
  exit 1
}
echo "[fuzz] installing Schemathesis into $VENV" >&2
rm -rf "$VENV"
if ! "$python" -m venv "$VENV" 2>/dev/null; then
  # Debian's own Python has venv without ensurepip until python3-venv is installed.
  [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null || {
    echo "[fuzz] $python cannot make a virtual environment: install python3-venv" >&2
    exit 1
  }
  echo "[fuzz] installing python3-venv from Debian packages" >&2
  flock /tmp/ejournal-apt.lock sh -c 'apt-get update -qq &&
    apt-get install -y -qq -o DPkg::Lock::Timeout=300 python3-venv >/dev/null'
  rm -rf "$VENV"
  "$python" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
# Written last: an interrupted install has no stamp and is made again from scratch.
echo "$stamp" >"$VENV/.stamp"
