# Fixtures under .work: repos with N real worktrees, private tmux servers full of sessions, the
# same 3-window × 2-pane layout for tmuxp, tmuxinator, pots and raw tmux, and the counting shim.
# Sourced by run.sh.
# shellcheck shell=bash

FIXTURE_VERSION=3 # bump when the repo layout below changes: cached repos are rebuilt

write_tmux_conf() {
  mkdir -p "$FX"
  cat >"$FX/tmux.conf" <<'CONF'
# Loaded by every private bench server; nothing from the user's own tmux.conf.
set -g default-shell /bin/sh
set -g default-size 120x40
set -g history-limit 5000
set -g escape-time 0
set -g exit-empty off
CONF
}

# make_repo NAME N: $FX/NAME (main) plus N worktrees in $FX/NAME.worktrees/wt-NNN on branches
# feat/wt-NNN. 6 commits, ~45 files; some worktrees are dirty, some have untracked files, some
# are ahead of their upstream (main), all are behind main by one commit.
make_repo() {
  local name=$1 n=$2 dir=$FX/$1 wts=$FX/$1.worktrees
  local stamp="v$FIXTURE_VERSION n=$n"
  if [ "${BENCH_REBUILD:-0}" != 1 ] && [ -f "$dir/.git/bench-stamp" ] &&
    [ "$(cat "$dir/.git/bench-stamp")" = "$stamp" ] &&
    [ "$(git -C "$dir" worktree list --porcelain | grep -c '^worktree ')" = $((n + 1)) ]; then
    return 0
  fi
  log "fixture: $name ($n worktrees)"
  rm -rf "$dir" "$wts"
  git init -q -b main "$dir"
  local g=(git -C "$dir" -c commit.gpgsign=false)
  mkdir -p "$dir/src" "$dir/docs"
  local i c
  for i in $(seq 1 40); do printf 'line 1 of file %s\n' "$i" >"$dir/src/mod$i.ts"; done
  printf '# %s\n' "$name" >"$dir/README.md"
  printf 'node_modules/\ndist/\n' >"$dir/.gitignore"
  printf '{ "name": "%s", "private": true }\n' "$name" >"$dir/package.json"
  "${g[@]}" add -A && "${g[@]}" commit -q -m "initial"
  for c in 2 3 4 5; do
    for i in $(seq "$c" 5 40); do printf 'change %s\n' "$c" >>"$dir/src/mod$i.ts"; done
    printf 'doc %s\n' "$c" >"$dir/docs/page$c.md"
    "${g[@]}" add -A && "${g[@]}" commit -q -m "change $c"
  done
  mkdir -p "$wts"
  local wt branch
  for i in $(seq 1 "$n"); do
    wt=$(printf 'wt-%03d' "$i")
    branch=feat/$wt
    "${g[@]}" worktree add -q -b "$branch" "$wts/$wt" main
    if [ $((i % 3)) = 0 ]; then "${g[@]}" branch -q -u main "$branch"; fi
    if [ $((i % 6)) = 0 ]; then
      printf 'ahead %s\n' "$i" >>"$wts/$wt/src/mod1.ts"
      git -C "$wts/$wt" -c commit.gpgsign=false commit -q -am "work on $wt"
    fi
    if [ $((i % 4)) = 0 ]; then printf 'dirty\n' >>"$wts/$wt/src/mod2.ts"; fi
    if [ $((i % 5)) = 0 ]; then printf 'new\n' >"$wts/$wt/scratch.txt"; fi
  done
  printf 'after\n' >>"$dir/README.md"
  "${g[@]}" commit -q -am "main moves on"
  printf '%s\n' "$stamp" >"$dir/.git/bench-stamp"
}

wt_path() { printf '%s/%s.worktrees/wt-%03d' "$FX" "$1" "$2"; } # repo index → worktree path

# start_server SOCK: a private server holding one `keep` session (so it never exits empty).
start_server() {
  local sock=$1
  STARTED_SOCKETS+=("$sock")
  ptmux "$sock" new-session -d -s keep -c "$FX"
}

# ptmux_chain SOCK CMD… ; CMD… ; …: as few tmux calls as possible. tmux refuses a client message
# over 16 KiB ("command too long"), so 500 sessions need a few calls: cut at a `;` every ~12 KB.
ptmux_chain() {
  local sock=$1 batch=() bytes=0 a
  shift
  for a in "$@"; do
    if [ "$a" = ';' ] && ((bytes > 12000)); then
      ptmux "$sock" "${batch[@]}"
      batch=() bytes=0
      continue
    fi
    batch+=("$a")
    bytes=$((bytes + ${#a} + 1))
  done
  [ "${batch[-1]:-}" != ';' ] || unset 'batch[-1]'
  ((${#batch[@]} == 0)) || ptmux "$sock" "${batch[@]}"
}

# make_sessions SOCK COUNT REPO WORKTREES: COUNT sessions (besides `keep`) created by one chained
# tmux call (a few past ~250 sessions, see ptmux_chain); every other one is tagged as pots-managed
# (@pots-worktree/-project/-task/-repo/-unit), spread over the repo's WORKTREES worktrees; the rest are
# named other-N.
make_sessions() {
  local sock=$1 count=$2 repo=$3 nwt=$4
  start_server "$sock"
  local create=() tag=() i k wtn task name path common
  # The tags pots writes on a session it makes (unitTags() in apps/pots/src/api/units.ts):
  # @pots-repo is the repository's absolute git common dir; @pots-unit says session (not window).
  common=$(git -C "$FX/$repo" rev-parse --path-format=absolute --git-common-dir)
  for ((i = 0; i < count; i++)); do
    if ((i % 2 == 0)); then
      k=$((i / 2))
      wtn=$((k % nwt + 1))
      task=dev
      ((k / nwt == 0)) || task=t$((k / nwt))
      path=$(wt_path "$repo" "$wtn")
      name=$(printf '%s-wt-%03d-%s' "$repo" "$wtn" "$task")
      create+=(new-session -d -s "$name" -c "$path" ';')
      tag+=(set-option -t "=$name:" @pots-worktree "$path" ';')
      tag+=(set-option -t "=$name:" @pots-project "$repo" ';')
      tag+=(set-option -t "=$name:" @pots-task "$task" ';')
      tag+=(set-option -t "=$name:" @pots-repo "$common" ';')
      tag+=(set-option -t "=$name:" @pots-unit session ';')
    else
      create+=(new-session -d -s "other-$i" -c "$FX" ';')
    fi
  done
  ptmux_chain "$sock" "${create[@]}"
  ((${#tag[@]} == 0)) || ptmux_chain "$sock" "${tag[@]}"
  local got
  got=$(ptmux "$sock" list-sessions | wc -l)
  [ "$got" = $((count + 1)) ] || { echo "bench: $sock has $got sessions, expected $((count + 1))" >&2; exit 1; }
}

# The 1 session × 3 windows × 2 panes layout, four ways. Panes run the default shell (no command),
# so every tool does the same work; every window is main-vertical; cwd is one worktree.
write_layouts() {
  local sock=$1 root=$2
  cat >"$FX/tmuxp.yaml" <<YAML
session_name: bench-tmuxp
start_directory: $root
windows:
  - window_name: w1
    layout: main-vertical
    panes: [blank, blank]
  - window_name: w2
    layout: main-vertical
    panes: [blank, blank]
  - window_name: w3
    layout: main-vertical
    panes: [blank, blank]
YAML
  cat >"$FX/tmuxinator.yml" <<YAML
name: bench-tmuxinator
root: $root
socket_name: $sock
windows:
  - w1:
      layout: main-vertical
      panes: [null, null]
  - w2:
      layout: main-vertical
      panes: [null, null]
  - w3:
      layout: main-vertical
      panes: [null, null]
YAML
  # The same 3 × 2 layout with two commands per pane, typed into each pane's shell by all three
  # tools: pots reads the tmuxp file itself (`--template FILE`).
  cat >"$FX/tmuxp-cmd.yaml" <<YAML
session_name: bench-tmuxp-cmd
start_directory: $root
windows:
YAML
  cat >"$FX/tmuxinator-cmd.yml" <<YAML
name: bench-tmuxinator-cmd
root: $root
socket_name: $sock
windows:
YAML
  local w
  for w in w1 w2 w3; do
    cat >>"$FX/tmuxp-cmd.yaml" <<YAML
  - window_name: $w
    layout: main-vertical
    panes:
      - shell_command: [export BENCH=$w, echo "ready \$BENCH"]
      - shell_command: [cd ., echo ready]
YAML
    cat >>"$FX/tmuxinator-cmd.yml" <<YAML
  - $w:
      layout: main-vertical
      panes:
        - [export BENCH=$w, echo "ready \$BENCH"]
        - [cd ., echo ready]
YAML
  done
  # pots reads its templates from plum's config; the user file is trusted, so no approval prompt.
  mkdir -p "$XDG_CONFIG_HOME/plum"
  cat >"$XDG_CONFIG_HOME/plum/config.yaml" <<YAML
# Written by bench/run.sh: the pots side of the 3-window × 2-pane layout benchmark.
pots:
  templates:
    bench:
      windows:
        - { name: w1, layout: main-vertical, panes: [{}, {}] }
        - { name: w2, layout: main-vertical, panes: [{}, {}] }
        - { name: w3, layout: main-vertical, panes: [{}, {}] }
YAML
  # Raw tmux, one client: the floor for any tool that builds this layout.
  RAW_CREATE_ARGS=(-L "$sock" new-session -d -s bench-raw -n w1 -c "$root" ';'
    split-window -t '=bench-raw:w1' -c "$root" ';' select-layout -t '=bench-raw:w1' main-vertical ';'
    new-window -t '=bench-raw:' -n w2 -c "$root" ';'
    split-window -t '=bench-raw:w2' -c "$root" ';' select-layout -t '=bench-raw:w2' main-vertical ';'
    new-window -t '=bench-raw:' -n w3 -c "$root" ';'
    split-window -t '=bench-raw:w3' -c "$root" ';' select-layout -t '=bench-raw:w3' main-vertical)
  # Kills every session but `keep` on a server: the prepare/cleanup of the create benchmarks.
  cat >"$FX/kill-sessions.sh" <<SH
#!/bin/sh
# usage: kill-sessions.sh SOCKET — kill every session but keep (TMUX_TMPDIR is inherited)
'$REAL_TMUX' -L "\$1" list-sessions -F '#{session_name}' 2>/dev/null | while IFS= read -r s; do
  [ "\$s" = keep ] || '$REAL_TMUX' -L "\$1" kill-session -t "=\$s" 2>/dev/null
done
exit 0
SH
  chmod +x "$FX/kill-sessions.sh"
}

# PATH shim: git and tmux wrappers that append one line per call (tool and argv, tab-separated)
# to $SHIM/calls.log and exec the real binary. Only used for the one counting run of each row.
make_shim() {
  mkdir -p "$SHIM"
  local tool real
  for tool in git tmux; do
    [ "$tool" = git ] && real=$REAL_GIT || real=$REAL_TMUX
    cat >"$SHIM/$tool" <<SH
#!/bin/bash
line=$tool
for a in "\$@"; do line+=\$'\\t'"\${a//[\$'\\t\\n']/ }"; done
printf '%s\\n' "\$line" >>'$SHIM/calls.log'
exec '$real' "\$@"
SH
    chmod +x "$SHIM/$tool"
  done
}

# make_copy_project: a project with a few hundred npm packages for the `worktrees.copy` directory
# rows — this repository's manifests and lockfile (342 packages), installed from the local pnpm
# store (`--offline`: no network, also not in the timed runs) into $FX/copyproj/main; `new` has the
# manifests only, as a fresh worktree would. Sets COPY_PNPM (argv prefix), COPY_PKGS (package count).
make_copy_project() {
  local dir=$FX/copyproj f store
  COPY_PKGS=0 COPY_PNPM=()
  local pnpm
  pnpm=$(command -v pnpm || true)
  [ -n "$pnpm" ] || { warn "pnpm not found: the copy rows say so"; return 0; }
  # corepack keeps pnpm itself, and pnpm its store, under the user's HOME and XDG dirs; what is
  # measured runs with .work/home: point both back at the user's.
  local corepack=${COREPACK_HOME:-${ORIG_XDG_CACHE_HOME:-$ORIG_HOME/.cache}/node/corepack}
  store=$(env -u XDG_DATA_HOME -u XDG_CACHE_HOME -u XDG_CONFIG_HOME HOME="$ORIG_HOME" \
    COREPACK_HOME="$corepack" "$pnpm" store path 2>/dev/null || true)
  [ -n "$store" ] || { warn "no pnpm store: the copy rows say so"; return 0; }
  COPY_PNPM=(env "COREPACK_HOME=$corepack" "$pnpm" install
    --offline --frozen-lockfile --ignore-scripts --reporter=silent "--store-dir=$store")
  local stamp
  stamp=$(cat "$ROOT/pnpm-lock.yaml" | cksum)
  if [ ! -f "$dir/stamp" ] || [ "$(cat "$dir/stamp")" != "$stamp" ]; then
    log "fixture: copyproj (this repository's $(grep -c '^  /\|^  [@a-z]' "$ROOT/pnpm-lock.yaml" 2>/dev/null || echo '?') lockfile entries, from the pnpm store)"
    rm -rf "$dir"
    for side in main new; do
      mkdir -p "$dir/$side"
      (cd "$ROOT" && git ls-files -- package.json pnpm-lock.yaml pnpm-workspace.yaml '*/package.json' '*/*/package.json') |
        while IFS= read -r f; do
          mkdir -p "$dir/$side/$(dirname "$f")" && cp "$ROOT/$f" "$dir/$side/$f"
        done
    done
    (cd "$dir/main" && "${COPY_PNPM[@]}" >"$dir/install.log" 2>&1) ||
      { warn "pnpm install --offline failed in the copy fixture (see $dir/install.log)"; COPY_PNPM=(); return 0; }
    printf '%s\n' "$stamp" >"$dir/stamp"
  fi
  COPY_PKGS=$(ls "$dir/main/node_modules/.pnpm" 2>/dev/null | grep -vc '^node_modules$\|^lock.yaml$' || true)
}
