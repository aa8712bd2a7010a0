# shellcheck shell=bash
# Versity S3 Gateway (Apache-2.0): an S3-compatible server with object lock (WORM) on its posix
# backend, built from tools/versitygw with the Go module proxy. Holds the archive's documents
# when DOCUMENT_STORE=s3 and serves libs/document-store's integration tests.
# Sourced by the infra script; expects ROOT and INFRA_DIR.

type log >/dev/null 2>&1 || log() { echo "$*"; }
type die >/dev/null 2>&1 || die() { echo "error: $*" >&2; exit 1; }

# Below Linux's ephemeral range (32768-60999), where a client's outgoing port can hold it.
VERSITYGW_PORT=${VERSITYGW_PORT:-27070}
# Local-only root credentials (the gateway's root account), as PostgreSQL's trust auth is.
VERSITYGW_ACCESS_KEY=${VERSITYGW_ACCESS_KEY:-ejournal}
VERSITYGW_SECRET_KEY=${VERSITYGW_SECRET_KEY:-ejournal-local-secret}
VERSITYGW_REGION=${VERSITYGW_REGION:-us-east-1}

# versitygw v1.8.0 declares `go 1.25.0` in its go.mod.
VERSITYGW_GO_MIN=1.25

_versitygw_bin() { echo "$INFRA_DIR/bin/versitygw"; }
_versitygw_dir() { echo "$INFRA_DIR/versitygw"; }
_versitygw_pidfile() { echo "$INFRA_DIR/versitygw/versitygw.pid"; }
_versitygw_logfile() { echo "$INFRA_DIR/logs/versitygw.log"; }
_versitygw_addr() { echo "127.0.0.1:$VERSITYGW_PORT"; }

versitygw_prepare() {
  local src=$ROOT/tools/versitygw bin stamp goversion major minor hash started=$SECONDS
  bin=$(_versitygw_bin)
  stamp=$(_versitygw_dir)/build.stamp

  command -v go >/dev/null 2>&1 || die "go not found: install Go >= $VERSITYGW_GO_MIN from https://go.dev/dl"
  goversion=$(cd "$src" && go env GOVERSION) || die "go env failed in $src"
  IFS=. read -r major minor _ <<<"${goversion#go}"
  minor=${minor%%[!0-9]*}
  if ((major < 1 || (major == 1 && ${minor:-0} < ${VERSITYGW_GO_MIN#*.}))); then
    die "$goversion is too old: install Go >= $VERSITYGW_GO_MIN from https://go.dev/dl"
  fi

  hash=$(cd "$src" && { echo "$goversion"; cat go.mod go.sum; } | sha256sum) || die "cannot hash $src/go.{mod,sum}"
  hash=${hash%% *}
  [[ -x $bin && -f $stamp && $(<"$stamp") == "$hash" ]] && return 0

  log "building versitygw ($goversion; the first build downloads modules and takes a few minutes)"
  mkdir -p "${bin%/*}" "${stamp%/*}"
  # The module pins the gateway as a Go tool (go.mod `tool`), so go.sum fixes every dependency.
  # A temp file, so a failed build never leaves a half-written binary; no cgo, no gcc needed.
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" github.com/versity/versitygw/cmd/versitygw) ||
    die "versitygw build failed"
  mv -f "$bin.tmp" "$bin"
  echo "$hash" >"$stamp"
  log "built versitygw in $((SECONDS - started))s"
}

# Prints the pid if the pidfile names a live versitygw process (not a reused pid).
_versitygw_pid() {
  local pidfile pid comm
  pidfile=$(_versitygw_pidfile)
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || ps -p "$pid" -o comm= 2>/dev/null) || return 1
  [[ ${comm##*/} == versitygw ]] || return 1
  echo "$pid"
}

versitygw_running() { _versitygw_pid >/dev/null; }

versitygw_start() {
  local bin pidfile logfile dir i
  versitygw_running && return 0
  bin=$(_versitygw_bin) pidfile=$(_versitygw_pidfile) logfile=$(_versitygw_logfile) dir=$(_versitygw_dir)
  [[ -x $bin ]] || versitygw_prepare
  # Buckets are directories under data/ (metadata in extended attributes); object lock needs
  # versioning, whose older versions live under versions/.
  mkdir -p "$dir/data" "$dir/versions" "${logfile%/*}"
  rm -f "$pidfile"

  log "starting versitygw on $(_versitygw_addr)"
  echo "--- versitygw_start $(date -u +%FT%TZ)" >>"$logfile"
  # Credentials through the environment, not argv (ps shows argv). setsid and the sh wrapper
  # as for FerretDB: its own session, and the pidfile names the exec'd gateway.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner sh
  ROOT_ACCESS_KEY_ID=$VERSITYGW_ACCESS_KEY ROOT_SECRET_ACCESS_KEY=$VERSITYGW_SECRET_KEY \
    setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$pidfile" \
    "$bin" --port "$(_versitygw_addr)" --region "$VERSITYGW_REGION" --quiet \
    posix --versioning-dir "$dir/versions" "$dir/data" \
    </dev/null >>"$logfile" 2>&1 &

  for ((i = 0; i < 50; i++)); do
    versitygw_running && return 0
    [[ -s $pidfile ]] && ! kill -0 "$(<"$pidfile")" 2>/dev/null && break
    sleep 0.1
  done
  die "versitygw did not start; last log lines ($logfile):
$(tail -n 30 "$logfile" 2>/dev/null)"
}

# Ready when the gateway answers HTTP (an anonymous request gets its 403 S3 error back).
versitygw_ready() {
  versitygw_running || return 1
  local answer
  answer=$(
    exec 2>/dev/null
    exec 3<>"/dev/tcp/127.0.0.1/$VERSITYGW_PORT" || exit 1
    printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
    timeout 3 head -c 512 <&3
  ) || return 1
  [[ $answer == HTTP/1.1\ * && $answer == *'Server: VERSITYGW'* ]]
}

versitygw_wait_ready() {
  local timeout=${1:-30} start=$SECONDS why=
  until versitygw_ready; do
    if ! versitygw_running; then
      why="exited"
    elif ((SECONDS - start >= timeout)); then
      why="not ready after ${timeout}s"
    else
      sleep 0.2
      continue
    fi
    die "versitygw $why; last log lines ($(_versitygw_logfile)):
$(tail -n 30 "$(_versitygw_logfile)" 2>/dev/null)"
  done
}

versitygw_stop() {
  _versitygw_pid >/dev/null || {
    rm -f "$(_versitygw_pidfile)"
    return 0
  }
  log "stopping versitygw (pid $(cat "$(_versitygw_pidfile)"))"
  stop_pidfile versitygw "$(_versitygw_pidfile)" 10
}

versitygw_status() {
  local pid
  if ! pid=$(_versitygw_pid); then
    printf '%-10s%-6s%s\n' versitygw down "$(_versitygw_addr)"
    return 1
  fi
  if versitygw_ready; then
    printf '%-10s%-6s%s  pid %s\n' versitygw up "$(_versitygw_addr)" "$pid"
  else
    printf '%-10s%-6s%s  pid %s (not answering)\n' versitygw fail "$(_versitygw_addr)" "$pid"
    return 1
  fi
}

# Shell assignments for libs/document-store's S3 store (and its tests) against this gateway.
versitygw_env() {
  cat <<ENV
export S3_ENDPOINT=http://$(_versitygw_addr)
export S3_REGION=$VERSITYGW_REGION
export S3_ACCESS_KEY_ID=$VERSITYGW_ACCESS_KEY
export S3_SECRET_ACCESS_KEY=$VERSITYGW_SECRET_KEY
export VERSITYGW_DIR=$(_versitygw_dir)
ENV
}
