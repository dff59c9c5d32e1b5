// `pots status-line` with agents in several states (counts in its order, the sessions that need
// the user named), and `pots broadcast --confirm` across agents: each one's delivery and whether
// it took the prompt. The built bin, a private server, stand-in agents without hooks (states from
// their screens) and plain processes whose state is reported with `pots report`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { standInBin } from './stand-in.js';

let f: PotsFixture;
beforeAll(() => {
  f = potsFixture();
  const scratch = join(f.repo.path, '..');
  f.env.PATH = `${standInBin(scratch)}:${f.env.PATH ?? process.env.PATH}`;
  f.env.POTS_DATA_DIR = join(scratch, 'pots-data');
  f.env.STANDIN_NO_HOOKS = '1';
});
afterAll(() => f.done());

const spawn = async (name: string, ...command: string[]) =>
  (await f.ok(['spawn', '--name', name, '--', ...command])).trim();
/** A plain process in a pane of the worktree's session for `task` (default the dev task). */
const sleeper = async (name: string, task?: string) =>
  (
    await f.ok([
      'spawn',
      '--name',
      name,
      ...(task === undefined ? [] : ['--task', task]),
      '--',
      'sh',
      '-c',
      'sleep 600',
    ])
  ).trim();
const report = (pane: string, state: string) =>
  f.ok(['report', state, '--pane', pane, '--agent', 'claude', '--no-notify']);

interface StatusJson {
  counts: Record<string, number>;
  attention: Array<{ session: string; pane: string; state: string }>;
  text: string;
}
interface BroadcastRow {
  pane: string;
  delivered: boolean;
  confirmed?: boolean;
  state?: string;
  reason?: string;
}

describe('pots status-line', () => {
  it('prints nothing while no agent runs', async () => {
    const plain = await sleeper('plain'); // a pane with no agent state
    onTestFinished(() => f.pots(['kill', plain]).then(() => undefined));
    expect(await f.ok(['status-line'])).toBe('');
    expect(await f.json<StatusJson>(['status-line', '--json'])).toEqual({
      counts: {},
      attention: [],
      text: '',
    });
  });

  it('counts agents by state, waiting first with its session named', async () => {
    // Each state in its own session, so the name in the segment is the waiting one's.
    const [a, b, c, d] = [
      await sleeper('a'),
      await sleeper('b'),
      await sleeper('c', 'review'),
      await sleeper('d', 'docs'),
    ];
    // Killed whatever happens: a later test counts the agent panes on this server.
    onTestFinished(async () => {
      for (const pane of [a, b, c, d]) await f.pots(['kill', pane]);
    });
    await report(a, 'working');
    await report(b, 'working');
    await report(c, 'waiting');
    await report(d, 'idle');
    expect(await f.ok(['status-line'])).toBe('1 waiting (repo-repo-review) · 2 working · 1 idle');
    const json = await f.json<StatusJson>(['status-line', '--json']);
    expect(json).toEqual({
      counts: { working: 2, waiting: 1, idle: 1 },
      attention: [{ session: 'repo-repo-review', pane: c, state: 'waiting' }],
      text: '1 waiting (repo-repo-review) · 2 working · 1 idle',
    });
    // A second waiting agent in another session: both sessions named (tmux's order), one count.
    await report(d, 'waiting');
    expect(await f.ok(['status-line'])).toBe(
      '2 waiting (repo-repo-docs, repo-repo-review) · 2 working',
    );
    // Both answered: nobody needs the user, no session is named.
    await report(c, 'working');
    await report(d, 'idle');
    expect(await f.ok(['status-line'])).toBe('3 working · 1 idle');
  });
});

describe('pots broadcast --confirm', () => {
  it('reports, per agent, that it took the prompt; exit 1 naming the one that did not', async () => {
    const one = await spawn('one', 'claude');
    const two = await spawn('two', 'claude');
    const bothIdle = async () => {
      for (const pane of [one, two]) {
        expect(await f.ok(['wait', pane, '--state', 'idle', '--timeout', '60'])).toBe('idle');
      }
    };
    // Back at the prompt: Escape interrupts the stand-in's turn.
    const interrupt = async () => {
      for (const pane of [one, two]) await f.ok(['send', pane, '--key', 'Escape']);
      await bothIdle();
    };
    await bothIdle();
    // An "agent" that never reacts: reported idle, and it stays so.
    const deaf = await sleeper('deaf');
    await report(deaf, 'idle');
    // `work` keeps the stand-ins working (the working line redrawn) until interrupted, so the
    // confirmation cannot miss their turn between two looks.
    const mixed = await f.pots(['broadcast', 'work', '--confirm', '--timeout', '6', '--json']);
    expect(mixed.exitCode, mixed.stderr).toBe(1);
    const rows = JSON.parse(mixed.stdout) as BroadcastRow[];
    expect(rows.map((row) => row.pane).sort()).toEqual([one, two, deaf].sort());
    const byPane = (pane: string) => rows.find((row) => row.pane === pane);
    expect(byPane(one)).toMatchObject({ delivered: true, confirmed: true, state: 'working' });
    expect(byPane(two)).toMatchObject({ delivered: true, confirmed: true, state: 'working' });
    expect(byPane(deaf)).toMatchObject({ delivered: true, confirmed: false, state: 'idle' });
    await interrupt();

    // The table says the same, one row per pane.
    const table = await f.pots(['broadcast', 'work', '--confirm', '--timeout', '6']);
    expect(table.exitCode, table.stderr).toBe(1);
    const line = (pane: string) =>
      table.stdout.split('\n').find((row) => row.split(/\s+/).includes(pane));
    expect(line(one)).toMatch(/sent, taken \(working\)$/);
    expect(line(two)).toMatch(/sent, taken \(working\)$/);
    expect(line(deaf)).toMatch(/sent, NOT taken \(still idle\)$/);
    await interrupt();

    // Without the deaf one, every agent takes it: exit 0.
    await f.ok(['kill', deaf]);
    const taken = await f.pots(['broadcast', 'work', '--confirm', '--timeout', '30', '--json']);
    expect(taken.exitCode, taken.stderr).toBe(0);
    const again = JSON.parse(taken.stdout) as BroadcastRow[];
    expect(again.map((row) => [row.pane, row.delivered, row.confirmed, row.state]).sort()).toEqual(
      [
        [one, true, true, 'working'],
        [two, true, true, 'working'],
      ].sort(),
    );
    await interrupt();
  });
});
