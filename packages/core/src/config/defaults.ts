// The config when no file, variable or flag sets anything — by far the most common case on the hot
// paths (`plum list`, `pots list`) — as a literal, so that resolving it loads neither zod nor
// cosmiconfig. The one source of the defaults: the schema's `.default()`s read them from here.
// Its type is inferred, not PlumConfig: the schema (which PlumConfig comes from) reads this file.
// Also `@plumpots/core/config/defaults`, for the defaults the apps name (`DEFAULT_TEMPLATE`…).

/**
 * A fresh copy of the defaults (safe to mutate).
 * @example literalDefaults().pots.idleSeconds // 30
 */
export function literalDefaults() {
  return {
    worktrees: {
      dir: '../{repo}.worktrees/{branch}',
      base: null as string | null,
      copy: ['.env'],
      copyFallback: 'copy' as 'copy' | 'skip',
      disposable: [
        'node_modules',
        'dist',
        'build',
        '.turbo',
        'coverage',
        'target',
        '.venv',
        '__pycache__',
      ],
    },
    hooks: { postCreate: [], preRemove: [] },
    plugins: [],
    pots: {
      mode: 'session' as 'session' | 'window',
      session: 'plum',
      prefix: '',
      defaultTask: 'dev',
      autoStart: false,
      template: 'default',
      idleSeconds: 30,
      killGraceSeconds: 5,
      templates: {},
      agents: { stuckSeconds: 600, rules: {} },
      notify: { command: null, display: true, bell: true, desktop: true },
    },
  };
}
