// Regenerates docs/commands/ (one page per command of plum and pots, from their commander programs
// and JSON schemas): runs the tests that compare those pages, with UPDATE_DOCS=1 so they write them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(
  process.execPath,
  [
    `${root}node_modules/vitest/vitest.mjs`,
    'run',
    'apps/plum/test/docs.test.ts',
    'apps/pots/test/docs.test.ts',
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, UPDATE_DOCS: '1' } },
);
process.exit(result.status ?? 1);
