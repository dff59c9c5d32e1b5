// Window mode from the built bin: one session (`pots.session`, default "plum") holding a window per
// worktree + task, each window tagged with its own `@pots-*` options; create/open/list/attach/info/
// kill act on windows, names resolve exactly.
import { realpathSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture, type UnitJson } from './cli-helpers.js';

let f: PotsFixture;
let feat: string;
let v2: string;

beforeAll(() => {
  f = potsFixture({ env: { POTS_MODE: 'window' } });
  feat = realpathSync(f.repo.worktree('feat-login', { newBranch: true }));
  v2 = realpathSync(f.repo.worktree('feat-login-v2', { newBranch: true }));
});

afterAll(() => f.done());

const windows = () =>
  f.server
    .tmux(['list-windows', '-a', '-F', '#{session_name}\t#{window_name}'])
    .split('\n')
    .filter(Boolean)
    .sort();
const windowOption = (window: string, name: string) =>
  f.server.tmux(['show-options', '-w', '-t', `=plum:=${window}`, '-v', name]).replace(/\n$/, '');

describe('window mode', () => {
  it('creates the session on demand with the first window, then adds windows to it', async () => {
    expect(await f.ok(['create', 'feat-login'])).toBe('repo-feat-login-dev');
    expect(await f.ok(['create', 'feat-login-v2'])).toBe('repo-feat-login-v2-dev');
    expect(await f.ok(['create', 'main', '--mode', 'window'])).toBe('repo-repo-dev');
    expect(windows()).toEqual([
      'plum\trepo-feat-login-dev',
      'plum\trepo-feat-login-v2-dev',
      'plum\trepo-repo-dev',
    ]);
    expect(windowOption('repo-feat-login-dev', '@pots-worktree')).toBe(feat);
    expect(windowOption('repo-feat-login-v2-dev', '@pots-worktree')).toBe(v2);
    expect(windowOption('repo-feat-login-v2-dev', '@pots-task')).toBe('dev');
    expect(windowOption('repo-feat-login-v2-dev', '@pots-unit')).toBe('window');
    // The session itself carries no tags: windows would otherwise inherit them in formats.
    const sessionTag = f.server.tryTmux(['show-options', '-t', '=plum:', '-v', '@pots-worktree']);
    expect(sessionTag.stdout).toBe('');
    const panes = f.server.tmux([
      'list-panes',
      '-t',
      '=plum:=repo-feat-login-v2-dev',
      '-F',
      '#{pane_current_path}',
    ]);
    expect(panes.trim()).toBe(v2);
  });

  it('refuses a second window for the same worktree and task (exit 4)', async () => {
    expect((await f.pots(['create', 'feat-login'])).exitCode).toBe(4);
    expect(windows()).toHaveLength(3);
  });

  it('lists the windows with the same fields, each from its own options', async () => {
    const units = await f.json<UnitJson[]>(['list', '--json']);
    expect(units.map((u) => [u.name, u.worktree, u.path])).toEqual([
      ['repo-feat-login-dev', 'feat-login', feat],
      ['repo-feat-login-v2-dev', 'feat-login-v2', v2],
      ['repo-repo-dev', 'repo', realpathSync(f.repo.path)],
    ]);
    for (const unit of units) {
      expect(unit).toMatchObject({
        mode: 'window',
        session: 'plum',
        windows: 1,
        managed: true,
        orphan: false,
      });
      expect(unit.id).toMatch(/^@\d+$/);
    }
    // --mode session on the same server: still listed, as the windows they are (not sessions).
    const inSessionMode = await f.json<UnitJson[]>(['list', '--json', '--mode', 'session']);
    expect(inSessionMode.map((unit) => [unit.name, unit.mode])).toEqual(
      units.map((unit) => [unit.name, 'window']),
    );
  });

  it('open reuses the window and prints an exact window target', async () => {
    const result = await f.pots(['open', 'feat-login']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      `tmux -L ${f.server.socketName} attach -t '=plum:=repo-feat-login-dev'\n`,
    );
    expect(windows()).toHaveLength(3);
  });

  it('attach and info resolve windows exactly, else by a unique prefix or part', async () => {
    expect((await f.pots(['attach', 'repo-feat-login'])).exitCode).toBe(2);
    expect(await f.ok(['attach', 'repo-feat-login-dev'])).toMatch(/'=plum:=repo-feat-login-dev'$/);
    expect(await f.ok(['attach', 'v2'])).toMatch(/'=plum:=repo-feat-login-v2-dev'$/);
    const info = await f.json<{
      unit: UnitJson;
      windows: Array<{ name: string; panes: Array<{ path: string }> }>;
    }>(['info', 'repo-feat-login-v2-dev', '--json']);
    expect(info.windows).toHaveLength(1);
    expect(info.windows[0]).toMatchObject({
      name: 'repo-feat-login-v2-dev',
      panes: [{ path: v2 }],
    });
  });

  it('kill takes exact window names only', async () => {
    expect((await f.pots(['kill', '--yes', 'repo-feat-login'])).exitCode).toBe(3);
    expect(await f.pots(['kill', '--yes', 'repo-feat-login-dev'])).toMatchObject({ exitCode: 0 });
    expect(windows()).toEqual(['plum\trepo-feat-login-v2-dev', 'plum\trepo-repo-dev']);
  });

  it('uses pots.session from config, and refuses a session-mode unit as its session', async () => {
    mkdirSync(join(f.env.XDG_CONFIG_HOME!, 'plum'), { recursive: true });
    writeFileSync(join(f.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml'), 'pots:\n  session: work\n');
    try {
      expect(await f.ok(['create', 'feat-login', 'api'])).toBe('repo-feat-login-api');
      expect(windows()).toContain('work\trepo-feat-login-api');
      // A session-mode unit named like the window-mode session is not a host for windows.
      expect(await f.ok(['create', 'main', 'host', '--mode', 'session'])).toBe('repo-repo-host');
      writeFileSync(
        join(f.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml'),
        'pots:\n  session: repo-repo-host\n',
      );
      const refused = await f.pots(['create', 'feat-login-v2', 'x']);
      expect(refused.exitCode).toBe(4);
      expect(refused.stderr).toMatch(/session-mode unit/);
    } finally {
      writeFileSync(join(f.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml'), '{}\n');
    }
  });
});
