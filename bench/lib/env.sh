# Paths, the isolated environment every measured command runs in, logging, quoting, and the EXIT
# trap that kills every private tmux server this run started. Sourced by run.sh.
# shellcheck shell=bash

BENCH_DIR=${BENCH_DIR:?}
ROOT=$(cd "$BENCH_DIR/.." && pwd)
WORK=$BENCH_DIR/.work
RES=$WORK/results # hyperfine JSON, probe output, call logs, the manifest (rebuilt each run)
FX=$WORK/fixtures # repos, workspace YAMLs, tmux.conf
HOMEDIR=$WORK/home # HOME for everything measured: peers' update checks and state stay here
PEERS=$WORK/peers  # npm prefix of the npm peers
SHIM=$WORK/shim    # git/tmux wrappers that count processes
PLUM_BIN=${BENCH_PLUM_BIN:-$ROOT/apps/plum/bin/plum.cjs} # override to bench another build
POTS_BIN=${BENCH_POTS_BIN:-$ROOT/apps/pots/bin/pots.cjs}
SNAPSHOT=${BENCH_SNAPSHOT:-1}
DIST_WATCH=() # dist dirs whose change during a table makes its numbers suspect

QUICK=${BENCH_QUICK:-0}
[ "$QUICK" = 0 ] || QUICK=1
if [ "$QUICK" = 1 ]; then
  HF_OPTS=(--warmup 1 --min-runs 3 --max-runs 10)
  LAT_LINES=${BENCH_LATENCY_LINES:-60}
  MCP_CALLS=${BENCH_MCP_CALLS:-50}
else
  HF_OPTS=(--warmup 3 --min-runs 10)
  LAT_LINES=${BENCH_LATENCY_LINES:-200}
  MCP_CALLS=${BENCH_MCP_CALLS:-200}
fi

log() { printf '\033[1m[bench %s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '\033[33m[bench] warning:\033[0m %s\n' "$*" >&2; }

# POSIX single quoting: the result splits back into the same argument under bash and under
# hyperfine -N's shell-words splitting.
sq() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }
# All arguments, each quoted, joined by spaces.
cmdline() {
  local out='' a
  for a in "$@"; do out+="${out:+ }$(sq "$a")"; done
  printf '%s' "$out"
}

REAL_GIT=$(command -v git)
REAL_TMUX=$(command -v tmux || true)
REAL_NODE=$(command -v node)

# Never the user's default tmux server: every server this run starts lives in its own socket
# directory (TMUX_TMPDIR) under a socket name unique to this run, and nothing inherits $TMUX.
# The socket directory the user's default server uses is remembered so the end of the run can
# check that nothing new appeared there.
USER_TMUX_DIR=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)
USER_TMUX_BEFORE=$(ls -A "$USER_TMUX_DIR" 2>/dev/null | sort | tr '\n' ' ' || true)
BENCH_TMUX_TMPDIR=$(mktemp -d /tmp/plumbench.XXXXXX) # short: socket paths must stay < 108 bytes
SOCK_PREFIX=pb$$
STARTED_SOCKETS=()

# A private tmux server: `ptmux NAME args…`.
ptmux() {
  local sock=$1
  shift
  TMUX_TMPDIR=$BENCH_TMUX_TMPDIR "$REAL_TMUX" -L "$sock" -f "$FX/tmux.conf" "$@"
}

cleanup_all() {
  local rc=$? sock
  set +e
  for pid in "${BACKGROUND_PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null; done
  for sock in "${STARTED_SOCKETS[@]:-}"; do
    [ -n "$sock" ] && ptmux "$sock" kill-server >/dev/null 2>&1
  done
  rm -rf "$BENCH_TMUX_TMPDIR"
  # Other programs may come and go in that directory; only a `default` socket or one of this
  # run's names appearing there would mean a tmux call escaped the private directory.
  local path entry
  for path in "$USER_TMUX_DIR"/*; do
    [ -e "$path" ] || continue
    entry=${path##*/}
    case " $USER_TMUX_BEFORE " in *" $entry "*) continue ;; esac
    case $entry in
      default | "$SOCK_PREFIX"*) warn "a tmux socket appeared in the user's socket directory: $USER_TMUX_DIR/$entry" ;;
    esac
  done
  exit "$rc"
}
BACKGROUND_PIDS=()
trap cleanup_all EXIT
trap 'exit 130' INT TERM

# NODE_EXTRA_CA_CERTS makes Node load a CA bundle at every start (~35 ms on Node 20): users rarely
# set it, so the primary figures are taken without it; rows marked "(NODE_EXTRA_CA_CERTS set)" put
# it back (through `env`) so runs from before this change stay comparable.
CA_CERTS=${NODE_EXTRA_CA_CERTS:-}

# The environment every measured command runs in (exported once, here): HOME and XDG dirs inside
# .work, no tmux/pnpm/npm leftovers from a parent, no colour, the private tmux socket directory,
# no NODE_EXTRA_CA_CERTS (the honest baseline).
isolate_env() {
  unset NODE_EXTRA_CA_CERTS
  unset TMUX TMUX_PANE NODE_OPTIONS INIT_CWD POTS_TMUX_SOCKET_NAME POTS_SESSION_PREFIX \
    POTS_DEFAULT_TASK POTS_AUTO_START_SESSION GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE \
    GIT_COMMON_DIR GIT_CEILING_DIRECTORIES
  local v
  for v in $(compgen -e); do
    case $v in npm_* | NPM_* | PNPM_* | pnpm_* | TURBO_* | PLUM_*) unset "$v" ;; esac
  done
  export HOME=$HOMEDIR
  export XDG_CONFIG_HOME=$HOMEDIR/.config XDG_STATE_HOME=$HOMEDIR/.local/state
  export XDG_CACHE_HOME=$HOMEDIR/.cache XDG_DATA_HOME=$HOMEDIR/.local/share
  export TMUX_TMPDIR=$BENCH_TMUX_TMPDIR
  export NO_COLOR=1 FORCE_COLOR=0 TERM=${TERM:-xterm-256color} LANG=C.UTF-8 LC_ALL=C.UTF-8
  export SHELL=/bin/sh
  export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid
  export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid
  export GIT_CONFIG_NOSYSTEM=1
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME"
}

# The bins are a launcher (bin/<app>.cjs) and a bundle (dist/bin.js plus its chunks): run a
# byte-identical copy of apps/*/{bin,dist} taken at the start, so a build running elsewhere during the bench (tsup empties dist/ first) cannot turn
# rows into "Cannot find module". Retried while the copy is inconsistent (a build was mid-write).
# BENCH_SNAPSHOT=0 runs apps/*/dist in place and only warns when it changes under a table.
snapshot_dist() {
  local app var src dst try ok
  for app in plum pots; do
    var=${app^^}_BIN
    src=$ROOT/apps/$app
    [ "${!var}" = "$src/bin/$app.cjs" ] || continue # BENCH_*_BIN points elsewhere: leave it
    if [ "$SNAPSHOT" != 1 ] || [ ! -f "$src/dist/bin.js" ]; then
      DIST_WATCH+=("$src/dist")
      continue
    fi
    dst=$WORK/snapshot/apps/$app
    for try in 1 2 3 4 5; do
      rm -rf "$dst" && mkdir -p "$dst"
      cp -a "$src/dist" "$dst/dist" 2>/dev/null || true
      cp -a "$src/bin" "$dst/bin"
      cp "$src/package.json" "$dst/package.json"
      ln -s "$src/node_modules" "$dst/node_modules" # externals (typescript) resolve as from src
      ok=1
      local ref
      for ref in $(grep -ohE "[\"'][.]/[A-Za-z0-9_.-]+[.]js[\"']" "$dst"/dist/*.js 2>/dev/null | tr -d "\"'" | sort -u); do
        [ -f "$dst/dist/$ref" ] || { ok=0; break; }
      done
      [ -f "$dst/dist/bin.js" ] || ok=0
      [ "$ok" = 1 ] && break
      warn "apps/$app/dist changed while it was copied (a build is running?); trying again"
      sleep 3
    done
    [ "$ok" = 1 ] || warn "apps/$app/dist: no consistent copy after 5 tries; using the last one"
    printf -v "$var" '%s' "$dst/bin/$app.cjs"
  done
}
