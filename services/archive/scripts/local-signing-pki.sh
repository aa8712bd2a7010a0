#!/usr/bin/env bash
# A local certification authority and a head of school's software signing key, for `npm start`,
# the tests and the bench (never for production: a qualified signature needs a GOST key in a
# certified provider). Idempotent: keeps what DIR already holds.
#   bash services/archive/scripts/local-signing-pki.sh DIR [PERSON_ID]
# DIR gets ca.pem (the trust anchor), ca.key.pem, and <PERSON_ID|default>.{key,cert}.pem as
# SoftwareDocumentSigner reads them (SIGNING_KEYS_DIR).
set -euo pipefail
dir="${1:?usage: local-signing-pki.sh DIR [PERSON_ID]}"
name="${2:-default}"
command -v openssl >/dev/null || { echo "openssl is missing: apt-get install -y openssl" >&2; exit 1; }
mkdir -p "$dir"
cd "$dir"
umask 077
if [[ ! -f ca.pem ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key.pem \
    -out ca.pem -days 3650 -subj "/O=ejournal local/CN=ejournal local signing CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>/dev/null
fi
if [[ ! -f "$name.cert.pem" ]]; then
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$name.key.pem" \
    -out "$name.csr" -subj "/O=ejournal local/CN=head of school $name" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key.pem -CAcreateserial -days 825 \
    -extfile "$name.ext" -out "$name.cert.pem" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
fi
chmod 644 ca.pem "$name.cert.pem"
