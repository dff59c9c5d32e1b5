// `plum shell-init <shell>`: a shell function named `plum` that runs the real plum and, when plum
// asks for it, changes the shell's directory. A child process cannot change its parent's directory,
// so the function makes a private temp file, passes its name in PLUM_CD_FILE, and after plum exits
// cd's to the path plum wrote there. Nothing plum prints is ever evaluated; a path with spaces,
// quotes or newlines goes through byte for byte.
import type { Shell } from '@plumpots/core';

/** The variable naming the file where `plum cd` / `plum create --cd` write the target directory. */
export const CD_FILE_VAR = 'PLUM_CD_FILE';
/** Exported by the shell function's set-up: shell integration is loaded in this shell. */
export const SHELL_INTEGRATION_VAR = 'PLUM_SHELL_INTEGRATION';
/** Runs this executable instead of the `plum` found on PATH (tests, side-by-side installs). */
export const BIN_VAR = 'PLUM_BIN';

/**
 * The shell code `eval "$(plum shell-init bash)"` loads (zsh: the same; fish: `| source`).
 * @example shellInitScript('zsh').includes('plum()') // true
 */
export function shellInitScript(shell: Shell): string {
  if (shell === 'fish') return FISH;
  return posix(shell);
}

// The sentinel `x` keeps trailing newlines that $(…) would strip from the path.
function posix(shell: 'bash' | 'zsh'): string {
  return `# plum shell integration for ${shell}: \`plum cd <name>\` and \`plum create --cd <branch>\`
# change this shell's directory. Load it from ~/.${shell}rc:
#   eval "$(plum shell-init ${shell})"
export ${SHELL_INTEGRATION_VAR}=${shell}

plum() {
  local __plum_file __plum_dir __plum_status
  __plum_file=$(mktemp "\${TMPDIR:-/tmp}/plum-cd.XXXXXX") || return 1
  ${CD_FILE_VAR}=$__plum_file command "\${${BIN_VAR}:-plum}" "$@"
  __plum_status=$?
  if [ -s "$__plum_file" ]; then
    __plum_dir=$(cat -- "$__plum_file"; printf x)
    __plum_dir=\${__plum_dir%x}
    cd -- "$__plum_dir" || __plum_status=$?
  fi
  rm -f -- "$__plum_file"
  return $__plum_status
}
`;
}

const FISH = `# plum shell integration for fish: \`plum cd <name>\` and \`plum create --cd <branch>\`
# change this shell's directory. Load it from ~/.config/fish/config.fish:
#   plum shell-init fish | source
set -gx ${SHELL_INTEGRATION_VAR} fish

function plum --description 'plum, able to change the directory (plum shell-init fish)'
    set -l tmp /tmp
    set -q TMPDIR[1]; and set tmp $TMPDIR
    set -l file (mktemp "$tmp/plum-cd.XXXXXX"); or return 1
    set -l bin plum
    set -q ${BIN_VAR}[1]; and set bin $${BIN_VAR}
    ${CD_FILE_VAR}=$file command $bin $argv
    set -l code $status
    if test -s $file
        set -l dir (cat -- $file | string collect --no-trim-newlines)
        cd -- $dir; or set code $status
    end
    rm -f -- $file
    return $code
end
`;
