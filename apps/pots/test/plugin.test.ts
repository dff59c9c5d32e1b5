// The plum plugin: its hooks called directly with typed payloads, and end to end through the built
// `plum` bin with the plugin named in the user's config. Units are matched by `@pots-worktree`,
// never by name; the tmux server comes from POTS_TMUX_SOCKET_NAME in the environment.
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HookContext, HookPayloads, ListColumn, RepoRef, WorktreeRef } from '@plumpots/core';
import { runCli } from '@plumpots/test-fixtures';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import plugin from '../src/plum-plugin.js';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

const PLUGIN_FILE = fileURLToPath(new URL('../dist/plum-plugin.js', import.meta.url));

describe('the plugin module', () => {
  it('is a plum plugin with the five hooks, and imports no tmux or api code up front', async () => {
    expect(plugin.name).toBe('@plumpots/pots/plum-plugin');
    expect(Object.keys(plugin.hooks).sort()).toEqual([
      'list:columns',
      'worktree:afterCreate',
      'worktree:afterRemove',
      'worktree:beforeRemove',
      'worktree:removeSelf',
    ]);
    const { readFileSync } = await import('node:fs');
    const built = readFileSync(PLUGIN_FILE, 'utf8');
    const eager = [...built.matchAll(/^import .* from ["'](.+)["'];?$/gm)].map((m) => m[1]);
    expect(eager).toEqual(['@plumpots/core']);
  });
});

describe('hooks called directly', () => {
  let f: PotsFixture;
  let repo: RepoRef;
  let feat: WorktreeRef;
  let other: WorktreeRef;
  const saved: Record<string, string | undefined> = {};

  beforeAll(() => {
    f = potsFixture();
    repo = {
      commonDir: realpathSync(join(f.repo.path, '.git')),
      projectRoot: realpathSync(f.repo.path),
      projectName: 'repo',
    };
    const path = realpathSync(f.repo.worktree('feat', { newBranch: true }));
    feat = { name: 'feat', path, branch: 'feat', head: null };
    const otherPath = realpathSync(f.repo.worktree('other', { newBranch: true }));
    other = { name: 'other', path: otherPath, branch: 'other', head: null };
  });
  afterAll(() => f.done());

  // The plugin runs inside plum's process and reads the server from its environment.
  beforeEach(() => {
    for (const key of ['POTS_TMUX_SOCKET_NAME', 'TMUX_TMPDIR', 'TMUX', 'TMUX_PANE']) {
      saved[key] = process.env[key];
      delete process.env[key];
    }
    process.env.POTS_TMUX_SOCKET_NAME = f.server.socketName;
    process.env.TMUX_TMPDIR = f.server.env.TMUX_TMPDIR;
  });
  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const logs: string[] = [];
  const context = (pots: Record<string, unknown> = {}): HookContext => ({
    config: { pots },
    cwd: repo.projectRoot,
    log: (message) => logs.push(message),
    options: {},
  });
  const call = <K extends keyof HookPayloads>(
    hook: K,
    payload: HookPayloads[K],
    ctx: HookContext,
  ) => {
    const fn = plugin.hooks[hook] as (p: HookPayloads[K], c: HookContext) => unknown;
    return Promise.resolve(fn(payload, ctx));
  };
  const sessions = () =>
    f.server
      .tryTmux(['list-sessions', '-F', '#{session_name}\t#{@pots-worktree}'])
      .stdout.split('\n')
      .filter(Boolean)
      .sort();

  it('afterCreate does nothing unless pots.autoStart is on', async () => {
    await call('worktree:afterCreate', { repo, worktree: feat }, context());
    expect(sessions()).toEqual([]);
  });

  it('afterCreate opens (never attaches) a tagged session, once', async () => {
    await call('worktree:afterCreate', { repo, worktree: feat }, context({ autoStart: true }));
    await call('worktree:afterCreate', { repo, worktree: feat }, context({ autoStart: true }));
    expect(sessions()).toEqual([`repo-feat-dev\t${feat.path}`]);
    expect(logs.at(-1)).toMatch(/already running: session repo-feat-dev/);
  });

  it('afterCreate in window mode adds a tagged window to the one session', async () => {
    await call(
      'worktree:afterCreate',
      { repo, worktree: feat },
      context({ autoStart: true, mode: 'window', session: 'hub' }),
    );
    const windows = f.server.tmux([
      'list-windows',
      '-t',
      '=hub:',
      '-F',
      '#{window_name}\t#{@pots-worktree}',
    ]);
    expect(windows.trim()).toBe(`repo-feat-dev\t${feat.path}`);
  });

  it('list:columns names the units of each worktree path, null for none', async () => {
    const column = (await call(
      'list:columns',
      { repo, worktrees: [feat, other] },
      context(),
    )) as ListColumn;
    expect(column).toEqual({
      key: 'session',
      header: 'SESSION',
      values: { [feat.path]: 'repo-feat-dev,repo-feat-dev', [other.path]: null },
    });
  });

  it('beforeRemove kills sessions and windows by @pots-worktree, never by name', async () => {
    // Lookalikes: the same name for another path, and an untagged session named like it.
    f.server.tmux(['new-session', '-d', '-s', 'repo-feat-dev-lookalike']);
    f.server.tmux(['new-session', '-d', '-s', 'untagged']);
    f.server.tmux(['new-window', '-d', '-t', '=hub:', '-n', 'repo-feat-dev']); // untagged window
    await call('worktree:afterCreate', { repo, worktree: other }, context({ autoStart: true }));
    await call('worktree:beforeRemove', { repo, worktree: feat }, context());
    expect(sessions()).toEqual(
      ['hub\t', `repo-other-dev\t${other.path}`, 'repo-feat-dev-lookalike\t', 'untagged\t'].sort(),
    );
    const windows = f.server.tmux([
      'list-windows',
      '-t',
      '=hub:',
      '-F',
      '#{window_name}\t#{@pots-worktree}',
    ]);
    expect(windows).toBe('repo-feat-dev\t\n'); // only the untagged one is left
    await call('worktree:afterRemove', { repo, worktree: feat }, context());
    expect(sessions()).toHaveLength(4);
  });

  it('list:columns and beforeRemove leave plum alone when tmux is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const column = (await call(
        'list:columns',
        { repo, worktrees: [other] },
        context(),
      )) as ListColumn;
      expect(column.values).toEqual({ [other.path]: null });
      await call('worktree:beforeRemove', { repo, worktree: other }, context());
    } finally {
      process.env.PATH = path;
    }
  });
});

describe('through the plum bin', () => {
  let f: PotsFixture;
  let env: Record<string, string>;

  beforeAll(() => {
    f = potsFixture();
    const dir = join(f.env.XDG_CONFIG_HOME!, 'plum');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'config.yaml'),
      `plugins:\n  - ${JSON.stringify(PLUGIN_FILE)}\npots:\n  autoStart: true\n`,
    );
    env = f.env;
  });
  afterAll(() => f.done());

  const plum = (args: string[]) => runCli('plum', args, { cwd: f.repo.path, env });

  it('plum create opens a tagged session; plum list shows it; plum remove kills it', async () => {
    const created = await plum(['create', 'feat']);
    expect(created, created.stderr).toMatchObject({ exitCode: 0 });
    const path = created.stdout.trim();
    expect(existsSync(path)).toBe(true);
    const tagged = f.server.tmux(['list-sessions', '-F', '#{session_name}\t#{@pots-worktree}']);
    expect(tagged.trim()).toBe(`repo-feat-dev\t${realpathSync(path)}`);

    const listed = await plum(['list', '--json', '--no-status']);
    expect(listed.exitCode).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<{ name: string; session: string | null }>;
    expect(rows.map((r) => [r.name, r.session])).toEqual([
      ['repo', null],
      ['feat', 'repo-feat-dev'],
    ]);

    const removed = await plum(['remove', 'feat', '--yes']);
    expect(removed, removed.stderr).toMatchObject({ exitCode: 0 });
    expect(f.server.tryTmux(['has-session', '-t', '=repo-feat-dev']).status).not.toBe(0);
    expect(existsSync(path)).toBe(false);
  });

  it('plum still runs without pots configured', async () => {
    writeFileSync(join(f.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml'), '{}\n');
    const listed = await plum(['list', '--json', '--no-status']);
    expect(listed.exitCode).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(rows[0]).not.toHaveProperty('session');
  });
});
