// The config when no file, variable or flag sets anything — by far the most common case on the hot
// paths (`plum list`, `pots list`) — as a literal, so that resolving it loads neither zod nor
// cosmiconfig. test/config/load.test.ts checks it equals what the schema fills in.
import type { PlumConfig } from './schema.js';

/** A fresh copy of the defaults (safe to mutate). */
export function literalDefaults(): PlumConfig {
  return {
    worktrees: {
      dir: '../{repo}.worktrees/{branch}',
      base: null,
      copy: ['.env'],
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
      mode: 'session',
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
