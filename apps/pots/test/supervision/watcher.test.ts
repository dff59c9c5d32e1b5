// The agent watcher: started by `pots spawn` with an agent, one per tmux server, it notifies the
// states only the screen shows (a stand-in with no hooks draws a permission menu) and exits after
// the last agent pane exits — the built bin, a private server, the notify command's marker file.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { standInBin } from './stand-in.js';

let f: PotsFixture;
let marker: string;
let watchers: string;
const pids = new Set<number>();

beforeAll(() => {
  f = potsFixture();
  const scratch = join(f.repo.path, '..');
  const bin = standInBin(scratch);
  f.env.PATH = `${bin}:${f.env.PATH ?? process.env.PATH}`;
  f.env.POTS_DATA_DIR = join(scratch, 'pots-data');
  f.env.STANDIN_NO_HOOKS = '1';
  f.env.POTS_WATCH_INTERVAL_MS = '300';
  watchers = join(scratch, 'pots-data', 'watchers');
  marker = join(scratch, 'notified.txt');
  mkdirSync(join(f.env.XDG_CONFIG_HOME!, 'plum'), { recursive: true });
  writeFileSync(
    join(f.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml'),
    [
      'pots:',
      '  notify:',
      '    display: false',
      '    bell: false',
      '    desktop: false',
      `    command: 'printf "%s %s %s\\\\n" "$POTS_PANE" "$POTS_STATE" "$POTS_AGENT" >> ${marker}'`,
      '',
    ].join('\n'),
  );
});

afterAll(() => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone: it exits with the last agent.
    }
  }
  f.done();
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const pidFiles = () =>
  existsSync(watchers) ? readdirSync(watchers).filter((name) => name.endsWith('.pid')) : [];
const watcherPid = () => {
  const [file] = pidFiles();
  if (!file) return null;
  const pid = Number(readFileSync(join(watchers, file), 'utf8').trim());
  pids.add(pid);
  return pid;
};
const notified = () => (existsSync(marker) ? readFileSync(marker, 'utf8') : '');

describe('the agent watcher', () => {
  it('notifies a permission menu no hook reported, once, and exits after the last agent', async () => {
    const pane = await f.ok(['spawn', '--name', 'claude', '--', 'claude']);
    const pid = await retryUntil(watcherPid, { timeout: 10_000 });
    expect(alive(pid)).toBe(true);
    // A second agent on the same server: still one watcher.
    const second = await f.ok(['spawn', '--name', 'second', '--', 'claude']);
    expect(pidFiles()).toHaveLength(1);
    expect(watcherPid()).toBe(pid);

    await f.ok(['send', pane, 'ask']);
    expect(await f.ok(['wait', pane, '--state', 'waiting', '--timeout', '30'])).toBe('waiting');
    await retryUntil(() => notified().includes(`${pane} waiting claude\n`), { timeout: 15_000 });
    const row = (
      await f.json<Array<{ id: string; evidence: { source: string } }>>(['ps', '--json'])
    ).find((r) => r.id === pane);
    expect(row?.evidence.source).toBe('screen');

    await f.ok(['send', second, 'exit']);
    await retryUntil(() => notified().includes(`${second} exited claude\n`), { timeout: 15_000 });
    // One agent is left: the watcher stays.
    expect(alive(pid)).toBe(true);
    await f.ok(['send', pane, '--key', 'C-c']);
    await retryUntil(() => !alive(pid), { timeout: 15_000 });
    expect(pidFiles()).toEqual([]);
    expect(
      notified()
        .split('\n')
        .filter((line) => line.startsWith(`${pane} waiting`)),
    ).toHaveLength(1);
  });
});
