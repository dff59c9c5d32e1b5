// `pots dash` and the terminal it runs in: --all across two repositories, resizes of an 80×24
// pane, NO_COLOR (and CI set, which must not freeze the screen), a selected pane dying, the log
// follower, and --popup in a display-popup of a real client. Its own private tmux server; keys go
// in with send-keys, the screen comes back with capture-pane; every wait polls with a deadline.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binPath, gitRepo, retryUntil, tempDir, type GitRepo } from '@plumpots/test-fixtures';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { WAIT, waitScreen as waitFor } from './screen.js';
import { nestedClient, q, typeLine, type NestedClient } from '../nested-client.js';

const STAND_IN = fileURLToPath(new URL('./stand-in.mjs', import.meta.url));

let f: PotsFixture;
let shop: GitRepo;
let scratch: { path: string; cleanup: () => void };
let dash: string; // the pane the dashboard runs in
let user: NestedClient;
const panes: Record<string, string> = {};
let runs = 0;
let running: string | null = null; // the trace file of the dashboard now running

const screen = (escapes = false) =>
  f.server.tmux(['capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', dash]);
const press = (...keys: string[]) => f.server.tmux(['send-keys', '-t', dash, ...keys]);
const size = () =>
  f.server
    .tmux(['display-message', '-p', '-t', dash, '#{pane_width} #{pane_height}'])
    .trim()
    .split(' ')
    .map(Number) as [number, number];

const waitScreen = (test: (text: string) => boolean, message: string) =>
  waitFor(() => screen(), test, message);

const traceLines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];

/** The list's pane rows (`state age name where %N`). */
const paneRows = (text: string) =>
  text.split('\n').filter((line) => /%\d+\s*$/.test(line) && !line.startsWith('──'));

/** Starts `pots dash <args>` in the host pane with `env`; resolves with its trace file. */
async function startDash(args: string[], env: Record<string, string> = {}): Promise<string> {
  const trace = join(scratch.path, `trace-${++runs}.txt`);
  // Colour is this test's to decide: not the host shell's (the server started with NO_COLOR, as
  // tests run pots), nor the runner's (a CI may set FORCE_COLOR). CI passes through: the
  // dashboard must draw live with it set.
  const base = Object.fromEntries(
    Object.entries(f.env).filter(([key]) => key !== 'NO_COLOR' && key !== 'FORCE_COLOR'),
  );
  const vars = Object.entries({ ...base, TERM: 'xterm-256color', POTS_DASH_TRACE: trace, ...env })
    .map(([key, value]) => `${key}=${q(value)}`)
    .join(' ');
  typeLine(
    f.server,
    dash,
    `clear; env -u NO_COLOR -u FORCE_COLOR -u CI ${vars} ${[process.execPath, binPath('pots'), 'dash', ...args].map(q).join(' ')}; echo dash-exit=$?`,
  );
  running = trace;
  await retryUntil(() => traceLines(trace).some((l) => l.includes(' first-frame ')), WAIT);
  return trace;
}

/** Quits the dashboard (back to the list first) and waits for the shell. */
async function quitDash(): Promise<void> {
  if (!screen().includes('⏎ go')) press('Escape');
  await waitScreen((s) => s.includes('⏎ go'), 'the list');
  press('q');
  await waitScreen((s) => s.includes('dash-exit=0'), 'the dashboard exits 0');
  running = null;
}

// A test that failed half-way leaves its dashboard running, maybe in a view: Esc until it quits.
afterEach(async () => {
  const trace = running;
  if (trace === null) return;
  running = null;
  await retryUntil(
    () => {
      if (traceLines(trace).some((l) => l.endsWith(' exit'))) return true;
      press('Escape');
      return false;
    },
    { ...WAIT, interval: 500 },
  );
});

/** Moves the selection down (j) until the selected row is `pane`'s. */
async function selectPane(pane: string): Promise<void> {
  press('g');
  await retryUntil(
    () => {
      const selected = screen()
        .split('\n')
        .find((line) => line.startsWith('▸'));
      if (selected?.trimEnd().endsWith(pane)) return true;
      press('j');
      return false;
    },
    { ...WAIT, interval: 300 },
  );
}

/**
 * A screen that reads right: no line wider than the pane, the footer once and last, the counts and
 * the preview's title once, each pane's row once and whole (state, age, name, session:window, id).
 */
function expectReadable(text: string, ids: string[]): void {
  const [width] = size();
  const lines = text.replace(/\n+$/, '').split('\n');
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(width);
  expect(lines.filter((l) => l.includes('⏎ go'))).toHaveLength(1);
  expect(lines.at(-1)).toContain('⏎ go');
  expect(lines.filter((l) => /\d+ (idle|working|running|waiting)/.test(l))).toHaveLength(1);
  expect(lines.filter((l) => l.startsWith('── '))).toHaveLength(1);
  const rows = paneRows(text);
  for (const id of ids) {
    const mine = rows.filter((row) => row.trimEnd().endsWith(` ${id}`));
    expect(mine, `the row of ${id} in:\n${text}`).toHaveLength(1);
    expect(mine[0]).toMatch(/^[▸ ] {3}\S+ +\d+[smhd] +\S+ +\S+:\S+ +%\d+$/);
  }
}

beforeAll(async () => {
  f = potsFixture();
  shop = gitRepo({ name: 'shop' });
  scratch = tempDir('pots-dash-terminal-');
  const spawn = async (name: string, cwd: string) => {
    const record = join(scratch.path, `${name}.jsonl`);
    const id = await f.ok(
      ['spawn', '--name', name, '--', process.execPath, STAND_IN, name, record],
      { cwd },
    );
    await retryUntil(
      () => existsSync(record) && readFileSync(record, 'utf8').includes('started'),
      WAIT,
    );
    return id.trim();
  };
  panes.alpha = await spawn('alpha', f.repo.path);
  panes.beta = await spawn('beta', f.repo.path);
  panes.omega = await spawn('omega', shop.path);

  f.server.tmux(['new-session', '-d', '-s', 'dashhost', '-x', '80', '-y', '24', '-c', f.repo.path]);
  // The size this window is given, whatever size a client has.
  f.server.tmux(['set-option', '-w', '-t', '=dashhost:', 'window-size', 'manual']);
  dash = f.server.tmux(['list-panes', '-t', '=dashhost:', '-F', '#{pane_id}']).trim();
}, 60_000);

afterAll(() => {
  user?.kill();
  f?.done();
  shop?.cleanup();
  scratch?.cleanup();
});

describe('pots dash in its terminal', () => {
  it('--all shows the worktrees and panes of both repositories, coloured', async () => {
    await startDash(['--all']);
    // Each repository's worktree heading (project/name, branch), its panes below it.
    const text = await waitScreen(
      (s) =>
        ['alpha', 'beta', 'omega'].every((name) => s.includes(name)) &&
        /^[▸ ] repo\/repo {2}main\b/m.test(s) &&
        /^[▸ ] shop\/shop {2}main\b/m.test(s),
      'both repositories with their rows',
    );
    expect(headingOf(text, panes.omega!)).toMatch(/shop\/shop/);
    expect(headingOf(text, panes.alpha!)).toMatch(/repo\/repo/);
    expect(headingOf(text, panes.beta!)).toMatch(/repo\/repo/);
    expect(paneRows(text).some((row) => row.includes('shop-shop-dev:omega'))).toBe(true);
    // The other half of the NO_COLOR test below: here the states are coloured.
    expect(colourCodes(screen(true)).length).toBeGreaterThan(0);
    await quitDash();
  });

  it('NO_COLOR (with CI set): no colour escape anywhere on the screen, and it stays live', async () => {
    await startDash(['--all'], { NO_COLOR: '1', CI: 'true' });
    await waitScreen(
      (s) => ['alpha', 'beta', 'omega'].every((name) => s.includes(name)),
      'rows for alpha, beta and omega',
    );
    await selectPane(panes.alpha!);
    await waitScreen((s) => s.includes(`── ${panes.alpha} alpha`), 'the preview of alpha');
    // The stand-in draws in bold and cyan: the preview keeps neither colour.
    await waitScreen((s) => s.includes('alpha stand-in'), 'the stand-in screen in the preview');
    expect(colourCodes(screen(true))).toEqual([]);
    // A later change reaches the screen (ink under CI would draw only the last frame, at exit).
    await f.ok(['report', 'waiting', '--pane', panes.beta!]);
    await waitScreen(
      (s) => paneRows(s).some((row) => row.includes(panes.beta!) && row.includes('waiting')),
      'beta waiting',
    );
    expect(colourCodes(screen(true))).toEqual([]);
    await f.ok(['report', 'idle', '--pane', panes.beta!]);
    await quitDash();
  });

  it('80×24, then resized both ways: the footer and every row stay whole', async () => {
    await startDash(['--all']);
    const ids = [panes.alpha!, panes.beta!, panes.omega!];
    const all = (s: string) => ids.every((id) => paneRows(s).some((row) => row.endsWith(id)));
    expectReadable(await waitScreen(all, 'all three rows at 80×24'), ids);
    for (const [x, y] of [
      [120, 30],
      [64, 18],
      [80, 24],
    ] as const) {
      f.server.tmux(['resize-window', '-t', '=dashhost:', '-x', String(x), '-y', String(y)]);
      await retryUntil(() => size()[0] === x && size()[1] === y, WAIT);
      // Redrawn at the new size: the footer line is as wide as the keys that fit.
      const text = await waitScreen((s) => {
        if (!all(s)) return false;
        try {
          expectReadable(s, ids);
          return true;
        } catch {
          return false;
        }
      }, `a whole screen at ${x}×${y}`);
      expectReadable(text, ids);
    }
    await quitDash();
  });

  it('? lists every key, each line whole in 80 columns; any key comes back', async () => {
    await startDash([]);
    await waitScreen((s) => s.includes('⏎ go'), 'the list');
    expect(size()[0]).toBe(80);
    press('?');
    const help = await waitScreen((s) => s.includes('pots dash — keys'), 'the help page');
    for (const key of [
      'Enter ',
      '/ ',
      's ',
      'y / n ',
      'n / N ',
      'i ',
      'x ',
      'K ',
      'r ',
      'l ',
      'q / Esc ',
    ]) {
      expect(help.split('\n').some((line) => line.startsWith(key))).toBe(true);
    }
    expect(help).not.toContain('…');
    press('j');
    await waitScreen(
      (s) => s.includes('⏎ go') && !s.includes('pots dash — keys'),
      'the list again',
    );
    await quitDash();
  });

  it('l follows the selected pane’s log full-screen; q comes back to the list', async () => {
    await startDash([]);
    await waitScreen((s) => s.includes(panes.alpha!), 'alpha listed');
    await selectPane(panes.alpha!);
    press('l');
    const log = await waitScreen(
      (s) => s.includes(`log of ${panes.alpha}`) && s.includes('alpha stand-in'),
      'the log of alpha, with what alpha printed',
    );
    expect(log).not.toContain('⏎ go');
    press('q');
    await waitScreen((s) => s.includes('⏎ go') && !s.includes('log of'), 'the list is back');
    expect(screen()).not.toContain('dash-exit');
    await quitDash();
  });

  it('a selected pane whose process is killed shows exited; one killed outright leaves the list, the selection moves on, the dashboard runs on', async () => {
    const record = join(scratch.path, 'victim.jsonl');
    const spawn = (name: string) =>
      f.ok(['spawn', '--name', name, '--', process.execPath, STAND_IN, name, record]);
    const victim = (await spawn('victim')).trim();
    const doomed = (await spawn('doomed')).trim();
    await startDash([]);
    await waitScreen((s) => s.includes(victim) && s.includes(doomed), 'victim and doomed listed');

    await selectPane(victim);
    const pid = f.server.tmux(['display-message', '-p', '-t', victim, '#{pane_pid}']).trim();
    expect(Number(pid)).toBeGreaterThan(0); // kill(0) would signal this whole process group
    process.kill(Number(pid), 'SIGKILL');
    await waitScreen(
      (s) =>
        s.split('\n').some((l) => l.startsWith('▸') && l.includes(victim) && l.includes('exited(')),
      'victim selected and shown exited',
    );

    await selectPane(doomed);
    f.server.tmux(['kill-pane', '-t', doomed]);
    const text = await waitScreen(
      (s) => !s.includes(doomed) && s.split('\n').some((l) => l.startsWith('▸')),
      'doomed gone, another row selected',
    );
    expect(text).toContain('⏎ go');
    // Still live: a change after the death reaches the screen.
    await f.ok(['report', 'waiting', '--pane', panes.alpha!]);
    await waitScreen(
      (s) => paneRows(s)[0]?.includes(panes.alpha!) === true && paneRows(s)[0]!.includes('waiting'),
      'alpha waiting, first',
    );
    await f.ok(['report', 'idle', '--pane', panes.alpha!]);
    await quitDash();
  });

  it('--popup opens the dashboard in a display-popup of the client; Enter goes to the pane and closes it', async () => {
    f.server.tmux(['new-session', '-d', '-s', 'popuphost', '-c', f.repo.path]);
    user = nestedClient(f);
    user.attach('popuphost');
    await retryUntil(() => user.clientSessions().includes('popuphost'), WAIT);
    // A popup's command gets the session's environment, not the caller's.
    const trace = join(scratch.path, 'trace-popup.txt');
    f.server.tmux(['set-environment', '-g', 'POTS_DASH_TRACE', trace]);
    const host = f.server.tmux(['list-panes', '-t', '=popuphost:', '-F', '#{pane_id}']).trim();
    const vars = Object.entries(f.env)
      .map(([key, value]) => `${key}=${q(value)}`)
      .join(' ');
    typeLine(
      f.server,
      host,
      `env ${vars} ${[process.execPath, binPath('pots'), 'dash', '--popup'].map(q).join(' ')}; echo popup-exit=$?`,
    );
    await retryUntil(() => traceLines(trace).some((l) => l.includes(' first-frame ')), WAIT);
    // The popup's list is loaded (its first row stands for the first pane of its worktree).
    await retryUntil(
      () =>
        traceLines(trace).some(
          (l) => l.startsWith(' ', l.indexOf(' ')) && l.includes(` ${panes.alpha} `),
        ),
      WAIT,
    );

    user.outer.tmux(['send-keys', '-t', '=terminal:', 'Enter']);
    await retryUntil(() => traceLines(trace).some((l) => / exit$/.test(l)), WAIT);
    // The client went to the pane's session (the first worktree's panes are in repo-repo-dev).
    await retryUntil(() => user.clientSessions().includes('repo-repo-dev'), WAIT);
  });
});

const ESC = String.fromCharCode(27);

/** The worktree heading a pane's row is listed under. */
function headingOf(text: string, pane: string): string | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => /%\d+$/.test(line) && line.endsWith(` ${pane}`));
  return lines
    .slice(0, Math.max(0, index))
    .reverse()
    .find((line) => /^[▸ ] \S/.test(line));
}

/** The colour parameters of every SGR sequence in `text` (30–38, 40–48, 90–97, 100–107). */
function colourCodes(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(new RegExp(`${ESC}\\[([\\d;:]*)m`, 'g'))) {
    for (const param of match[1]!.split(/[;:]/)) {
      const n = Number(param);
      if (
        (n >= 30 && n <= 38) ||
        (n >= 40 && n <= 48) ||
        (n >= 90 && n <= 97) ||
        (n >= 100 && n <= 107)
      )
        found.push(match[0]);
    }
  }
  return found;
}
