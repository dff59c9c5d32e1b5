// `pots status-line` with agents in several states (counts in its order, the sessions that need
// the user named), and `pots broadcast --confirm` across agents: each one's delivery and whether
// it took the prompt. The built bin, a private server, stand-in agents without hooks (states from
// their screens) and plain processes whose state is reported with `pots report`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const sleeper = (name: string) => spawn(name, 'sh', '-c', 'sleep 600');
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
    expect(await f.ok(['status-line'])).toBe('');
    expect(await f.json<StatusJson>(['status-line', '--json'])).toEqual({
      counts: {},
      attention: [],
      text: '',
    });
    await f.ok(['kill', plain]);
  });

  it('counts agents by state, waiting first with its session named', async () => {
    const [a, b, c, d] = [
      await sleeper('a'),
      await sleeper('b'),
      await sleeper('c'),
      await sleeper('d'),
    ];
    await report(a, 'working');
    await report(b, 'working');
    await report(c, 'waiting');
    await report(d, 'idle');
    expect(await f.ok(['status-line'])).toBe('1 waiting (repo-repo-dev) · 2 working · 1 idle');
    const json = await f.json<StatusJson>(['status-line', '--json']);
    expect(json.counts).toEqual({ working: 2, waiting: 1, idle: 1 });
    expect(json.attention).toEqual([{ session: 'repo-repo-dev', pane: c, state: 'waiting' }]);
    // The waiting one answered: nobody needs the user.
    await report(c, 'working');
    expect(await f.ok(['status-line'])).toBe('3 working · 1 idle');
    for (const pane of [a, b, c, d]) await f.ok(['kill', pane]);
  });
});

describe('pots broadcast --confirm', () => {
  it('reports, per agent, that it took the prompt; exit 1 naming the one that did not', async () => {
    const one = await spawn('one', 'claude');
    const two = await spawn('two', 'claude');
    for (const pane of [one, two]) {
      expect(await f.ok(['wait', pane, '--state', 'idle', '--timeout', '60'])).toBe('idle');
    }
    // An "agent" that never reacts: reported idle, and it stays so.
    const deaf = await sleeper('deaf');
    await report(deaf, 'idle');
    const mixed = await f.pots(['broadcast', 'say hi', '--confirm', '--timeout', '2', '--json']);
    expect(mixed.exitCode, mixed.stderr).toBe(1);
    const rows = JSON.parse(mixed.stdout) as BroadcastRow[];
    const byPane = (pane: string) => rows.find((row) => row.pane === pane);
    expect(byPane(one)).toMatchObject({ delivered: true, confirmed: true });
    expect(byPane(two)).toMatchObject({ delivered: true, confirmed: true });
    expect(byPane(deaf)).toMatchObject({ delivered: true, confirmed: false, state: 'idle' });

    await f.ok(['kill', deaf]);
    for (const pane of [one, two]) await f.ok(['wait', pane, '--state', 'idle', '--timeout', '60']);
    const taken = await f.pots(['broadcast', 'again', '--confirm', '--timeout', '30', '--json']);
    expect(taken.exitCode, taken.stderr).toBe(0);
    const again = JSON.parse(taken.stdout) as BroadcastRow[];
    expect(again.map((row) => [row.pane, row.delivered, row.confirmed]).sort()).toEqual(
      [
        [one, true, true],
        [two, true, true],
      ].sort(),
    );
  });
});
