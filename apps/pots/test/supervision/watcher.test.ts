// The agent watcher: started by `pots spawn` with an agent, one per tmux server, it notifies the
// states only the screen shows (a stand-in with no hooks draws a permission menu) and exits after
// the last agent pane exits; it notifies `stuck` too — the built bin, a private server, the notify command's marker file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('the agent watcher', () => {
  it('notifies a permission menu no hook reported, once, and exits after the last agent', async () => {
    const pane = await f.ok(['spawn', '--name', 'claude', '--', 'claude']);
    const pid = await retryUntil(w.watcherPid);
    expect(w.alive(pid)).toBe(true);
    // A second agent on the same server: still one watcher.
    const second = await f.ok(['spawn', '--name', 'second', '--', 'claude']);
    expect(w.pidFiles()).toHaveLength(1);
    expect(w.watcherPid()).toBe(pid);

    await f.ok(['send', pane, 'ask']);
    expect(await f.ok(['wait', pane, '--state', 'waiting', '--timeout', '30'])).toBe('waiting');
    await retryUntil(() => w.notified().includes(`${pane} waiting claude\n`));
    const row = (
      await f.json<Array<{ id: string; evidence: { source: string } }>>(['ps', '--json'])
    ).find((r) => r.id === pane);
    expect(row?.evidence.source).toBe('screen');

    await f.ok(['send', second, 'exit']);
    await retryUntil(() => w.notified().includes(`${second} exited claude\n`));
    // One agent is left: the watcher stays.
    expect(w.alive(pid)).toBe(true);
    await f.ok(['send', pane, '--key', 'C-c']);
    await retryUntil(() => !w.alive(pid));
    expect(w.pidFiles()).toEqual([]);
    expect(
      w
        .notified()
        .split('\n')
        .filter((line) => line.startsWith(`${pane} waiting`)),
    ).toHaveLength(1);
  });

  it('notifies stuck: a working agent with no output and no hook past pots.agents.stuckSeconds', async () => {
    writeFileSync(join(f.repo.path, '.plumrc.yaml'), 'pots:\n  agents:\n    stuckSeconds: 2\n');
    try {
      // A working agent that keeps printing, started first: working longer, never stuck.
      const busy = await f.ok(['spawn', '--name', 'busy', '--', 'claude']);
      const pid = await retryUntil(w.watcherPid);
      expect(await f.ok(['wait', busy, '--state', 'idle', '--timeout', '60'])).toBe('idle');
      await f.ok(['send', busy, 'work']);
      expect(await f.ok(['wait', busy, '--state', 'working', '--timeout', '60'])).toBe('working');

      const pane = await f.ok(['spawn', '--name', 'hang', '--', 'claude']);
      expect(await f.ok(['wait', pane, '--state', 'idle', '--timeout', '60'])).toBe('idle');
      await f.ok(['send', pane, 'hang']);
      await retryUntil(() => w.notified().includes(`${pane} stuck claude\n`));
      const states = await f.json<
        Array<{ id: string; state: string; evidence: { source: string } }>
      >(['ps', '--json']);
      expect(states.find((r) => r.id === pane)).toMatchObject({
        state: 'stuck',
        evidence: { source: 'silence' },
      });
      expect(states.find((r) => r.id === busy)?.state).toBe('working');

      // The hung one ends: its exit is notified after it, and stuck was notified once.
      await f.ok(['send', pane, '--key', 'C-c']);
      await retryUntil(() => w.notified().includes(`${pane} exited claude\n`));
      const lines = w.notified().split('\n');
      expect(lines.filter((line) => line === `${pane} stuck claude`)).toHaveLength(1);
      expect(lines.filter((line) => line.startsWith(`${busy} `))).toEqual([]);

      await f.ok(['send', busy, '--key', 'C-c']);
      await retryUntil(() => !w.alive(pid));
    } finally {
      writeFileSync(join(f.repo.path, '.plumrc.yaml'), '');
    }
  });
});
