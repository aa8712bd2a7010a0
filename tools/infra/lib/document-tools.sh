# Debian packages the archive's year-end documents need (services/archive/src/documents):
# the DejaVu fonts embedded in the PDFs (Cyrillic), the sRGB ICC profile of their PDF/A output
# intent (colord-data), poppler-utils (`pdftotext`, the tests read
# the PDFs back) and openssl (the tests verify the CMS signatures with `openssl cms -verify`).
# shellcheck shell=bash

DOCUMENT_PACKAGES=(fonts-dejavu-core poppler-utils openssl colord-data)

document_tools_missing() {
  local missing=()
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v openssl >/dev/null || missing+=(openssl)
  [[ -f /usr/share/color/icc/colord/sRGB.icc ]] || missing+=(colord-data)
  printf '%s\n' "${missing[@]}"
}

document_tools_prepare() {
  local missing
  missing="$(document_tools_missing)"
  [[ -z "$missing" ]] && return 0
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
    log "warning: the archive's documents need: $(echo "$missing" | tr '\n' ' ')(apt-get install -y ${DOCUMENT_PACKAGES[*]})"
    return 0
  fi
  log "installing $(echo "$missing" | tr '\n' ' ')from Debian packages"
  # shellcheck disable=SC2046
  flock /tmp/ejournal-apt.lock apt-get -o DPkg::Lock::Timeout=300 install -y -qq $(echo "$missing") >/dev/null ||
    { flock /tmp/ejournal-apt.lock apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      flock /tmp/ejournal-apt.lock apt-get -o DPkg::Lock::Timeout=300 install -y -qq $(echo "$missing") >/dev/null; } ||
    die "apt-get install $(echo "$missing" | tr '\n' ' ')failed"
}
