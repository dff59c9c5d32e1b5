import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // tmux only on a private server: see test-fixtures/src/tmux-guard.ts
    setupFiles: ['./src/tmux-guard.ts'],
  },
});
