// Environment scrubbing: git hooks, `npm exec` and tmux panes leak variables that send a child git
// (or every later tmux pane, since the server keeps its starter's env) to the wrong repository.

/** Variables git sets for hooks and aliases; inherited, they redirect every git call. */
export const GIT_PATH_VARS = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_PREFIX',
  'GIT_NAMESPACE',
] as const;

/** What tmux servers and panes must not inherit from whoever happened to start them. */
export const TMUX_SCRUB_VARS = [...GIT_PATH_VARS, 'TMUX', 'TMUX_PANE', 'NODE_OPTIONS', 'INIT_CWD'];

export type Env = Record<string, string | undefined>;

/**
 * A copy of `env` without the named variables (and, with `npm: true`, without `npm_*`).
 * @example spawn('git', args, { env: scrubEnv(process.env, GIT_PATH_VARS) })
 */
export function scrubEnv(
  env: Env,
  names: readonly string[],
  options: { npm?: boolean; set?: Env } = {},
): Record<string, string> {
  const drop = new Set(names);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || drop.has(key)) continue;
    if (options.npm && /^npm_/i.test(key)) continue;
    out[key] = value;
  }
  for (const [key, value] of Object.entries(options.set ?? {})) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}
