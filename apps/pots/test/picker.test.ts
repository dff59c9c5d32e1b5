// The pickers of `pots attach` and `pots open` with the name left out, under a real terminal: bash
// in a session of a private "host" tmux server runs the built bin, keys are typed with send-keys
// and the screen is read with capture-pane. pots's own sessions live on the fixture's server, so
// an attach made from the terminal shows up there as a client. Without fzf on PATH the built-in
// picker (@clack/prompts) lists the candidates with their state, the current worktree's first;
// with fzf on PATH fzf is the picker. Without a terminal there is no picker: the worktree you are
// in, else exit 2 with the usage line.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  binDir,
  retryUntil,
  tempDir,
  terminal,
  tmuxServer,
  which,
  type Terminal,
  type TmuxServer,
} from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

const TOOLS = ['tmux', 'git', 'sh'];

let f: PotsFixture;
let host: TmuxServer;
let feat: string;
let fix: string;
let lonely: string;

beforeAll(async () => {
  f = potsFixture();
  host = tmuxServer();
  feat = f.repo.worktree('feat/login', { newBranch: true });
  appendFileSync(join(feat, 'README.md'), 'edited\n');
  fix = f.repo.worktree('fix_1', { newBranch: true });
  writeFileSync(join(fix, 'notes.txt'), 'new\n');
  lonely = f.repo.worktree('lonely', { newBranch: true });
  await f.ok(['create']);
  await f.ok(['create', 'feat/login']);
  await f.ok(['create', 'feat/login', 'review']);
  await f.ok(['spawn', 'feat/login', '--name', 'ok', '--', 'sleep', '300']);
  const bad = await f.ok(['spawn', 'feat/login', '--name', 'bad', '--', 'sh', '-c', 'exit 3']);
  await f.ok(['wait', bad, '--exit']).catch(() => undefined);
  await retryUntil(async () => (await f.ok(['ps'])).includes('exited'));
});
afterAll(() => {
  host.kill();
  f.done();
});

/** A terminal in `cwd` whose PATH holds pots, plum and `tools` only. */
function term(cwd: string, tools: readonly string[] = TOOLS): Terminal {
  return terminal(host, {
    cwd,
    env: { ...f.env, PATH: binDir(tools), NO_COLOR: '1' },
  });
}

/** The sessions pots's server has clients on. */
function attachedTo(): string[] {
  return f.server.tmux(['list-clients', '-F', '#{session_name}']).split('\n').filter(Boolean);
}

/** Detaches every client of pots's server (the terminal's tmux client exits, pots with it). */
function detachAll(): void {
  for (const session of attachedTo()) f.server.tmux(['detach-client', '-s', `=${session}`]);
}

describe('pots attach with no name, fzf not installed (built-in picker)', () => {
  it('lists the sessions with their state, this worktree first; Enter attaches', async () => {
    const t = term(feat);
    await t.run('type fzf || echo "NO""-FZF"', 'NO-FZF');
    t.type('pots attach');
    t.press('Enter');
    const screen = await t.waitFor('Attach to which session?');
    const at = (text: string | RegExp) =>
      screen.search(typeof text === 'string' ? escape(text) : text);
    // The worktree you are in first, its default task before its others; each with its state.
    expect(screen).toMatch(
      /repo-feat-login-dev\s+feat-login \(here\)\s+dev\s+3 windows, agents: 1 running 1 exited/,
    );
    expect(screen).toMatch(/repo-feat-login-review\s+feat-login \(here\)\s+review\s+1 window/);
    expect(screen).toMatch(/repo-repo-dev\s+repo\s+dev\s+1 window/);
    expect(at('repo-feat-login-dev')).toBeLessThan(at('repo-feat-login-review'));
    expect(at('repo-feat-login-review')).toBeLessThan(at('repo-repo-dev'));
    await search(t, 'login-review'); // fuzzy, letters in order: only this one has them all
    await t.waitFor('(1 match)');
    t.press('Enter');
    await retryUntil(() => attachedTo().includes('repo-feat-login-review'));
    detachAll();
    await t.prompt(); // the tmux client reads keys until it has exited
    await t.run('echo "RC:$?"', 'RC:0');
  });

  it('Esc cancels: exit 130, nothing attached', async () => {
    const t = term(feat);
    t.type('pots attach');
    t.press('Enter');
    await t.waitFor('Attach to which session?');
    t.press('Escape');
    await t.waitFor('cancelled'); // typing on at once would make ESC + e an Alt-e
    await t.prompt(); // the picker reads keys until it has exited
    await t.run('echo "RC:$?"', 'RC:130');
    expect(attachedTo()).toEqual([]);
  });
});

describe('pots attach with no name and nothing to pick', () => {
  it('says so: exit 3, no picker', async () => {
    const t = terminal(host, {
      cwd: feat,
      env: {
        ...f.env,
        PATH: binDir(TOOLS),
        NO_COLOR: '1',
        POTS_TMUX_SOCKET_NAME: `${f.server.socketName}-idle`,
      },
    });
    await t.run('pots attach; echo "RC:$?"', 'RC:3');
    expect(t.screen()).toContain('no sessions made by pots on this tmux server');
    expect(t.screen()).not.toContain('Attach to which');
  });
});

describe('pots open with no worktree', () => {
  it('lists the worktrees with their state and sessions, this one first; Enter opens it', async () => {
    const t = term(fix);
    t.type('pots open');
    t.press('Enter');
    const screen = await t.waitFor('Open which worktree?');
    expect(screen).toMatch(/fix_1 \(here\)\s+fix_1\s+\?1\s+-/);
    expect(screen).toMatch(/feat-login\s+feat\/login\s+\*\s+dev, review/);
    expect(screen).toMatch(/repo \(main\)\s+main\s+dev/);
    expect(screen.indexOf('fix_1 (here)')).toBeLessThan(screen.indexOf('feat-login'));
    t.press('Enter'); // the first: the worktree you are in
    await retryUntil(() => attachedTo().includes('repo-fix_1-dev'));
    detachAll();
    await t.prompt(); // the tmux client reads keys until it has exited
    await t.run('echo "RC:$?"', 'RC:0');
    expect(t.screen()).toContain('created session repo-fix_1-dev');
  });

  it('typing filters: another worktree opens its existing session', async () => {
    const t = term(fix);
    t.type('pots open');
    t.press('Enter');
    await t.waitFor('Open which worktree?');
    await search(t, 'feat');
    await t.waitFor('(1 match)');
    t.press('Enter');
    await retryUntil(() => attachedTo().includes('repo-feat-login-dev'));
    detachAll();
    await t.prompt(); // the tmux client reads keys until it has exited
    await t.run('echo "RC:$?"', 'RC:0');
    expect(t.screen()).not.toContain('created session');
  });
});

describe('without a terminal', () => {
  it('attach: the session of the worktree you are in, else exit 2 with the usage line', async () => {
    const here = await f.pots(['attach'], { cwd: feat });
    expect(here.exitCode).toBe(0);
    expect(here.stdout).toMatch(/attach -t '=repo-feat-login-dev'\n$/);

    const none = await f.pots(['attach'], { cwd: lonely });
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain(
      'missing argument \'name\': no terminal to pick a session on, and lonely has no session for task "dev"',
    );
    expect(none.stderr).toContain('Usage: pots attach|a [options] [name]');

    const outside = await f.pots(['attach'], { cwd: tempDir().path });
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toMatch(/no terminal to pick a session on, and .* is not in a worktree/);
    expect(outside.stderr).toContain('Usage: pots attach|a [options] [name]');
  });

  it('open: the worktree you are in, else exit 2 with the usage line', async () => {
    const outside = await f.pots(['open'], { cwd: tempDir().path });
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toMatch(
      /no terminal to pick a worktree on, and .* is not in a worktree/,
    );
    expect(outside.stderr).toContain('Usage: pots open [options] [worktree] [task]');

    const here = await f.pots(['open'], { cwd: lonely });
    expect(here.exitCode).toBe(0);
    expect(here.stderr).toContain('created session repo-lonely-dev');
    expect(here.stdout).toMatch(/attach -t '=repo-lonely-dev'\n$/);
  });
});

describe.skipIf(which('fzf') === null)('pots attach with fzf on PATH', () => {
  it('fzf is the picker: header, type, Enter attaches', async () => {
    const t = term(feat, [...TOOLS, 'fzf']);
    t.type('pots attach');
    t.press('Enter');
    const screen = await t.waitFor(/NAME\s+WORKTREE\s+TASK\s+STATE/); // fzf's header line
    expect(screen).toContain('Attach to which session?');
    expect(screen).not.toContain('Search:'); // not the built-in one
    t.type("'login-review"); // fzf: ' for an exact match
    await t.waitFor(/ 1\/\d+/);
    t.press('Enter');
    await retryUntil(() => attachedTo().includes('repo-feat-login-review'));
    detachAll();
    await t.prompt(); // the tmux client reads keys until it has exited
    await t.run('echo "RC:$?"', 'RC:0');
  });
});

/**
 * Types into the built-in picker's search one key at a time, each seen before the next: keys that
 * arrive together can be read before the prompt has caught up with the ones before.
 */
async function search(t: Terminal, text: string): Promise<void> {
  for (let i = 1; i <= text.length; i++) {
    t.type(text[i - 1]!);
    await t.waitFor(`Search: ${text.slice(0, i)}`);
  }
}

function escape(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
