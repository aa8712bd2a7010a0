#!/usr/bin/env bash
# Debian's Chromium for the web application's browser tests (apps/web e2e, `npm run bench --
# web`): Playwright drives it through its executable path, since Playwright cannot download
# its own browser builds here. Installs the `chromium` package when it is missing (as root,
# with apt, serialised with the other set-up scripts by /tmp/ejournal-apt.lock), then prints
# the executable's path. CHROMIUM_PATH, when set, names another Chromium and skips the install.
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  [[ -x "$CHROMIUM_PATH" ]] || { echo "[chromium] CHROMIUM_PATH=$CHROMIUM_PATH is not executable" >&2; exit 1; }
  echo "$CHROMIUM_PATH"
  exit 0
fi
found() { command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null; }
if ! found >/dev/null; then
  [[ "$(id -u)" == 0 ]] || { echo "[chromium] not found. Install it: sudo apt-get install -y chromium" >&2; exit 1; }
  command -v apt-get >/dev/null || { echo "[chromium] not found and apt-get is missing: install Chromium and set CHROMIUM_PATH" >&2; exit 1; }
  echo "[chromium] installing Debian's chromium package" >&2
  flock /tmp/ejournal-apt.lock bash -c '
    command -v chromium >/dev/null && exit 0
    apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium >/dev/null' ||
    { echo "[chromium] apt-get install chromium failed" >&2; exit 1; }
fi
found
