# shellcheck shell=bash
# FerretDB (MongoDB wire protocol on PostgreSQL), built from tools/ferretdb.
# Sourced by the infra script; expects ROOT and INFRA_DIR. The caller creates
# the PostgreSQL database `ferretdb` before ferretdb_start.

type log >/dev/null 2>&1 || log() { echo "$*"; }
type die >/dev/null 2>&1 || die() { echo "error: $*" >&2; exit 1; }

FERRETDB_PORT=${FERRETDB_PORT:-57017}
PG_PORT=${PG_PORT:-55432}

# FerretDB v1.24.x declares `go 1.24` in its go.mod.
FERRETDB_GO_MIN=1.24

_ferretdb_bin() { echo "$INFRA_DIR/bin/ferretdb"; }
_ferretdb_pidfile() { echo "$INFRA_DIR/ferretdb/ferretdb.pid"; }
_ferretdb_logfile() { echo "$INFRA_DIR/logs/ferretdb.log"; }
_ferretdb_addr() { echo "127.0.0.1:$FERRETDB_PORT"; }

ferretdb_prepare() {
  local src=$ROOT/tools/ferretdb bin stamp goversion major minor want hash
  bin=$(_ferretdb_bin)
  stamp=$INFRA_DIR/ferretdb/build.stamp

  command -v go >/dev/null 2>&1 ||
    die "go not found: install Go >= $FERRETDB_GO_MIN from https://go.dev/dl (Debian 12's golang-go is 1.19, too old)"

  # Run inside the module: Go >= 1.21 switches to the toolchain go.mod asks for (GOTOOLCHAIN=auto).
  goversion=$(cd "$src" && go env GOVERSION) || die "go env failed in $src"
  IFS=. read -r major minor _ <<<"${goversion#go}"
  minor=${minor%%[!0-9]*}
  want=${FERRETDB_GO_MIN#*.}
  if ((major < 1 || (major == 1 && ${minor:-0} < want))); then
    die "$goversion is too old: install Go >= $FERRETDB_GO_MIN from https://go.dev/dl (Debian 12's golang-go is 1.19)"
  fi

  hash=$(cd "$src" && { echo "$goversion"; cat go.mod go.sum main.go; } | { sha256sum 2>/dev/null || shasum -a 256; }) ||
    die "cannot hash $src/{go.mod,go.sum,main.go}"
  hash=${hash%% *}
  if [[ -x $bin && -f $stamp && $(<"$stamp") == "$hash" ]]; then
    return 0
  fi

  log "building ferretdb ($goversion; the first build downloads modules and can take a minute or more)"
  mkdir -p "${bin%/*}" "${stamp%/*}"
  # Build to a temp file so a failed build never leaves a half-written binary behind;
  # CGO_ENABLED=0 because nothing here needs C and it avoids requiring gcc.
  (cd "$src" && CGO_ENABLED=0 go build -tags ferretdb_no_sqlite -trimpath -o "$bin.tmp" .) ||
    die "ferretdb build failed"
  mv -f "$bin.tmp" "$bin"
  echo "$hash" >"$stamp"
}

# Prints the pid if the pidfile names a live ferretdb process (not a reused pid).
_ferretdb_pid() {
  local pidfile pid comm
  pidfile=$(_ferretdb_pidfile)
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || ps -p "$pid" -o comm= 2>/dev/null) || return 1
  [[ ${comm##*/} == ferretdb ]] || return 1
  echo "$pid"
}

ferretdb_running() { _ferretdb_pid >/dev/null; }

ferretdb_start() {
  local bin pidfile logfile i
  ferretdb_running && return 0
  bin=$(_ferretdb_bin) pidfile=$(_ferretdb_pidfile) logfile=$(_ferretdb_logfile)
  [[ -x $bin ]] || ferretdb_prepare
  mkdir -p "${pidfile%/*}" "${logfile%/*}"
  rm -f "$pidfile"

  log "starting ferretdb on $(_ferretdb_addr)"
  echo "--- ferretdb_start $(date -u +%FT%TZ)" >>"$logfile"
  # setsid: own session, so Ctrl-C in the caller's terminal does not reach it
  # (Go re-enables SIGINT even when started with it ignored). The sh wrapper
  # records the real pid: setsid forks (changing the pid) when run as a group leader.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner sh
  FERRETDB_POSTGRESQL_URL=${FERRETDB_POSTGRESQL_URL:-postgres://postgres@127.0.0.1:$PG_PORT/ferretdb} \
    setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$pidfile" \
    "$bin" -listen-addr "$(_ferretdb_addr)" -log-level "${FERRETDB_LOG_LEVEL:-warn}" \
    </dev/null >>"$logfile" 2>&1 &

  # Wait until the wrapper has written the pidfile and exec'd, so callers can check at once.
  for ((i = 0; i < 50; i++)); do
    ferretdb_running && return 0
    [[ -s $pidfile ]] && ! kill -0 "$(<"$pidfile")" 2>/dev/null && break
    sleep 0.1
  done
  die "ferretdb did not start; last log lines ($logfile):
$(tail -n 30 "$logfile" 2>/dev/null)"
}

ferretdb_ready() {
  ferretdb_running && "$(_ferretdb_bin)" -ping "$(_ferretdb_addr)" >/dev/null 2>&1
}

ferretdb_wait_ready() {
  local timeout=${1:-30} start=$SECONDS why=
  until ferretdb_ready; do
    if ! ferretdb_running; then
      why="exited"
    elif ((SECONDS - start >= timeout)); then
      why="not ready after ${timeout}s"
    else
      sleep 0.2
      continue
    fi
    die "ferretdb $why; last log lines ($(_ferretdb_logfile)):
$(tail -n 30 "$(_ferretdb_logfile)" 2>/dev/null)"
  done
}

ferretdb_stop() {
  _ferretdb_pid >/dev/null || { rm -f "$(_ferretdb_pidfile)"; return 0; }
  log "stopping ferretdb (pid $(cat "$(_ferretdb_pidfile)"))"
  stop_pidfile ferretdb "$(_ferretdb_pidfile)" 10
}

ferretdb_status() {
  local pid
  if ! pid=$(_ferretdb_pid); then
    printf '%-10s%-6s%s\n' ferretdb down "$(_ferretdb_addr)"
    return 1
  fi
  if ferretdb_ready; then
    printf '%-10s%-6s%s  pid %s\n' ferretdb up "$(_ferretdb_addr)" "$pid"
  else
    printf '%-10s%-6s%s  pid %s (not answering)\n' ferretdb fail "$(_ferretdb_addr)" "$pid"
    return 1
  fi
}
