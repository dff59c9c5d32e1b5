// Starting known agents, against the built bin, a real repository and a private tmux server, with
// stand-in agents on PATH: the built-in `claude` template, `pots spawn --agent`, and
// `pots spawn --create` (worktrees through plum, then the agents).
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { standInBin } from './stand-in.js';

interface Row {
  id: string;
  session: string;
  window: string;
  worktree: string | null;
  agent: string | null;
  spawned: boolean;
  state: string;
}

let f: PotsFixture;
beforeAll(() => {
  f = potsFixture();
  const bin = standInBin(join(f.repo.path, '..'));
  f.env.PATH = `${bin}:${f.env.PATH ?? process.env.PATH}`;
  f.env.POTS_DATA_DIR = join(f.repo.path, '..', 'pots-data');
});
afterAll(() => f.done());

const rows = () => f.json<Row[]>(['ps', '--json']);
const screen = (pane: string) => f.ok(['capture', pane]);

describe('the built-in claude template', () => {
  it('is listed, and create --template claude runs claude in the agent pane', async () => {
    const list = await f.json<Array<{ name: string; source: string }>>(['templates', '--json']);
    expect(list.find((t) => t.name === 'claude')).toMatchObject({ source: 'builtin' });
    const session = await f.json<{ name: string }>([
      'create',
      'main',
      'cc',
      '--template',
      'claude',
      '--json',
    ]);
    const row = await retryUntil(
      async () => (await rows()).find((r) => r.session === session.name && r.agent === 'claude'),
      { timeout: 20_000 },
    );
    expect(row).toMatchObject({ window: 'agent', spawned: false });
    // The stand-in draws Claude Code's idle prompt.
    await retryUntil(async () => (await screen(row.id)).includes('? for shortcuts'), {
      timeout: 20_000,
    });
  });
});
