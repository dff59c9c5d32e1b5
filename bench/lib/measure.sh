# Rows and groups. A row is one command; a group is one hyperfine invocation that times its rows
# side by side with `node -e 0`. Before timing, every row is probed once (a non-zero exit makes it
# "not available yet", with the exit code and first stderr line) and run once more through the
# PATH shim to count git and tmux processes. The manifest (results/manifest.tsv) tells report.mjs
# what happened to every row. Sourced by run.sh.
# shellcheck shell=bash

ROW_IDS=()
declare -A ROW_GROUP ROW_LABEL ROW_CMD ROW_PREP ROW_MISSING ROW_STATUS ROW_RC ROW_NOTE ROW_CHECK
declare -A GROUP_CWD GROUP_ROWS GROUP_CLEANUP GROUP_NOTE
GROUP_ORDER=()
PROBE_TIMEOUT=${BENCH_PROBE_TIMEOUT:-90}
GROUP_TIMEOUT=${BENCH_GROUP_TIMEOUT:-900}

# group ID CWD [CLEANUP]: later rows go into group ID, run from CWD; CLEANUP (a command line)
# runs after each row's timed runs. Every group starts with `node -e 0`.
group() {
  CUR_GROUP=$1
  GROUP_CWD[$1]=$2
  GROUP_CLEANUP[$1]=${3:-}
  GROUP_ORDER+=("$1")
  GROUP_ROWS[$1]=''
  row "$1.node" 'node -e 0' -- node -e 0
  ca_row "$1.node" 'node -e 0' -- node -e 0
}

# ca_row ID LABEL [row options…] -- ARGV…: row ID.ca, the same command with the caller's
# NODE_EXTRA_CA_CERTS put back (through `env`, one more exec of ~1 ms); "not set" without one.
ca_row() {
  local id=$1 label=$2 opts=()
  shift 2
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  if [ -n "$CA_CERTS" ]; then
    row "$id.ca" "$label (NODE_EXTRA_CA_CERTS set)" "${opts[@]}" -- env "NODE_EXTRA_CA_CERTS=$CA_CERTS" "$@"
  else
    row "$id.ca" "$label (NODE_EXTRA_CA_CERTS set)" "${opts[@]}" --missing 'NODE_EXTRA_CA_CERTS was not set' -- "$@"
  fi
}

# row ID LABEL [--prep CMDLINE] [--check FUNC] [--missing REASON] -- ARGV…
#   --prep: runs (untimed) before each timed run and around the probe and counting runs
#   --check: a function called after the probe; what it prints goes into the row's note
#   --missing: the tool is not installed; the row is reported and skipped
row() {
  local id=$1 label=$2
  shift 2
  ROW_PREP[$id]='' ROW_MISSING[$id]='' ROW_CHECK[$id]=''
  while [ "$1" != -- ]; do
    case $1 in
      --prep) ROW_PREP[$id]=$2 ;;
      --check) ROW_CHECK[$id]=$2 ;;
      --missing) ROW_MISSING[$id]=$2 ;;
      *) echo "bench: row $id: unknown option $1" >&2; exit 1 ;;
    esac
    shift 2
  done
  shift
  if [ -n "${ROW_GROUP[$id]:-}" ]; then echo "bench: duplicate row $id" >&2; exit 1; fi
  ROW_IDS+=("$id")
  ROW_GROUP[$id]=$CUR_GROUP
  ROW_LABEL[$id]=$label
  ROW_CMD[$id]=$(cmdline "$@")
  GROUP_ROWS[$CUR_GROUP]+="$id "
  ROW_STATUS[$id]=pending ROW_RC[$id]='' ROW_NOTE[$id]=''
}

# A command line (as hyperfine -N would split it) run once, in the group's directory.
run_line() { # CMDLINE [PATH-prefix]; stdin closed; stdout/stderr to $OUT/$ERR
  local line=$1 pathpre=${2:-}
  if [ -n "$pathpre" ]; then
    PATH="$pathpre:$PATH" timeout -k 5 "$PROBE_TIMEOUT" bash -c "exec $line" </dev/null
  else
    timeout -k 5 "$PROBE_TIMEOUT" bash -c "exec $line" </dev/null
  fi
}

first_line() { # FILE → its first error-looking line (else its first non-empty one), ≤ 200 chars
  local line
  line=$(grep -m1 -E '^[[:space:]]*([A-Za-z]*Error\b|error:|fatal:|ERR_)' "$1" 2>/dev/null || true)
  [ -n "$line" ] || line=$(grep -m1 -v '^[[:space:]]*$' "$1" 2>/dev/null || true)
  printf '%s' "$line" | tr '\t\r' '  ' | sed 's/^[[:space:]]*//' | cut -c1-200
}

probe_row() {
  local id=$1 cwd=$2 rc=0
  local out=$RES/out/$id.stdout err=$RES/out/$id.stderr
  if [ -n "${ROW_MISSING[$id]}" ]; then
    ROW_STATUS[$id]=missing ROW_NOTE[$id]=${ROW_MISSING[$id]}
    return 0
  fi
  local prep=${ROW_PREP[$id]}
  (
    cd "$cwd"
    [ -z "$prep" ] || run_line "$prep" >/dev/null 2>&1 || true
    run_line "${ROW_CMD[$id]}" >"$out" 2>"$err"
  ) || rc=$?
  ROW_RC[$id]=$rc
  if [ "$rc" != 0 ]; then
    ROW_STATUS[$id]=unavailable
    ROW_NOTE[$id]=$(first_line "$err")
    [ -n "${ROW_NOTE[$id]}" ] || ROW_NOTE[$id]=$(first_line "$out")
    [ "$rc" != 124 ] || ROW_NOTE[$id]="timed out after ${PROBE_TIMEOUT}s ${ROW_NOTE[$id]}"
    (cd "$cwd" && { [ -z "$prep" ] || run_line "$prep" >/dev/null 2>&1; }) || true
    log "  $id: not available (exit $rc) ${ROW_NOTE[$id]}"
    return 0
  fi
  [ -z "${ROW_CHECK[$id]}" ] || ROW_NOTE[$id]=$("${ROW_CHECK[$id]}" 2>&1 | tr '\t\n' '  ' || true)
  # The counting run: same command, git and tmux resolved through the shim first.
  : >"$SHIM/calls.log"
  (
    cd "$cwd"
    [ -z "$prep" ] || run_line "$prep" >/dev/null 2>&1 || true
    run_line "${ROW_CMD[$id]}" "$SHIM" >/dev/null 2>&1
  ) || warn "$id: the counting run exited non-zero"
  cp "$SHIM/calls.log" "$RES/calls/$id.log"
  (cd "$cwd" && { [ -z "$prep" ] || run_line "$prep" >/dev/null 2>&1; }) || true
  ROW_STATUS[$id]=ok
  log "  $id: ok ($(grep -c '^git' "$RES/calls/$id.log" || true) git, $(grep -c '^tmux' "$RES/calls/$id.log" || true) tmux)"
}

# hyperfine over the given rows (ids) → JSON file. Returns hyperfine's exit code.
hyperfine_rows() { # GROUP JSON LOG ID…
  local gid=$1 json=$2 logf=$3 cwd=${GROUP_CWD[$1]}
  shift 3
  local args=(-N "${HF_OPTS[@]}" --style basic --export-json "$json") id any_prep=0
  for id in "$@"; do [ -z "${ROW_PREP[$id]}" ] || any_prep=1; done
  for id in "$@"; do
    [ "$any_prep" = 0 ] || args+=(--prepare "${ROW_PREP[$id]:-true}")
  done
  [ -z "${GROUP_CLEANUP[$gid]}" ] || args+=(--cleanup "${GROUP_CLEANUP[$gid]}")
  for id in "$@"; do args+=(-n "$id" "${ROW_CMD[$id]}"); done
  (cd "$cwd" && timeout -k 10 "$GROUP_TIMEOUT" hyperfine "${args[@]}" </dev/null) >"$logf" 2>&1
}

run_group() {
  local gid=$1 cwd=${GROUP_CWD[$1]} id ids=()
  log "group $gid (in ${cwd#"$ROOT"/})"
  for id in ${GROUP_ROWS[$gid]}; do probe_row "$id" "$cwd"; done
  for id in ${GROUP_ROWS[$gid]}; do [ "${ROW_STATUS[$id]}" != ok ] || ids+=("$id"); done
  ((${#ids[@]} > 0)) || return 0
  local t0=$SECONDS try
  touch "$RES/.group-start"
  for try in 1 2; do
    if hyperfine_rows "$gid" "$RES/hf/$gid.json" "$RES/hf/$gid.log" "${ids[@]}"; then
      for id in "${ids[@]}"; do ROW_STATUS[$id]=timed; done
      break
    fi
    note_culprit "$gid" "$RES/hf/$gid.log"
    cp "$RES/hf/$gid.log" "$RES/hf/$gid.failed-$try.log"
    rm -f "$RES/hf/$gid.json"
    if [ "$try" = 1 ]; then
      warn "group $gid: hyperfine failed (see results/hf/$gid.failed-1.log); running the group once more"
      continue
    fi
    # Failed twice: time the rows one by one so the others still get numbers; a row that fails
    # alone is reported with hyperfine's last words.
    warn "group $gid: hyperfine failed again; timing its rows one by one"
    for id in "${ids[@]}"; do
      if hyperfine_rows "$gid" "$RES/hf/$gid--$id.json" "$RES/hf/$gid--$id.log" "$id"; then
        ROW_STATUS[$id]=timed
      else
        ROW_STATUS[$id]=failed
        ROW_NOTE[$id]="$(grep -v '^[[:space:]]*$' "$RES/hf/$gid--$id.log" | tail -1 | tr '\t' ' ' | cut -c1-200)"
        rm -f "$RES/hf/$gid--$id.json"
      fi
    done
  done
  # Someone rebuilding dist/ while a group is timed makes its numbers (and failures) meaningless.
  local changed=''
  ((${#DIST_WATCH[@]} == 0)) ||
    changed=$(find "${DIST_WATCH[@]}" -newer "$RES/.group-start" -type f 2>/dev/null | head -1 || true)
  if [ -n "$changed" ]; then
    GROUP_NOTE[$gid]="${changed#"$ROOT"/} changed while this table was timed (a build ran meanwhile)"
    warn "  ${GROUP_NOTE[$gid]}"
  fi
  log "  timed in $((SECONDS - t0)) s"
}

# After a failed hyperfine run: which row failed, and with what exit code, goes into its note
# (flakiness is a finding too).
note_culprit() {
  local gid=$1 logf=$2 id code
  id=$(grep -oE '^Benchmark [0-9]+: [^ ]+' "$logf" | tail -1 | cut -d' ' -f3 || true)
  code=$(grep -oE 'non-zero exit code: [0-9-]+' "$logf" | tail -1 | grep -oE '[0-9-]+$' || true)
  [ -n "$id" ] && [ -n "${ROW_GROUP[$id]:-}" ] || return 0
  # hyperfine drops the output: run it once more to catch what it says (it may pass this time).
  local rc=0 err=$RES/out/$id.retry.stderr why
  (
    cd "${GROUP_CWD[$gid]}"
    [ -z "${ROW_PREP[$id]}" ] || run_line "${ROW_PREP[$id]}" >/dev/null 2>&1 || true
    run_line "${ROW_CMD[$id]}" >/dev/null 2>"$err"
  ) || rc=$?
  [ "$rc" = 0 ] && why='it passed when run again' || why="run again: exit $rc: $(first_line "$err")"
  ROW_NOTE[$id]+="${ROW_NOTE[$id]:+; }exited ${code:-non-zero} during a timed run of its group ($why)"
  warn "  $id exited ${code:-non-zero} during a timed run ($why)"
}

write_manifest() {
  local id g f=$RES/manifest.tsv
  for g in "${GROUP_ORDER[@]}"; do
    printf '%s\t%s\n' "$g" "${GROUP_NOTE[$g]:-}"
  done >"$RES/groups.tsv"
  printf 'id\tgroup\tlabel\tstatus\trc\tnote\tcommand\tprepare\n' >"$f"
  for id in "${ROW_IDS[@]}"; do
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "${ROW_GROUP[$id]}" "${ROW_LABEL[$id]}" \
      "${ROW_STATUS[$id]}" "${ROW_RC[$id]}" "${ROW_NOTE[$id]//$'\t'/ }" "${ROW_CMD[$id]}" \
      "${ROW_PREP[$id]}" >>"$f"
  done
}
