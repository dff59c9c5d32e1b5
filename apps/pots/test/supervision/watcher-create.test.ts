// `pots create --template claude` starts the server's agent watcher as `pots spawn` does, so a
// permission menu only the screen shows is notified; a layout without an agent starts none. The
// built bin, a private server, stand-in agents without hooks, the notify command's marker file.
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
  f.env.PATH = `${standInBin(scratch)}:${f.env.PATH ?? process.env.PATH}`;
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

describe('pots create with an agent in the layout', () => {
  it('a layout without an agent starts no watcher', async () => {
    const name = await f.ok(['create', '.', 'plain', '--template', 'development']);
    expect(pidFiles()).toEqual([]);
    await f.ok(['kill', '--yes', name]);
  });

  it('--template claude starts the watcher, which notifies a menu only the screen shows', async () => {
    const name = await f.ok(['create', '.', 'agent', '--template', 'claude']);
    const pid = await retryUntil(watcherPid, { timeout: 10_000 });
    expect(alive(pid)).toBe(true);
    const rows = await retryUntil(
      async () => {
        const all = await f.json<Array<{ id: string; agent: string | null; state: string }>>([
          'ps',
          '--json',
        ]);
        const found = all.filter((row) => row.agent === 'claude');
        return found.length === 1 ? found : null;
      },
      { timeout: 30_000 },
    );
    const pane = rows[0]!.id;
    expect(await f.ok(['wait', pane, '--state', 'idle', '--timeout', '30'])).toBe('idle');
    await f.ok(['send', pane, 'ask']);
    expect(await f.ok(['wait', pane, '--state', 'waiting', '--timeout', '30'])).toBe('waiting');
    await retryUntil(() => notified().includes(`${pane} waiting claude\n`), { timeout: 15_000 });
    // The last agent gone: the watcher goes with it.
    await f.ok(['kill', '--yes', name]);
    await retryUntil(() => !alive(pid), { timeout: 15_000 });
    expect(pidFiles()).toEqual([]);
  });
});
