// kill-server followed at once by a new session: the dying server may answer "server exited
// unexpectedly" (2 of 5 runs on tmux 3.3a); the gateway retries once.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@plumpots/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { listSessions, newSession } from '../../src/tmux/index.js';
import { privateTmux } from './private-tmux.js';

const t = privateTmux();
afterAll(() => t.done());

describe('a server that is just exiting', () => {
  it('never fails a new session (20 rounds of kill-server → newSession)', async () => {
    const dir = tempDir('pr-');
    const cwd = join(dir.path, 'wt');
    mkdirSync(cwd);
    for (let i = 0; i < 20; i++) {
      await t.tmux.probe(['kill-server']);
      await newSession(t.tmux, { name: `round-${i}`, cwd });
      expect((await listSessions(t.tmux)).map((s) => s.name)).toEqual([`round-${i}`]);
    }
  });
});
