import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    include: ['test/**/*.test.ts'],
    // Deadlines catch hangs, not slowness: a test that drives several agents through the bins,
    // each step waiting up to 60 s for a state, must still pass beside two busy loops.
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
