// `pots dash` in a real terminal: the dashboard runs in an 80×24 pane of the private tmux server
// pots manages (so it is "inside tmux"), stand-in agents run in pots sessions, keys go in with
// send-keys and the screen comes back with capture-pane. Every wait polls with a deadline.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { binPath, retryUntil, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { WAIT, waitScreen as waitFor } from './screen.js';
import { nestedClient, q, type NestedClient } from '../nested-client.js';

const STAND_IN = fileURLToPath(new URL('./stand-in.mjs', import.meta.url));

let f: PotsFixture;
let records: { path: string; cleanup: () => void };
let dash: string; // the dashboard's pane
let user: NestedClient;
const panes: Record<string, string> = {};

const record = (name: string) => join(records.path, `${name}.jsonl`);
const events = (name: string): Array<Record<string, string>> =>
  existsSync(record(name))
    ? readFileSync(record(name), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, string>)
    : [];

const screen = () => f.server.tmux(['capture-pane', '-p', '-t', dash]);
const press = (...keys: string[]) => f.server.tmux(['send-keys', '-t', dash, ...keys]);
const type = (text: string) => f.server.tmux(['send-keys', '-t', dash, '-l', text]);

const waitScreen = (test: (text: string) => boolean, message: string) =>
  waitFor(() => screen(), test, message);

/** The list's pane rows, top to bottom (`state name … %N`). */
function paneRows(text: string): string[] {
  return text.split('\n').filter((line) => /%\d+\s*$/.test(line) && !line.startsWith('──'));
}

/** Back to the list, unfiltered (Esc in the list itself would quit). */
async function reset(): Promise<void> {
  if (!screen().includes('⏎ go')) press('Escape');
  await waitScreen((s) => s.includes('⏎ go'), 'the list is back');
  press('/');
  await waitScreen((s) => s.includes('filter:'), 'the filter line');
  press('Escape');
  await waitScreen((s) => s.includes('⏎ go') && !s.includes('filter:'), 'no filter');
}

/** Moves the user's terminal client (never a control-mode one) to `session`. */
function userTo(session: string): void {
  const clients = f.server.tmux(['list-clients', '-F', '#{client_control_mode} #{client_name}']);
  const client = clients
    .split('\n')
    .find((line) => line.startsWith('0 '))
    ?.slice(2);
  if (!client) throw new Error('no terminal client');
  f.server.tmux(['switch-client', '-c', client, '-t', `=${session}`]);
}

/** Shows only the rows matching `name` and selects the first pane row. */
async function select(name: string): Promise<void> {
  await reset();
  press('/');
  type(name);
  press('Enter');
  await waitScreen((s) => s.includes(`filter: ${name}`), `filtered on ${name}`);
  await retryUntil(
    () => {
      const selected = screen()
        .split('\n')
        .find((line) => line.startsWith('▸'));
      if (selected?.includes(panes[name]!)) return true;
      press('j');
      return false;
    },
    { ...WAIT, interval: 300 },
  );
  await waitScreen((s) => s.includes(`── ${panes[name]} ${name}`), `the preview of ${name}`);
}

async function spawnStandIn(name: string, worktree?: string): Promise<string> {
  const args = [
    'spawn',
    ...(worktree ? [worktree] : []),
    '--name',
    name,
    '--',
    process.execPath,
    STAND_IN,
    name,
    record(name),
  ];
  const id = await f.ok(args);
  await retryUntil(() => events(name).some((e) => e.event === 'started'), WAIT);
  return id.trim();
}

beforeAll(async () => {
  f = potsFixture();
  records = tempDir('pots-dash-records-');
  // A worktree with untracked work and no session, for `r`.
  const dirty = join(f.repo.root, 'dirty-wt');
  f.repo.git(['worktree', 'add', '-q', '-b', 'dirty-wt', dirty]);
  writeFileSync(join(dirty, 'notes.txt'), 'not committed\n');
  for (const name of ['alpha', 'beta', 'gamma', 'delta']) panes[name] = await spawnStandIn(name);

  f.server.tmux(['new-session', '-d', '-s', 'dashhost', '-x', '80', '-y', '24', '-c', f.repo.path]);
  // 80×24 whatever size the user's client has.
  f.server.tmux(['set-option', '-w', '-t', '=dashhost:', 'window-size', 'manual']);
  dash = f.server.tmux(['list-panes', '-t', '=dashhost:', '-F', '#{pane_id}']).trim();
  const env = Object.entries({ ...f.env, TERM: 'xterm-256color' })
    .map(([key, value]) => `${key}=${q(value)}`)
    .join(' ');
  type(
    `clear; env ${env} ${[process.execPath, binPath('pots'), 'dash'].map(q).join(' ')}; echo dash-exit=$?`,
  );
  press('Enter');
  user = nestedClient(f);
  user.attach('dashhost');
}, 60_000);

afterAll(() => {
  user?.kill();
  f?.done();
  records?.cleanup();
});

describe('pots dash in a terminal', () => {
  it('shows a row for each stand-in agent, in an 80-column screen with the keys and counts', async () => {
    const text = await waitScreen(
      (s) => ['alpha', 'beta', 'gamma', 'delta'].every((name) => s.includes(name)),
      'rows for alpha, beta and gamma',
    );
    for (const name of ['alpha', 'beta', 'gamma']) {
      expect(paneRows(text).some((row) => row.includes(name) && row.includes(panes[name]!))).toBe(
        true,
      );
    }
    expect(text).toContain('? help');
    expect(Math.max(...text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
  });

  it('s sends a two-line prompt that the stand-in receives intact, and shows the result', async () => {
    await select('alpha');
    press('s');
    await waitScreen((s) => s.includes(`send to ${panes.alpha}`), 'the send editor');
    type('first line');
    press('Enter');
    type('second line');
    await waitScreen((s) => s.includes('second line'), 'both lines in the editor');
    press('C-s');
    await retryUntil(() => events('alpha').find((e) => e.event === 'prompt'), WAIT);
    expect(events('alpha').filter((e) => e.event === 'prompt')).toEqual([
      { name: 'alpha', event: 'prompt', prompt: 'first line\nsecond line' },
    ]);
    await waitScreen(
      (s) => s.includes(`sent 2 lines to ${panes.alpha}`) && s.includes('taken'),
      'the result line',
    );
    await waitScreen((s) => s.includes('got 2 line(s)'), 'the preview shows the answer');
  });

  it('i interrupts the selected pane only', async () => {
    await select('beta');
    press('i');
    await retryUntil(() => events('beta').some((e) => e.event === 'C-c'), WAIT);
    await waitScreen((s) => s.includes(`sent C-c to ${panes.beta}`), 'the result line');
    expect(events('alpha').some((e) => e.event === 'C-c')).toBe(false);
    expect(events('gamma').some((e) => e.event === 'C-c')).toBe(false);
  });

  it('a stand-in that starts waiting moves to the top with its new state; y answers it', async () => {
    await reset();
    await f.ok(['send', panes.alpha!, 'wait']);
    // What the agent's Notification hook runs (the stand-in runs it too).
    await f.ok(['report', 'waiting', '--pane', panes.alpha!]);
    const text = await waitScreen(
      (s) => paneRows(s)[0]?.includes(panes.alpha!) === true && paneRows(s)[0]!.includes('waiting'),
      'alpha first, waiting',
    );
    expect(text).toMatch(/1 waiting/);
    await select('alpha');
    press('y');
    await retryUntil(() => events('alpha').find((e) => e.event === 'answer'), WAIT);
    expect(events('alpha').filter((e) => e.event === 'answer')).toEqual([
      { name: 'alpha', event: 'answer', answer: 'y' },
    ]);
    expect(events('beta').some((e) => e.event === 'answer')).toBe(false);
    await f.ok(['report', 'idle', '--pane', panes.alpha!]); // the agent's Stop hook
    await waitScreen(
      (s) => !paneRows(s).some((row) => row.includes('waiting')),
      'no longer waiting',
    );
  });

  it('x stops the selected pane only (SIGINT first)', async () => {
    await select('delta');
    press('x');
    await waitScreen((s) => s.includes(`stopped ${panes.delta}: SIGINT`), 'the stop result');
    await waitScreen(
      (s) => paneRows(s).some((row) => row.includes(panes.delta!) && row.includes('exited(')),
      'delta exited',
    );
    for (const name of ['alpha', 'gamma']) {
      expect(
        f.server.tmux(['display-message', '-p', '-t', panes[name]!, '#{pane_dead}']).trim(),
      ).toBe('0');
    }
  });

  it('an agent that exits moves to the top with its exit code', async () => {
    await reset();
    await f.ok(['send', panes.beta!, 'exit 3']);
    const text = await waitScreen(
      (s) =>
        paneRows(s)[0]?.includes(panes.beta!) === true && paneRows(s)[0]!.includes('exited(3)'),
      'beta first, exited(3)',
    );
    expect(paneRows(text)[0]).toContain('beta');
  });

  it('K names the pane, and kills only it after y', async () => {
    await select('gamma');
    press('K');
    await waitScreen(
      (s) => s.includes(`Kill pane ${panes.gamma} — gamma`),
      'the confirmation naming gamma',
    );
    press('y');
    await retryUntil(
      () =>
        !f.server.tmux(['list-panes', '-a', '-F', '#{pane_id}']).split('\n').includes(panes.gamma!),
      WAIT,
    );
    await waitScreen((s) => s.includes(`killed pane ${panes.gamma}`), 'the result line');
    expect(f.server.tmux(['display-message', '-p', '-t', panes.alpha!, '#{pane_id}']).trim()).toBe(
      panes.alpha,
    );
    // The dashboard survives its selected pane dying.
    await waitScreen(
      (s) => s.includes('⏎ go') && !paneRows(s).some((row) => row.includes(panes.gamma!)),
      'gamma gone from the list',
    );
  });

  it('Enter switches the tmux client to the selected pane', async () => {
    await select('alpha');
    press('Enter');
    const session = f.server
      .tmux(['display-message', '-p', '-t', panes.alpha!, '#{session_name}'])
      .trim();
    await retryUntil(() => {
      const clients = f.server.tmux([
        'list-clients',
        '-F',
        '#{client_control_mode} #{client_session} #{pane_id}',
      ]);
      return clients.split('\n').some((line) => line === `0 ${session} ${panes.alpha}`);
    }, WAIT);
    userTo('dashhost'); // back to the dashboard for the next tests
  });

  it('n creates a worktree and starts the agent in it', async () => {
    await reset();
    press('N');
    await waitScreen((s) => s.includes('new worktree + agent'), 'the form');
    type('feat-new');
    press('Tab');
    press('BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
    type(`${process.execPath} ${STAND_IN} newagent ${record('newagent')}`);
    press('Tab');
    type('hello');
    press('Enter');
    await retryUntil(
      () => events('newagent').some((e) => e.event === 'prompt' && e.prompt === 'hello'),
      WAIT,
    );
    const worktrees = execFileSync('git', ['worktree', 'list', '--porcelain'], {
      cwd: f.repo.path,
      env: f.env,
      encoding: 'utf8',
    });
    expect(worktrees).toContain('branch refs/heads/feat-new');
    await waitScreen(
      (s) =>
        s.includes('created feat-new') &&
        paneRows(s).some((row) => row.includes('repo-feat-new-dev:node')),
      'the new worktree and agent in the list',
    );
  });

  it('r refuses a worktree with untracked work and shows why; nothing is removed', async () => {
    await reset();
    press('/');
    type('dirty-wt');
    press('Enter');
    await waitScreen(
      (s) =>
        s.includes('filter: dirty-wt') &&
        s.split('\n').some((l) => l.startsWith('▸') && l.includes('dirty-wt')),
      'the dirty worktree selected',
    );
    press('r');
    const text = await waitScreen((s) => s.includes('Refused'), 'the refusal');
    expect(text).toMatch(/would lose work/);
    expect(text).toMatch(/untracked/);
    expect(text).toContain('notes.txt');
    press('Escape');
    await waitScreen((s) => s.includes('nothing removed'), 'the cancel line');
    const worktrees = execFileSync('git', ['worktree', 'list', '--porcelain'], {
      cwd: f.repo.path,
      env: f.env,
      encoding: 'utf8',
    });
    expect(worktrees).toContain('branch refs/heads/dirty-wt');
  });

  it('/ filters the rows by name; Esc brings every row back', async () => {
    await select('alpha');
    const rows = paneRows(screen());
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.includes('alpha'))).toBe(true);
    await reset();
    await waitScreen(
      (s) => ['alpha', 'beta'].every((name) => paneRows(s).some((row) => row.includes(name))),
      'every row again',
    );
  });

  it('q quits and gives the terminal back', async () => {
    await reset();
    press('q');
    await waitScreen((s) => s.includes('dash-exit=0'), 'the dashboard exits 0');
  });

  it('without a terminal: exit 2 and the usage line', async () => {
    const result = await f.pots(['dash']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('usage: pots dash');
    expect(result.stdout).toBe('');
  });
});
