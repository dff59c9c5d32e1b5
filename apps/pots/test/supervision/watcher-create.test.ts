// `pots create --template claude` starts the server's agent watcher as `pots spawn` does, so a
// permission menu only the screen shows is notified; a layout without an agent starts none. The
// built bin, a private server, stand-in agents without hooks, the notify command's marker file.
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PotsFixture } from '../cli-helpers.js';
import { watcherFixture, type WatcherFixture } from './watcher-fixture.js';

let w: WatcherFixture;
let f: PotsFixture;
beforeAll(() => {
  w = watcherFixture();
  f = w.f;
});
afterAll(() => w.done());

describe('pots create with an agent in the layout', () => {
  it('a layout without an agent starts no watcher', async () => {
    const name = await f.ok(['create', '.', 'plain', '--template', 'development']);
    expect(w.pidFiles()).toEqual([]);
    await f.ok(['kill', '--yes', name]);
  });

  it('--template claude starts the watcher, which notifies a menu only the screen shows', async () => {
    const name = await f.ok(['create', '.', 'agent', '--template', 'claude']);
    const pid = await retryUntil(w.watcherPid);
    expect(w.alive(pid)).toBe(true);
    const rows = await retryUntil(async () => {
      const all = await f.json<Array<{ id: string; agent: string | null; state: string }>>([
        'ps',
        '--json',
      ]);
      const found = all.filter((row) => row.agent === 'claude');
      return found.length === 1 ? found : null;
    });
    const pane = rows[0]!.id;
    expect(await f.ok(['wait', pane, '--state', 'idle', '--timeout', '30'])).toBe('idle');
    await f.ok(['send', pane, 'ask']);
    expect(await f.ok(['wait', pane, '--state', 'waiting', '--timeout', '30'])).toBe('waiting');
    await retryUntil(() => w.notified().includes(`${pane} waiting claude\n`));
    // The last agent gone: the watcher goes with it.
    await f.ok(['kill', '--yes', name]);
    await retryUntil(() => !w.alive(pid));
    expect(w.pidFiles()).toEqual([]);
  });
});
