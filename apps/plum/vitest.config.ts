import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Own HOME/XDG dirs, and tmux only on a private server: see test-fixtures/src/hermetic-env.ts
    // and tmux-guard.ts.
    setupFiles: [
      '../../test-fixtures/src/hermetic-env.ts',
      '../../test-fixtures/src/tmux-guard.ts',
    ],
  },
});
