import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Own HOME/XDG dirs, and tmux only on a private server: see src/hermetic-env.ts and
    // src/tmux-guard.ts.
    setupFiles: ['./src/hermetic-env.ts', './src/tmux-guard.ts'],
  },
});
