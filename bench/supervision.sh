#!/usr/bin/env bash
# Agent supervision at 50 agent panes: `pots report` end to end (the hook fires → the state is in
# the pane options every `pots ps` reads) and `pots status-line`, each beside `node -e 0` in the
# same hyperfine run. Private tmux server (own TMUX_TMPDIR and -L name), killed on exit.
#   bash bench/supervision.sh            RUNS=30 by default (SUPERVISION_MD=<file> keeps the table)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
POTS="$ROOT/apps/pots/bin/pots.cjs"
RUNS=${RUNS:-30}
WORK=$(mktemp -d)
export TMUX_TMPDIR="$WORK/tmux" HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_STATE_HOME="$WORK/state"
mkdir -p "$TMUX_TMPDIR" "$HOME"
SOCK="pots-bench-supervision-$$"
# The honest baseline: no extra CA bundle for node to load.
unset NODE_EXTRA_CA_CERTS TMUX TMUX_PANE
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# 50 agent panes: 10 sessions × 5 windows, each pane tagged as a spawned claude with a state.
for s in $(seq 1 10); do
  tmux -L "$SOCK" -f /dev/null new-session -d -s "agents-$s" -x 200 -y 50 sleep 100000
  for w in $(seq 2 5); do tmux -L "$SOCK" new-window -d -t "agents-$s:" sleep 100000; done
done
i=0
for pane in $(tmux -L "$SOCK" list-panes -a -F '#{pane_id}'); do
  states=(working waiting idle working idle)
  tmux -L "$SOCK" set-option -p -t "$pane" @pots-agent 1 \; set-option -p -t "$pane" @pots-agent-kind claude \
    \; set-option -p -t "$pane" @pots-state "${states[$((i % 5))]}" \; set-option -p -t "$pane" @pots-state-at "$(date +%s%3N)" \
    \; set-option -p -t "$pane" @pots-state-by hook:Stop
  i=$((i + 1))
done
PANES=$(tmux -L "$SOCK" list-panes -a | wc -l)
TARGET=$(tmux -L "$SOCK" list-panes -a -F '#{pane_id}' | head -1)
echo "panes: $PANES; node $(node --version); tmux $(tmux -V); load $(cut -d' ' -f1-3 /proc/loadavg)"

# End to end: the hook's command, then the state as `pots ps` reads it (the pane option, listed).
E2E="node $POTS report working --pane $TARGET --agent claude --event UserPromptSubmit --no-notify -L $SOCK && tmux -L $SOCK list-panes -a -F '#{pane_id} #{@pots-state}' | grep -q '^$TARGET working\$'"
hyperfine --shell=bash --warmup 3 --runs "$RUNS" --export-markdown "$WORK/hf.md" \
  -n 'node -e 0' 'node -e 0' \
  -n 'pots report (hook → state listed)' "$E2E" \
  -n 'pots report alone' "node $POTS report idle --pane $TARGET --no-notify -L $SOCK" \
  -n 'pots status-line (50 agents)' "node $POTS status-line -L $SOCK" \
  -n 'pots ps --json (50 agents, screens read)' "node $POTS ps --json -L $SOCK"
cat "$WORK/hf.md"
# bench/run.sh puts the table in RESULTS.md.
[ -z "${SUPERVISION_MD:-}" ] || cp "$WORK/hf.md" "$SUPERVISION_MD"
echo
echo "status-line: $(node "$POTS" status-line -L "$SOCK")"
