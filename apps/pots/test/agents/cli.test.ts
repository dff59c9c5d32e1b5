// The built `pots` bin's agent commands, run as a user (or a script) would: spawn → ps → send →
// wait → logs → capture → broadcast, with their JSON and exit codes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { PRINT_300, PRINTED_300 } from './print-300.js';

let f: PotsFixture;
let dataDir: string;
beforeAll(() => {
  f = potsFixture();
  dataDir = join(f.repo.path, '..', 'pots-data');
  f.env.POTS_DATA_DIR = dataDir;
});
afterAll(() => f.done());

interface PaneJson {
  id: string;
  log: string;
  sessionName: string;
  pid: number;
}
interface PsJson {
  id: string;
  session: string;
  worktree: string | null;
  task: string | null;
  state: string;
  exitCode?: number | null;
  activity: string;
  command: string;
}

describe('pots spawn, ps, wait', () => {
  it('spawns in the worktree session (created), shows it running then exited(3), wait exits 3', async () => {
    const spawned = await f.json<PaneJson>([
      'spawn',
      '--json',
      '--name',
      'job',
      '--',
      'sh',
      '-c',
      'echo "in $PWD"; read x; exit 3',
    ]);
    expect(spawned.id).toMatch(/^%\d+$/);
    expect(spawned.sessionName).toBe('repo-repo-dev');
    expect(spawned.log.startsWith(join(dataDir, 'logs', 'repo-repo-dev', 'job-'))).toBe(true);
    const running = (await f.json<PsJson[]>(['ps', '--json'])).find((p) => p.id === spawned.id);
    expect(running).toMatchObject({
      session: 'repo-repo-dev',
      worktree: 'repo',
      task: 'dev',
      state: 'running',
    });
    expect(running).not.toHaveProperty('exitCode');
    const waiting = f.pots(['wait', spawned.id, '--exit']);
    const following = f.pots(['logs', spawned.id, '--follow', '--since-start']);
    await retryUntil(
      () => existsSync(spawned.log) && readFileSync(spawned.log, 'utf8').includes('in '),
    );
    await f.ok(['send', spawned.id, 'bye']);
    const waited = await waiting;
    expect(waited.exitCode).toBe(3);
    expect(waited.stderr).toMatch(/exited with status 3/);
    const followed = await following; // logs --follow ends with the pane, and with its status
    expect(followed.exitCode).toBe(3);
    expect(followed.stdout).toContain(`in ${f.repo.path}`);
    const exited = (await f.json<PsJson[]>(['ps', '--json'])).find((p) => p.id === spawned.id);
    expect(exited).toMatchObject({ state: 'exited', exitCode: 3 });
    expect(Date.parse(exited!.activity)).not.toBeNaN();
    const table = await f.ok(['ps']);
    expect(table).toMatch(new RegExp(`${spawned.id}\\s+repo-repo-dev:job\\s+dev\\s+exited\\(3\\)`));
  });

  it('needs a command after --, and checks its arguments (exit 2)', async () => {
    expect((await f.pots(['spawn'])).exitCode).toBe(2);
    expect((await f.pots(['spawn', 'main', 'extra', '--', 'true'])).exitCode).toBe(2);
    expect((await f.pots(['spawn', '--env', 'NOEQUALS', '--', 'true'])).exitCode).toBe(2);
    expect((await f.pots(['spawn', 'no-such-worktree', '--', 'true'])).exitCode).toBe(3);
    expect((await f.pots(['wait', '%9999'])).exitCode).toBe(3);
    expect((await f.pots(['wait', '%0', '--exit', '--idle', '1'])).exitCode).toBe(2);
  });

  it('wait --text prints the match; --idle returns; --timeout exits 1', async () => {
    const pane = await f.ok(['spawn', '--', 'sh', '-c', 'while read x; do echo "reply: $x"; done']);
    await f.ok(['send', pane, 'hello there']);
    // The reply may come before the wait starts: it counts from the last send.
    expect(await f.ok(['wait', pane, '--text', 'reply: \\w+', '--timeout', '20'])).toBe(
      'reply: hello',
    );
    expect((await f.pots(['wait', pane, '--idle', '0.2', '--timeout', '20'])).exitCode).toBe(0);
    const late = await f.pots(['wait', pane, '--text', 'never', '--timeout', '0.3']);
    expect(late.exitCode).toBe(1);
    expect(late.stderr).toMatch(/timed out/);
  });
});

describe('pots spawn in window mode', () => {
  it("adds a window tagged with the worktree to the unit's session, not a second unit", async () => {
    const pane = await f.json<PaneJson>([
      'spawn',
      '--mode',
      'window',
      '--task',
      'win',
      '--json',
      '--',
      'sh',
      '-c',
      'exec cat',
    ]);
    expect(pane.sessionName).toBe('plum');
    const units = await f.json<Array<{ task: string | null; mode: string }>>([
      'list',
      '--mode',
      'window',
      '--json',
    ]);
    expect(units.filter((u) => u.task === 'win')).toHaveLength(1);
    const row = (await f.json<PsJson[]>(['ps', '--json'])).find((p) => p.id === pane.id);
    expect(row).toMatchObject({ session: 'plum', worktree: 'repo', task: 'win', state: 'running' });
    const split = await f.json<PaneJson & { windowId: string }>([
      'spawn',
      '--mode',
      'window',
      '--task',
      'win',
      '--split',
      'v',
      '--json',
      '--',
      'sh',
      '-c',
      'exec cat',
    ]);
    const unitWindow = f.server.tmux(['display', '-p', '-t', split.id, '#{@pots-unit}']).trim();
    expect(unitWindow).toBe('window'); // the split went into the unit's own window
  });
});

describe('pots logs, capture, send', () => {
  it('logs -f --since-start --json: 300 long ANSI lines in order, once each, then the exit', async () => {
    const pane = await f.json<PaneJson>([
      'spawn',
      '--json',
      '--',
      'sh',
      '-c',
      `read go; ${PRINT_300}; read done; exit 5`,
    ]);
    const following = f.pots(['logs', pane.id, '--follow', '--since-start', '--json']);
    await f.ok(['send', pane.id, 'go']);
    await retryUntil(
      () => existsSync(pane.log) && readFileSync(pane.log, 'utf8').includes('line 300 '),
    );
    await f.ok(['send', pane.id, 'done']);
    const result = await following;
    expect(result.exitCode, result.stderr).toBe(5); // the pane's status
    const events = result.stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            type: string;
            paneId: string;
            data: string;
            at: string;
            exitCode?: number;
          },
      );
    const text = events.map((e) => e.data).join('');
    const lines = text.split('\r\n').filter((line) => /^line \d+ /.test(line));
    expect(lines).toEqual(PRINTED_300);
    expect(events.at(-1)).toMatchObject({ type: 'exit', paneId: pane.id, exitCode: 5 });
    expect(events.every((e) => e.paneId === pane.id && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    // Without --follow: what the log holds, escape codes other than colour removed (NO_COLOR: all).
    const all = await f.ok(['logs', pane.id]);
    expect(all).toContain(`line 300 red ${'x'.repeat(300)}`);
    expect(all).not.toContain('\x1b');
  });

  it('capture strips OSC 52 and terminal queries; --json wraps the text', async () => {
    const pane = await f.ok([
      'spawn', '--', 'sh', '-c',
      "printf '\\033]52;c;cHduZWQ=\\007\\033[6n\\033[31mred\\033[0m after\\n'; exec cat >/dev/null",
    ]); // prettier-ignore
    const text = await retryUntil(async () => {
      const out = await f.ok(['capture', pane]);
      return out.includes('red after') ? out : '';
    });
    for (const bad of ['\x1b', '\x07', 'cHduZWQ']) expect(text).not.toContain(bad);
    const ansi = await f.ok(['capture', pane, '--ansi']);
    expect(ansi).toContain('\x1b[31mred');
    expect(ansi).not.toContain('\x1b]');
    expect(ansi).not.toContain('\x07');
    const json = await f.json<{ paneId: string; text: string }>([
      'capture',
      pane,
      '--json',
      '--lines',
      '5',
    ]);
    expect(json.paneId).toBe(pane);
    expect(json.text).toContain('red after');
  });

  it('send delivers `echo \'a;\' #(touch pwned) -x "q"` to a shell and nothing else runs', async () => {
    const out = join(f.repo.path, '..', 'send-out.txt');
    const pane = await f.ok([
      'spawn',
      '--',
      'sh',
      '-c',
      `IFS= read -r line; printf '%s' "$line" > '${out}'; exec cat >/dev/null`,
    ]);
    const sessions = f.server.tmux(['list-sessions', '-F', '#{session_id}']);
    await f.ok(['send', pane, `echo 'a;' #(touch pwned) -x "q"`]);
    await retryUntil(() => existsSync(out) && readFileSync(out, 'utf8') !== '');
    expect(readFileSync(out, 'utf8')).toBe(`echo 'a;' #(touch pwned) -x "q"`);
    f.server.tmux(['run-shell', 'true']);
    for (const dir of [f.repo.path, f.server.env.HOME!])
      expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(f.server.tmux(['list-sessions', '-F', '#{session_id}'])).toBe(sessions);
    expect((await f.pots(['send', 'repo-repo', 'x'])).exitCode).toBe(3); // exact names only
  });
});

describe('pots broadcast', () => {
  it('reaches every managed session and reports each; --json; exit 1 when one is skipped', async () => {
    const a = f.repo.worktree('feat-a', { newBranch: true });
    const b = f.repo.worktree('feat-b', { newBranch: true });
    const outs = [a, b].map((dir) => join(dir, 'got.txt'));
    for (const [i, dir] of [a, b].entries()) {
      await f.ok(
        [
          'spawn',
          '--',
          'sh',
          '-c',
          `IFS= read -r line; printf '%s' "$line" > '${outs[i]}'; exec cat >/dev/null`,
        ],
        { cwd: dir },
      );
    }
    const results = await f.json<Array<{ session: string; delivered: boolean }>>([
      'broadcast', 'all hands', '--filter', 'repo-feat-*', '--json',
    ]); // prettier-ignore
    expect(results.map((r) => [r.session, r.delivered])).toEqual([
      ['repo-feat-a-dev', true],
      ['repo-feat-b-dev', true],
    ]);
    await retryUntil(() =>
      outs.every((out) => existsSync(out) && readFileSync(out, 'utf8') === 'all hands'),
    );
    // The main session holds exited panes from the tests above: reported, exit 1.
    const everyone = await f.pots(['broadcast', 'again', '--project', 'repo', '--filter', '*']);
    expect(everyone.exitCode).toBe(1);
    expect(everyone.stdout).toMatch(/skipped: dead/);
    // Without --filter only agent panes get it: these run no agent, so each is reported skipped.
    const agents = await f.pots(['broadcast', 'again', '--project', 'repo', '--json']);
    expect(agents.exitCode).toBe(1);
    const skipped = JSON.parse(agents.stdout) as Array<{ delivered: boolean; reason?: string }>;
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((r) => !r.delivered && r.reason === 'not an agent pane')).toBe(true);
    expect((await f.pots(['broadcast', 'x', '--filter', 'nothing-*'])).exitCode).toBe(3);
  });
});
