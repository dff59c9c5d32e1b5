#!/usr/bin/env bash
# plum + pots benchmark harness: fixtures, process counts, hyperfine side by side with `node -e 0`
# and the peers, the pots logs latency, then bench/RESULTS.md. See bench/README.md.
#   bash bench/run.sh                 full run (about 6–8 min on 2 cores)
#   BENCH_QUICK=1 bash bench/run.sh   fewer runs, no 200-worktree / 500-session fixtures
# Never talks to the user's default tmux server: every server is private (own TMUX_TMPDIR and -L
# name) and killed on exit. Fails only on harness bugs: a missing or failing command is a row that
# says so.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ORIG_HOME=${HOME:-/root}
ORIG_XDG_CACHE_HOME=${XDG_CACHE_HOME:-}
# shellcheck source=lib/env.sh
source "$BENCH_DIR/lib/env.sh"
# shellcheck source=lib/tools.sh
source "$BENCH_DIR/lib/tools.sh"
# shellcheck source=lib/fixtures.sh
source "$BENCH_DIR/lib/fixtures.sh"
# shellcheck source=lib/measure.sh
source "$BENCH_DIR/lib/measure.sh"

STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
FLOORS=$BENCH_DIR/floors
# Above this 1-minute load average (at the start or the end) the numbers measure the neighbours:
# RESULTS.md is not written unless BENCH_ALLOW_LOAD=1, and then it says so at the top.
LOAD_LIMIT=${BENCH_LOAD_LIMIT:-1.5}
over_limit() { awk -v l="${1%% *}" -v m="$LOAD_LIMIT" 'BEGIN { exit !(l + 0 > m + 0) }'; }
if over_limit "$LOAD_START"; then
  warn "load average $LOAD_START is above $LOAD_LIMIT: $([ "${BENCH_ALLOW_LOAD:-0}" = 1 ] &&
    echo 'BENCH_ALLOW_LOAD=1, so RESULTS.md will be written, marked as measured under load' ||
    echo 'RESULTS.md will not be written (BENCH_ALLOW_LOAD=1 writes it anyway, marked)')"
fi
log "mode: $([ "$QUICK" = 1 ] && echo quick || echo full); tmux sockets in $BENCH_TMUX_TMPDIR"

isolate_env
rm -rf "$RES"
mkdir -p "$RES/out" "$RES/calls" "$RES/hf" "$FX" "$HOMEDIR"
[ -f "$ROOT/apps/plum/dist/bin.js" ] || warn "apps/plum/dist/bin.js is missing (run pnpm build): plum rows will fail"
[ -f "$ROOT/apps/pots/dist/bin.js" ] || warn "apps/pots/dist/bin.js is missing (run pnpm build): pots rows will fail"
snapshot_dist

ensure_tools

# ---- fixtures -------------------------------------------------------------------------------
write_tmux_conf
make_repo repo20 20
make_repo repo50 50
[ "$QUICK" = 1 ] || make_repo repo200 200
make_shim
make_copy_project

S10=$SOCK_PREFIX-s10 S100=$SOCK_PREFIX-s100 S500=$SOCK_PREFIX-s500
SCREATE=$SOCK_PREFIX-create SLAT=$SOCK_PREFIX-lat
log "fixture: private tmux servers with 10 and 100$([ "$QUICK" = 1 ] || echo ' and 500') sessions"
make_sessions "$S10" 10 repo50 50
make_sessions "$S100" 100 repo50 50
[ "$QUICK" = 1 ] || make_sessions "$S500" 500 repo50 50
start_server "$SCREATE"
start_server "$SLAT"
WT1=$(wt_path repo20 1)
write_layouts "$SCREATE" "$WT1"

# ---- rows -----------------------------------------------------------------------------------
missing_if_absent() { # tool → "--missing 'not installed'" when it is not on PATH / in the prefix
  [ -n "$1" ] && [ -x "$1" ] || printf 'not installed'
}
TMUXP=$(command -v tmuxp || true)
TMUXINATOR=$(command -v tmuxinator || true)
BRANCHLET=$(peer_bin branchlet || true)
WTBIN=$(peer_bin wt || true)
ORCH=$(peer_bin orchestra-cli || true)
# A row for a tool that may be missing: `opt_row ID LABEL BIN ARGS…` (BIN may be empty).
opt_row() {
  local id=$1 label=$2 bin=$3 extra=()
  shift 3
  local why
  why=$(missing_if_absent "$bin")
  [ -z "$why" ] || extra=(--missing "$why")
  row "$id" "$label" "${extra[@]}" "${PREP_ARGS[@]}" -- "${bin:-missing}" "$@"
}
PREP_ARGS=()

group startup "$FX/repo20"
row startup.git 'git worktree list --porcelain (20 worktrees)' -- git worktree list --porcelain
row startup.tmux 'tmux list-sessions (100 sessions)' -- tmux -L "$S100" list-sessions
row startup.plum-version 'plum --version' -- node "$PLUM_BIN" --version
row startup.pots-version 'pots --version' -- node "$POTS_BIN" --version
ca_row startup.plum-version 'plum --version' -- node "$PLUM_BIN" --version
ca_row startup.pots-version 'pots --version' -- node "$POTS_BIN" --version
row startup.plum-path 'plum path wt-005' -- node "$PLUM_BIN" path wt-005
opt_row startup.wt-version 'wt --version' "$WTBIN" --version
opt_row startup.tmuxp-version 'tmuxp --version' "$TMUXP" --version
opt_row startup.tmuxinator-version 'tmuxinator version' "$TMUXINATOR" version

group list20 "$FX/repo20"
row list20.git 'git worktree list --porcelain' -- git worktree list --porcelain
row list20.floor 'floor: plum list --json' -- node "$FLOORS/plum-list.mjs"
row list20.plum 'plum list --json' -- node "$PLUM_BIN" list --json
ca_row list20.plum 'plum list --json' -- node "$PLUM_BIN" list --json
row list20.plum-nostatus 'plum list --json --no-status' -- node "$PLUM_BIN" list --json --no-status
opt_row list20.branchlet 'branchlet list --json' "$BRANCHLET" list --json
opt_row list20.wt 'wt list --json' "$WTBIN" list --json
opt_row list20.orchestra 'orchestra-cli ls' "$ORCH" ls

if [ "$QUICK" = 0 ]; then
  group list200 "$FX/repo200"
  row list200.git 'git worktree list --porcelain' -- git worktree list --porcelain
  row list200.floor 'floor: plum list --json' -- node "$FLOORS/plum-list.mjs"
  row list200.plum 'plum list --json' -- node "$PLUM_BIN" list --json
  row list200.plum-nostatus 'plum list --json --no-status' -- node "$PLUM_BIN" list --json --no-status
fi

group potslist "$FX/repo50"
for n in 10 100 500; do
  [ "$QUICK" = 0 ] || [ "$n" != 500 ] || continue
  sock=$SOCK_PREFIX-s$n
  row "potslist.tmux$n" "tmux list-sessions ($n sessions)" -- tmux -L "$sock" list-sessions
  row "potslist.floor$n" "floor: pots list --json ($n sessions)" -- node "$FLOORS/pots-list.mjs" -L "$sock"
  row "potslist.pots$n" "pots list --json ($n sessions)" -- node "$POTS_BIN" list --json -L "$sock"
  [ "$n" != 100 ] || ca_row "potslist.pots$n" "pots list --json ($n sessions)" -- node "$POTS_BIN" list --json -L "$sock"
done

layout_check() { # what the create row left on the create server
  local s w p
  s=$(ptmux "$SCREATE" list-sessions -F '#{session_name}' | grep -vcx keep || true)
  w=$(ptmux "$SCREATE" list-windows -a -F '#{session_name}' | grep -vcx keep || true)
  p=$(ptmux "$SCREATE" list-panes -a -F '#{session_name}' | grep -vcx keep || true)
  printf '%s session(s), %s windows, %s panes' "$s" "$w" "$p"
}
KILL=$(cmdline "$FX/kill-sessions.sh" "$SCREATE")
group create "$WT1" "$KILL"
PREP_ARGS=(--prep "$KILL" --check layout_check)
row create.raw 'raw tmux, one chained call' "${PREP_ARGS[@]}" -- tmux "${RAW_CREATE_ARGS[@]}"
row create.floor 'floor: pots create wt-001 --template bench' "${PREP_ARGS[@]}" -- \
  node "$FLOORS/pots-create.mjs" wt-001 -L "$SCREATE"
row create.pots 'pots create wt-001 --template bench' "${PREP_ARGS[@]}" -- \
  node "$POTS_BIN" create wt-001 --template bench -L "$SCREATE"
ca_row create.pots 'pots create wt-001 --template bench' "${PREP_ARGS[@]}" -- \
  node "$POTS_BIN" create wt-001 --template bench -L "$SCREATE"
opt_row create.tmuxp 'tmuxp load -d' "$TMUXP" load -d -y -L "$SCREATE" "$FX/tmuxp.yaml"
opt_row create.tmuxinator 'tmuxinator start --no-attach' "$TMUXINATOR" \
  start -p "$FX/tmuxinator.yml" --no-attach
PREP_ARGS=()

# The same layout with 2 commands per pane typed into each pane's shell (run: shell): pots waits
# for every prompt, then types; tmuxp and tmuxinator type as soon as each pane exists.
group createcmd "$WT1" "$KILL"
PREP_ARGS=(--prep "$KILL" --check layout_check)
row createcmd.pots 'pots create wt-001 --template tmuxp-cmd.yaml (typed)' "${PREP_ARGS[@]}" -- \
  node "$POTS_BIN" create wt-001 --template "$FX/tmuxp-cmd.yaml" -L "$SCREATE"
opt_row createcmd.tmuxp 'tmuxp load -d (typed)' "$TMUXP" load -d -y -L "$SCREATE" "$FX/tmuxp-cmd.yaml"
opt_row createcmd.tmuxinator 'tmuxinator start --no-attach (typed)' "$TMUXINATOR" \
  start -p "$FX/tmuxinator-cmd.yml" --no-attach
PREP_ARGS=()

# worktrees.copy directories where the filesystem cannot clone: the fallback copy (as plum runs it,
# at idle I/O priority) against what a postCreate hook would run instead.
CP=$FX/copyproj
RMNM=$(cmdline rm -rf "$CP/new/node_modules")
group copydirs "$CP/new"
if [ "${#COPY_PNPM[@]}" -gt 0 ]; then
  row copydirs.install "pnpm install --offline ($COPY_PKGS packages)" --prep "$RMNM" -- "${COPY_PNPM[@]}"
  row copydirs.copy "cp -a --reflink=never node_modules (copyFallback: copy)" --prep "$RMNM" -- \
    ionice -c 3 cp -a --reflink=never "$CP/main/node_modules" "$CP/new/node_modules"
else
  row copydirs.install 'pnpm install --offline' --missing 'no pnpm or pnpm store' -- true
fi

# ---- measure --------------------------------------------------------------------------------
for g in "${GROUP_ORDER[@]}"; do run_group "$g"; done
write_manifest

log "latency: pots logs --follow ($LAT_LINES lines)"
(cd "$FX/repo20" && timeout -k 5 300 node "$BENCH_DIR/latency.mjs" --pots "$POTS_BIN" \
  --socket "$SLAT" --lines "$LAT_LINES" --cwd "$(wt_path repo20 2)" --out "$RES/latency.json") ||
  warn "latency.mjs exited non-zero (see above); its row says so"

log "mcp: the round trip of agent_state through pots mcp ($MCP_CALLS calls)"
timeout -k 5 300 node "$BENCH_DIR/mcp.mjs" --pots "$POTS_BIN" --calls "$MCP_CALLS" \
  --out "$RES/mcp.json" || warn "mcp.mjs exited non-zero (see above); its section says so"

log "supervision: pots report end to end and pots status-line at 50 agent panes"
RUNS=$([ "$QUICK" = 1 ] && echo 10 || echo 30) SUPERVISION_MD="$RES/supervision.md" \
  timeout -k 5 600 bash "$BENCH_DIR/supervision.sh" >"$RES/supervision.log" 2>&1 ||
  warn "supervision.sh exited non-zero (see $RES/supervision.log); its section says so"

# The load check's end reading is taken here: the dashboard's step below loads the machine itself
# (20 agents printing, for its memory figure), which says nothing about the neighbours.
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)

log "dash: first frame, state-change latency, idle CPU and memory with 20 agents"
timeout -k 5 600 node "$BENCH_DIR/dash.mjs" --agents 20 \
  --changes "$([ "$QUICK" = 1 ] && echo 20 || echo 100)" --idle "$([ "$QUICK" = 1 ] && echo 10 || echo 30)" \
  --load "$([ "$QUICK" = 1 ] && echo 10 || echo 20)" --out "$RES/dash.json" >"$RES/dash.log" 2>&1 ||
  warn "dash.mjs exited non-zero (see $RES/dash.log); its section says so"

# ---- report ---------------------------------------------------------------------------------
ELAPSED=$SECONDS
OUT=$BENCH_DIR/RESULTS.md REFUSED=0
if over_limit "$LOAD_START" || over_limit "$LOAD_END"; then
  if [ "${BENCH_ALLOW_LOAD:-0}" = 1 ]; then
    warn "LOAD ABOVE $LOAD_LIMIT ($LOAD_START → $LOAD_END): BENCH_ALLOW_LOAD=1, writing RESULTS.md marked as measured under load"
  else
    OUT=$WORK/RESULTS.loaded.md REFUSED=1
  fi
fi
node "$BENCH_DIR/lib/report.mjs" --results "$RES" --root "$ROOT" --quick "$QUICK" \
  --elapsed "$ELAPSED" --started "$STARTED_AT" --load-start "$LOAD_START" --load-end "$LOAD_END" \
  --load-limit "$LOAD_LIMIT" --snapshot "$SNAPSHOT" --out "$OUT"
if [ "$REFUSED" = 1 ]; then
  printf '\033[1;31m[bench] NOT WRITING bench/RESULTS.md: the 1-minute load average was %s at the start and %s at the end, above %s.\033[0m\n' \
    "${LOAD_START%% *}" "${LOAD_END%% *}" "$LOAD_LIMIT" >&2
  printf '[bench] The report of this run is %s. Run again on a quieter machine, or with BENCH_ALLOW_LOAD=1 to write it anyway (marked).\n' \
    "${OUT#"$ROOT"/}" >&2
  exit 3
fi
log "done in $((ELAPSED / 60)) min $((ELAPSED % 60)) s: ${OUT#"$ROOT"/}"
