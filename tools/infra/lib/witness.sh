# shellcheck shell=bash
# Two C2SP tlog-witness servers for the tests: torchwood's litewitness (pinned in
# tools/witness/go.mod, SQLite through pure-Go modernc.org/sqlite, so no cgo), each with its own
# Ed25519 key held by its own ssh-agent (litewitness takes its key only from an agent), on
# 127.0.0.1:57380 and :57381. Also builds witnessctl (adds a log and its key to a witness's
# database; tests do that for the logs they create) and tools/witness/cmd/note-verify (checks
# a checkpoint note with golang.org/x/mod/sumdb/note). Sourced by the infra script; expects
# ROOT and INFRA_DIR.

type log >/dev/null 2>&1 || log() { echo "$*"; }
type die >/dev/null 2>&1 || die() {
  echo "error: $*" >&2
  exit 1
}

WITNESS_PORTS=(${WITNESS_PORTS:-57380 57381})

_witness_dir() { echo "$INFRA_DIR/witness/$1"; }
_witness_port() { echo "${WITNESS_PORTS[$(($1 - 1))]}"; }
_witness_name() { echo "ejournal.test/witness-$1"; }

witness_prepare() {
  local src=$ROOT/tools/witness bin=$INFRA_DIR/bin stamp=$INFRA_DIR/witness/build.stamp hash cmd
  command -v go >/dev/null 2>&1 || die "go not found: it builds the test witnesses (tools/witness)"
  command -v ssh-agent >/dev/null 2>&1 || _witness_install_ssh
  hash=$(cd "$src" && { go env GOVERSION; cat go.mod go.sum cmd/*/*.go; } | sha256sum) ||
    die "cannot hash $src"
  hash=${hash%% *}
  if [[ -x $bin/litewitness && -x $bin/witnessctl && -x $bin/note-verify ]] &&
    stamp_matches "$stamp" "$hash"; then
    return 0
  fi
  log "building litewitness, witnessctl and note-verify (the first build downloads modules)"
  mkdir -p "$bin" "${stamp%/*}"
  for cmd in filippo.io/torchwood/cmd/litewitness filippo.io/torchwood/cmd/witnessctl ./cmd/note-verify; do
    (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$bin/${cmd##*/}.tmp" "$cmd") ||
      die "building $cmd failed"
    mv -f "$bin/${cmd##*/}.tmp" "$bin/${cmd##*/}"
  done
  echo "$hash" >"$stamp"
}

# ssh-agent and ssh-keygen come with Debian's openssh-client.
_witness_install_ssh() {
  [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null ||
    die "ssh-agent not found: apt-get install -y openssh-client (it holds the witnesses' keys)"
  log "installing openssh-client (ssh-agent holds the test witnesses' keys)"
  flock /tmp/ejournal-apt.lock apt-get -o DPkg::Lock::Timeout=300 install -y -qq openssh-client >/dev/null ||
    { flock /tmp/ejournal-apt.lock apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      flock /tmp/ejournal-apt.lock apt-get -o DPkg::Lock::Timeout=300 install -y -qq openssh-client >/dev/null; } ||
    die "apt-get install openssh-client failed"
}

_witness_agent_up() {
  local dir=$1 out
  if pid_alive "$dir/agent.pid" && [[ -S $dir/agent.sock ]]; then return 0; fi
  rm -f "$dir/agent.sock"
  out=$(ssh-agent -s -a "$dir/agent.sock") || die "ssh-agent did not start"
  [[ $out =~ SSH_AGENT_PID=([0-9]+) ]] || die "ssh-agent printed no pid"
  echo "${BASH_REMATCH[1]}" >"$dir/agent.pid"
  SSH_AUTH_SOCK=$dir/agent.sock ssh-add -q "$dir/key" || die "ssh-add $dir/key failed"
}

_witness_running() { pid_alive "$(_witness_dir "$1")/litewitness.pid"; }

witness_start() {
  local i dir port fingerprint logfile n
  for i in 1 2; do
    dir=$(_witness_dir "$i") port=$(_witness_port "$i") logfile=$INFRA_DIR/logs/witness-$i.log
    mkdir -p "$dir" "${logfile%/*}"
    [[ -f $dir/key ]] || ssh-keygen -q -t ed25519 -N '' -C "$(_witness_name "$i")" -f "$dir/key" ||
      die "ssh-keygen failed"
    _witness_agent_up "$dir"
    _witness_running "$i" && continue
    fingerprint=$(ssh-keygen -l -E sha256 -f "$dir/key.pub" | cut -d' ' -f2)
    log "starting witness $i on 127.0.0.1:$port"
    echo "--- witness_start $(date -u +%FT%TZ)" >>"$logfile"
    n=$(wc -l <"$logfile")
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner sh
    setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$dir/litewitness.pid" \
      "$INFRA_DIR/bin/litewitness" -name "$(_witness_name "$i")" -db "$dir/witness.db" \
      -ssh-agent "$dir/agent.sock" -key "$fingerprint" -listen "127.0.0.1:$port" \
      </dev/null >>"$logfile" 2>&1 &
    _witness_wait "$i" "$logfile" "$n"
  done
}

# Waits until witness I listens, and keeps the verifier key it logs at start (vkey=...).
_witness_wait() {
  local i=$1 logfile=$2 from=$3 dir vkey start=$SECONDS
  dir=$(_witness_dir "$i")
  until port_open "$(_witness_port "$i")"; do
    # The wrapper writes the pidfile a moment after it is forked: only a recorded pid that is
    # gone, or the timeout, means it failed.
    if ((SECONDS - start >= 30)) || { [[ -s $dir/litewitness.pid ]] && ! _witness_running "$i"; }; then
      die "witness $i did not start; last log lines ($logfile):
$(tail -n 20 "$logfile")"
    fi
    sleep 0.1
  done
  vkey=$(tail -n "+$((from + 1))" "$logfile" | grep -o 'vkey=[^ ]*' | tail -n 1)
  [[ -n $vkey ]] || die "witness $i logged no verifier key"
  echo "${vkey#vkey=}" >"$dir/vkey"
}

witness_stop() {
  local i dir
  for i in 1 2; do
    dir=$(_witness_dir "$i")
    stop_pidfile "witness $i" "$dir/litewitness.pid" 10
    stop_pidfile "witness $i ssh-agent" "$dir/agent.pid" 5
  done
}

witness_status() {
  local i failed=0
  for i in 1 2; do
    if _witness_running "$i" && port_open "$(_witness_port "$i")"; then
      printf '%-10s%-6s%s\n' "witness-$i" up "127.0.0.1:$(_witness_port "$i")"
    else
      printf '%-10s%-6s%s\n' "witness-$i" down "127.0.0.1:$(_witness_port "$i")"
      failed=1
    fi
  done
  return "$failed"
}

# Assignments for the tests: the witnesses' URLs, verifier keys and databases (for witnessctl).
witness_env() {
  local i urls=() keys=() dbs=()
  for i in 1 2; do
    urls+=("http://127.0.0.1:$(_witness_port "$i")")
    keys+=("$(cat "$(_witness_dir "$i")/vkey" 2>/dev/null)")
    dbs+=("$(_witness_dir "$i")/witness.db")
  done
  local IFS=,
  echo "export EJOURNAL_TEST_WITNESS_URLS=${urls[*]}"
  echo "export EJOURNAL_TEST_WITNESS_KEYS='${keys[*]}'"
  echo "export EJOURNAL_TEST_WITNESS_DBS=${dbs[*]}"
  echo "export EJOURNAL_WITNESSCTL=$INFRA_DIR/bin/witnessctl"
  echo "export EJOURNAL_NOTE_VERIFY=$INFRA_DIR/bin/note-verify"
}
