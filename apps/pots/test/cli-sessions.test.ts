// The built `pots` bin in session mode, against a real repository and a private tmux server:
// create/open/list/attach/info/kill/detach/doctor, exact names, exit codes.
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture, type UnitJson } from './cli-helpers.js';

let f: PotsFixture;
let feat: string;
let v2: string;
let commonDir: string;

beforeAll(() => {
  f = potsFixture();
  feat = f.repo.worktree('feat-login', { newBranch: true });
  v2 = f.repo.worktree('feat-login-v2', { newBranch: true });
  commonDir = realpathSync(join(f.repo.path, '.git'));
});

afterAll(() => f.done());

const option = (session: string, name: string) =>
  f.server.tmux(['show-options', '-t', `=${session}:`, '-v', name]).replace(/\n$/, '');
const sessionNames = () =>
  f.server.tmux(['list-sessions', '-F', '#{session_name}']).split('\n').filter(Boolean).sort();

describe('pots create', () => {
  it('creates a session for the worktree holding the cwd, started in it and tagged', async () => {
    const sub = join(feat, 'src');
    mkdirSync(sub, { recursive: true });
    const name = await f.ok(['create'], { cwd: sub });
    expect(name).toBe('repo-feat-login-dev');
    expect(option(name, '@pots-worktree')).toBe(feat);
    expect(option(name, '@pots-project')).toBe('repo');
    expect(option(name, '@pots-task')).toBe('dev');
    expect(option(name, '@pots-repo')).toBe(commonDir);
    expect(option(name, '@pots-unit')).toBe('session');
    const pane = f.server.tmux(['list-panes', '-t', `=${name}:`, '-F', '#{pane_current_path}']);
    expect(pane.trim()).toBe(feat);
  });

  it('refuses a second session for the same worktree and task (exit 4)', async () => {
    const again = await f.pots(['create', 'feat-login']);
    expect(again.exitCode).toBe(4);
    expect(again.stderr).toMatch(/already has a session for task "dev"/);
    expect(sessionNames().filter((n) => n.startsWith('repo-feat-login-dev'))).toEqual([
      'repo-feat-login-dev',
    ]);
  });

  it('refuses a name another session holds (exit 4)', async () => {
    f.server.tmux(['new-session', '-d', '-s', 'repo-repo-squat']);
    const taken = await f.pots(['create', 'main', 'squat']);
    expect(taken.exitCode).toBe(4);
    expect(taken.stderr).toMatch(/named "repo-repo-squat" exists/);
    f.server.tmux(['kill-session', '-t', '=repo-repo-squat']);
  });

  it('takes the worktree by branch and a task; --json prints the session', async () => {
    const unit = await f.json<UnitJson>(['create', 'feat-login-v2', 'dev', '--json']);
    expect(unit).toMatchObject({
      name: 'repo-feat-login-v2-dev',
      project: 'repo',
      worktree: 'feat-login-v2',
      task: 'dev',
      path: v2,
      managed: true,
      orphan: false,
      mode: 'session',
      repo: commonDir,
    });
    expect(unit.id).toMatch(/^\$\d+$/);
  });

  it('--project changes the name and the tag', async () => {
    expect(await f.ok(['create', 'main', 'docs', '--project', 'shop'])).toBe('shop-repo-docs');
    expect(option('shop-repo-docs', '@pots-project')).toBe('shop');
  });

  it('exit 3 for an unknown worktree, outside any worktree, and an unknown template', async () => {
    const unknown = await f.pots(['create', 'nope']);
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toMatch(/no worktree named "nope"/);

    const outside = tempDir('po-');
    expect((await f.pots(['create'], { cwd: outside.path })).exitCode).toBe(3);

    const template = await f.pots(['create', 'main', 'tpl', '--template', 'no-such-template']);
    expect(template.exitCode).toBe(3);
    expect(template.stderr).toMatch(/no-such-template/);
    expect(sessionNames()).not.toContain('repo-repo-tpl');
  });

  it('--cmd runs in the shell as the first process and the window stays at a prompt', async () => {
    const out = tempDir('pc-');
    const marker = join(out.path, 'ran;it');
    // A trailing comment must not swallow what keeps the pane alive.
    const cmd = `echo "$PWD" > '${marker}' # a comment;`;
    const name = await f.ok(['create', 'main', 'cmd', '--cmd', cmd]);
    await retryUntil(() => existsSync(marker));
    await retryUntil(() => {
      const panes = f.server.tmux([
        'list-panes',
        '-t',
        `=${name}:`,
        '-F',
        '#{pane_current_command}',
      ]);
      return panes.trim() === 'sh';
    });
    expect(sessionNames()).toContain(name);
    // pots info shows the command as typed, not the `/bin/sh -c …` wrapper that ran it.
    const info = JSON.parse(await f.ok(['info', name, '--json'])) as {
      windows: Array<{ panes: Array<{ command: string; process: string }> }>;
    };
    expect(info.windows[0]?.panes[0]).toMatchObject({ command: cmd, process: 'sh' });
  });
});

describe('pots open', () => {
  it('creates when missing, then (no terminal) prints the attach command; again reuses it', async () => {
    const first = await f.pots(['open', 'main']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe(`tmux -L ${f.server.socketName} attach -t '=repo-repo-dev'\n`);
    expect(first.stderr).toMatch(/created session repo-repo-dev/);
    const id = f.server.tmux(['list-sessions', '-F', '#{session_id} #{session_name}']);

    const second = await f.pots(['open', 'main']);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).not.toMatch(/created/);
    expect(f.server.tmux(['list-sessions', '-F', '#{session_id} #{session_name}'])).toBe(id);
  });

  it('reuses the session it made before, found by its tags', async () => {
    const { unit, created } = await f.json<{ unit: UnitJson; created: boolean }>([
      'open',
      'feat-login',
      '--json',
    ]);
    expect(created).toBe(false);
    expect(unit.name).toBe('repo-feat-login-dev');
  });

  it('prints the command, never nests, when $TMUX names another server', async () => {
    const result = await f.pots(['open', 'main'], {
      env: { TMUX: '/tmp/tmux-0/some-other-server,999,0', TMUX_PANE: '%0' },
    });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/attach -t '=repo-repo-dev'/);
    expect(result.stderr).toMatch(/inside another tmux server/);
  });
});

describe('pots list', () => {
  it("lists pots's sessions with their worktree, task and state", async () => {
    f.server.tmux(['new-session', '-d', '-s', 'by-hand', '-c', join(feat, 'src')]);
    const units = await f.json<UnitJson[]>(['list', '--json']);
    const names = units.map((u) => u.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('repo-feat-login-dev');
    expect(names).not.toContain('by-hand');
    for (const unit of units) {
      expect(Object.keys(unit).slice(0, 12)).toEqual([
        'name',
        'id',
        'project',
        'worktree',
        'task',
        'path',
        'attached',
        'windows',
        'created',
        'activity',
        'orphan',
        'managed',
      ]);
    }
    expect(units.find((u) => u.name === 'repo-feat-login-dev')).toMatchObject({
      worktree: 'feat-login',
      path: feat,
      attached: false,
      windows: 1,
      orphan: false,
      managed: true,
    });
  });

  it('--all adds unmanaged sessions, mapped to the worktree they sit in', async () => {
    const units = await f.json<UnitJson[]>(['list', '--all', '--json']);
    expect(units.find((u) => u.name === 'by-hand')).toMatchObject({
      managed: false,
      worktree: 'feat-login',
      project: 'repo',
      path: join(feat, 'src'),
    });
    const text = await f.ok(['list', '--all']);
    expect(text).toMatch(/^NAME +WORKTREE +TASK/);
    expect(text).toMatch(/by-hand +feat-login +- .*not pots/);
  });

  it('marks sessions whose worktree is gone as orphans (git for this repo, the fs for others)', async () => {
    const gone = f.repo.worktree('gone', { newBranch: true });
    expect(await f.ok(['create', 'gone'])).toBe('repo-gone-dev');
    f.repo.git(['worktree', 'remove', '--force', gone]);
    // A session of another repository whose directory no longer exists.
    f.server.tmux(['new-session', '-d', '-s', 'elsewhere-x-dev']);
    for (const [key, value] of [
      ['@pots-worktree', '/nonexistent/elsewhere/x'],
      ['@pots-repo', '/nonexistent/elsewhere/.git'],
      ['@pots-task', 'dev'],
      ['@pots-unit', 'session'],
    ] as const)
      f.server.tmux(['set-option', '-t', '=elsewhere-x-dev:', key, value]);
    const units = await f.json<UnitJson[]>(['list', '--json']);
    const orphans = units.filter((u) => u.orphan).map((u) => u.name);
    expect(orphans.sort()).toEqual(['elsewhere-x-dev', 'repo-gone-dev']);
    expect(await f.ok(['list'])).toMatch(/repo-gone-dev .*orphan/);
    await f.ok(['kill', '--yes', 'repo-gone-dev', 'elsewhere-x-dev']);
  });
});

describe('exact names: feat-login vs feat-login-v2', () => {
  it('attach takes the exact name over a longer one, refuses an ambiguous prefix', async () => {
    const exact = await f.pots(['attach', 'repo-feat-login-dev']);
    expect(exact.exitCode).toBe(0);
    expect(exact.stdout).toMatch(/attach -t '=repo-feat-login-dev'\n$/);

    const prefix = await f.pots(['attach', 'repo-feat-login']);
    expect(prefix.exitCode).toBe(2);
    expect(prefix.stderr).toMatch(/matches 2 sessions/);
    expect(prefix.stderr).toMatch(/repo-feat-login-dev/);
    expect(prefix.stderr).toMatch(/repo-feat-login-v2-dev/);

    const part = await f.pots(['attach', 'login-v2']);
    expect(part.exitCode).toBe(0);
    expect(part.stdout).toMatch(/'=repo-feat-login-v2-dev'/);

    expect((await f.pots(['attach', 'no-such'])).exitCode).toBe(3);
  });

  it('attach without a name means the session of the worktree you are in', async () => {
    const here = await f.pots(['attach'], { cwd: v2 });
    expect(here.exitCode).toBe(0);
    expect(here.stdout).toMatch(/'=repo-feat-login-v2-dev'/);
  });

  it('kill refuses without a terminal or --yes (exit 2) and never takes a prefix (exit 3)', async () => {
    const noYes = await f.pots(['kill', 'repo-feat-login-dev']);
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toMatch(/--yes/);

    const prefix = await f.pots(['kill', '--yes', 'repo-feat-login']);
    expect(prefix.exitCode).toBe(3);
    const mixed = await f.pots(['kill', '--yes', 'repo-feat-login-dev', 'nope']);
    expect(mixed.exitCode).toBe(3);
    expect(mixed.stderr).toMatch(/nothing was killed/);
    expect(sessionNames()).toEqual(
      expect.arrayContaining(['repo-feat-login-dev', 'repo-feat-login-v2-dev']),
    );
  });

  it('info shows windows and panes of exactly that session', async () => {
    const info = await f.json<{
      unit: UnitJson;
      windows: Array<{
        id: string;
        name: string;
        panes: Array<{ id: string; pid: number; command: string; path: string }>;
      }>;
    }>(['info', 'repo-feat-login-v2-dev', '--json']);
    expect(info.unit.name).toBe('repo-feat-login-v2-dev');
    expect(info.windows).toHaveLength(1);
    const [pane] = info.windows[0]!.panes;
    expect(pane).toMatchObject({ command: 'sh', path: v2 });
    expect(pane!.pid).toBeGreaterThan(0);
    expect(pane!.id).toMatch(/^%\d+$/);
    expect(await f.ok(['info', 'repo-feat-login-v2-dev'])).toMatch(/PID +COMMAND +DIRECTORY/);
  });

  it('kill --yes kills exactly the one named', async () => {
    const result = await f.pots(['kill', '--yes', 'repo-feat-login-dev']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/killed repo-feat-login-dev/);
    const names = sessionNames();
    expect(names).not.toContain('repo-feat-login-dev');
    expect(names).toContain('repo-feat-login-v2-dev');
  });
});

describe('pots detach and doctor', () => {
  it('detach outside tmux is a usage error (exit 2)', async () => {
    const result = await f.pots(['detach']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/not inside tmux/);
  });

  it('doctor reports tmux, the server, config, plum, the data dir and completions', async () => {
    const report = await f.json<{
      ok: boolean;
      tmux: string;
      checks: Array<{ id: string; status: string }>;
    }>(['doctor', '--json']);
    expect(report.ok).toBe(true);
    expect(report.tmux).toMatch(/^tmux 3\./);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['tmux', 'ok'],
      ['server', 'ok'],
      ['config', 'ok'],
      ['plum', 'ok'],
      ['data-dir', 'ok'],
      ['completions', 'warn'],
    ]);
    expect(existsSync(join(f.repo.root, 'state', 'pots'))).toBe(true);
  });

  it('doctor exits 5 without tmux on PATH, and a missing server is fine', async () => {
    const missing = await f.pots(['doctor'], { env: { PATH: '/nonexistent' } });
    expect(missing.exitCode).toBe(5);
    expect(missing.stderr).toMatch(/tmux not found/);
    expect(missing.stderr).toMatch(/apt-get install tmux/);
    const idle = await f.json<{ checks: Array<{ id: string; message: string }> }>([
      'doctor',
      '--json',
      '-L',
      `${f.server.socketName}-idle`,
    ]);
    expect(idle.checks.find((c) => c.id === 'server')?.message).toMatch(/not running/);
  });
});

describe('global flags', () => {
  it('--verbose prints each tmux and git call on stderr', async () => {
    const result = await f.pots(['list', '--verbose']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(`$ tmux -u -L ${f.server.socketName} list-sessions -F`);
    expect(result.stderr).toMatch(/^\$ git /m);
    expect(result.stdout).not.toContain('$ tmux');
  });

  it('-S selects the server by socket path, over POTS_TMUX_SOCKET_NAME', async () => {
    const byName = await f.json<UnitJson[]>(['list', '--json']);
    const byPath = await f.json<UnitJson[]>(['list', '--json', '-S', f.server.socketPath], {
      env: { POTS_TMUX_SOCKET_NAME: 'no-such-server' },
    });
    expect(byPath.map((u) => u.id)).toEqual(byName.map((u) => u.id));
  });

  it('-C runs as if started in another directory', async () => {
    const outside = tempDir('pg-');
    const result = await f.pots(['-C', v2, 'attach'], { cwd: outside.path });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/'=repo-feat-login-v2-dev'/);
  });
});
