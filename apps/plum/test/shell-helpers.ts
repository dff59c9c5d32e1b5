// Real shells for the shell-integration, completion and picker tests: the shared helpers (a bin
// directory with `plum` and `pots` and exactly the tools a test allows), plus what plum's need.
export { binDir, runShell, shellArgv, which, type ShellName } from '@plumpots/test-fixtures';

/** The tools plum and the shell function need: git, and what the function runs. */
export const BASE_TOOLS = ['git', 'mktemp', 'cat', 'rm'] as const;
