// `plum list`: one `git worktree list -z`, every state git reports, status per worktree, plugin
// columns, and paths that break line-based parsers.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { onSpawn } from '@plumpots/core';
import {
  gitRepo,
  hermeticEnv,
  runCli,
  tempDir,
  testPluginPath,
  type GitRepo,
} from '@plumpots/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRepo } from '../src/api/context.js';
import { createWorktree } from '../src/api/create.js';
import { listColumns, listWorktrees, WORKTREE_FIELDS } from '../src/api/list.js';
import { withColumns } from '../src/cli/list.js';
import type { Worktree } from '../src/api/types.js';

// Git run in-process (the api) must see the same hermetic config as the CLI runs.
beforeAll(() => {
  const dir = tempDir('pe-');
  Object.assign(process.env, hermeticEnv(dir.path));
  return dir.cleanup;
});

const open = (repo: GitRepo, cwd = repo.path) => openRepo({ cwd, env: repo.env });
const head = (repo: GitRepo, rev = 'HEAD', cwd = repo.path) =>
  repo.git(['rev-parse', rev], cwd).trim();

function userConfig(repo: GitRepo, config: unknown): void {
  const dir = join(repo.env.XDG_CONFIG_HOME!, 'plum');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), JSON.stringify(config));
}

describe('listWorktrees', () => {
  it('reports every field of the issue for main, linked, detached, locked and prunable worktrees', async () => {
    const repo = gitRepo();
    repo.addOrigin();
    // main: one commit behind origin/main and one ahead, a modified file and an untracked one.
    const pushed = repo.commit('pushed');
    repo.git(['push', '-q', 'origin', 'main']);
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    repo.commit('local only');
    repo.write('README.md', 'changed\n');
    repo.write('new.txt', 'new\n');

    const feat = repo.worktree('feat', { newBranch: true });
    const detached = repo.worktree('HEAD', { detach: true, path: join(repo.root, 'wt', 'det') });
    const locked = repo.worktree('locked', { newBranch: true });
    repo.git(['worktree', 'lock', '--reason', 'on a usb drive', locked]);
    const gone = repo.worktree('gone', { newBranch: true });
    rmSync(gone, { recursive: true, force: true });

    const worktrees = await listWorktrees(await open(repo));
    for (const w of worktrees) expect(Object.keys(w)).toEqual([...WORKTREE_FIELDS]);
    const main = head(repo);
    const base: Omit<Worktree, 'name' | 'path' | 'branch' | 'head'> = {
      isMain: false,
      isCurrent: false,
      detached: false,
      locked: false,
      lockReason: null,
      prunable: false,
      dirty: false,
      untracked: 0,
      ahead: null,
      behind: null,
      upstream: null,
    };
    expect(worktrees).toEqual([
      {
        ...base,
        name: 'repo',
        path: repo.path,
        branch: 'main',
        head: main,
        isMain: true,
        isCurrent: true,
        dirty: true,
        untracked: 1,
        ahead: 1,
        behind: 1,
        upstream: 'origin/main',
      },
      // The others by path: wt/det, wt/feat, wt/gone, wt/locked.
      { ...base, name: 'det', path: detached, branch: null, head: main, detached: true },
      { ...base, name: 'feat', path: feat, branch: 'feat', head: main },
      {
        ...base,
        name: 'gone',
        path: gone,
        branch: 'gone',
        head: main,
        prunable: true,
        dirty: null,
        untracked: null,
      },
      {
        ...base,
        name: 'locked',
        path: locked,
        branch: 'locked',
        head: main,
        locked: true,
        lockReason: 'on a usb drive',
      },
    ]);
    expect(pushed).not.toBe(main);
  });

  it('marks the worktree containing the cwd as current, from a subdirectory of a linked one', async () => {
    const repo = gitRepo();
    const feat = repo.worktree('feat', { newBranch: true });
    mkdirSync(join(feat, 'deep', 'er'), { recursive: true });
    const worktrees = await listWorktrees(await open(repo, join(feat, 'deep', 'er')), {
      status: false,
    });
    expect(worktrees.map((w) => [w.name, w.isMain, w.isCurrent])).toEqual([
      ['repo', true, false],
      ['feat', false, true],
    ]);
  });

  it('runs exactly one git process with status: false, and one more per worktree with status', async () => {
    const repo = gitRepo();
    repo.worktree('a', { newBranch: true });
    repo.worktree('b', { newBranch: true });
    const ctx = await open(repo);

    const spawned: string[][] = [];
    const off = onSpawn((argv) => spawned.push([...argv]));
    try {
      // The first listing is the one read while opening; later ones ask git again.
      await listWorktrees(ctx, { status: false });
      expect(spawned).toEqual([]);
      await listWorktrees(ctx, { status: false });
      expect(spawned).toEqual([['git', 'worktree', 'list', '--porcelain', '-z']]);
      spawned.length = 0;
      await listWorktrees(ctx);
      expect(spawned.length).toBe(4);
      expect(spawned.filter((argv) => argv[1] === 'status').length).toBe(3);
    } finally {
      off();
    }
  });

  it('a change made through the context discards the listing read while opening', async () => {
    const repo = gitRepo();
    const ctx = await open(repo);
    await createWorktree(ctx, { branch: 'fresh' });
    expect((await listWorktrees(ctx, { status: false })).map((w) => w.branch)).toEqual([
      'main',
      'fresh',
    ]);
  });

  it('leaves the bare entry out of a bare + worktrees layout; no worktree is main', async () => {
    const repo = gitRepo();
    const layout = join(repo.root, 'layout');
    repo.git(['clone', '-q', '--bare', repo.path, join(layout, '.bare')]);
    writeFileSync(join(layout, '.git'), 'gitdir: ./.bare\n');
    repo.git(['worktree', 'add', '-q', join(layout, 'main'), 'main'], layout);

    for (const cwd of [layout, join(layout, 'main')]) {
      const worktrees = await listWorktrees(await open(repo, cwd));
      expect(worktrees.map((w) => [w.name, w.branch, w.isMain, w.isCurrent])).toEqual([
        ['main', 'main', false, cwd !== layout],
      ]);
    }
  });

  it('collects plugin columns (list:columns) keyed by worktree path', async () => {
    const repo = gitRepo();
    const feat = repo.worktree('feat', { newBranch: true });
    userConfig(repo, { plugins: [testPluginPath('recorder')] });
    const ctx = await open(repo);
    const columns = await listColumns(ctx, await listWorktrees(ctx, { status: false }));
    expect(columns).toEqual([
      { key: 'recorder', header: 'REC', values: { [repo.path]: 'rec:repo', [feat]: 'rec:feat' } },
    ]);
  });
});

describe('withColumns', () => {
  it('adds plugin values as fields, but never replaces a built-in field or an earlier column', async () => {
    const repo = gitRepo();
    const [main] = await listWorktrees(await open(repo), { status: false });
    const values = { [repo.path]: 'x' };
    const rows = withColumns(
      [main!],
      [
        { key: 'session', header: 'SESSION', values },
        { key: 'name', header: 'NAME', values },
        { key: 'session', header: 'SESSION2', values: { [repo.path]: 'y' } },
        { key: 'other', header: 'OTHER', values: {} },
      ],
    );
    expect(rows).toEqual([{ ...main, session: 'x', other: null }]);
  });
});

describe('plum list (built bin)', () => {
  it('prints JSON whose paths round-trip, a space and a newline included', async () => {
    const repo = gitRepo();
    const spaced = repo.worktree('spaced', { newBranch: true, path: join(repo.root, 'a b') });
    const newline = repo.worktree('nl', { newBranch: true, path: join(repo.root, 'x\ny') });
    const r = await runCli('plum', ['list', '--json'], { cwd: repo.path, env: repo.env });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const listed = JSON.parse(r.stdout) as Worktree[];
    expect(listed.map((w) => [w.path, w.name, w.branch])).toEqual([
      [repo.path, 'repo', 'main'],
      [spaced, 'a b', 'spaced'],
      [newline, 'x\ny', 'nl'],
    ]);
  });

  it('prints a table with the main and current worktree marked and the state column', async () => {
    const repo = gitRepo();
    const feat = repo.worktree('feat', { newBranch: true });
    repo.write('dirty.txt', 'x', feat);
    repo.worktree('HEAD', { detach: true, path: join(repo.root, 'wt', 'det') });
    const r = await runCli('plum', ['list'], { cwd: feat, env: repo.env });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/NAME\s+BRANCH\s+STATE\s+PATH$/);
    expect(lines[1]).toMatch(/^\s+repo \(main\)\s+main\s+/);
    expect(lines[2]).toMatch(/^\s+det\s+\(detached [0-9a-f]{7}\)\s+\//);
    expect(lines[3]).toMatch(new RegExp(`^›\\s+feat\\s+feat\\s+\\?1\\s+${feat}$`));
  });

  it('--no-status leaves the status fields null', async () => {
    const repo = gitRepo();
    const r = await runCli('plum', ['list', '--json', '--no-status'], {
      cwd: repo.path,
      env: repo.env,
    });
    const [main] = JSON.parse(r.stdout) as Worktree[];
    expect(main).toMatchObject({ dirty: null, untracked: null, ahead: null, upstream: null });
  });

  it('merges plugin columns into the table and the JSON, never over a built-in field', async () => {
    const repo = gitRepo();
    userConfig(repo, { plugins: [testPluginPath('recorder')] });
    const json = await runCli('plum', ['list', '--json'], { cwd: repo.path, env: repo.env });
    expect(json.exitCode).toBe(0);
    const [main] = JSON.parse(json.stdout) as Array<Worktree & { recorder: string }>;
    expect(main?.recorder).toBe('rec:repo');
    expect(main?.name).toBe('repo');
    const table = await runCli('plum', ['list'], { cwd: repo.path, env: repo.env });
    expect(table.stdout.split('\n')[0]).toMatch(/PATH\s+REC$/);
    expect(table.stdout).toMatch(/rec:repo\n$/);
  });

  it("loads no plugin from the repository's config until trusted: list printed, exit 4", async () => {
    const repo = gitRepo();
    const log = join(repo.root, 'plugin.log');
    repo.commit('plugin', {
      '.plumrc.yaml': `plugins:\n  - ${JSON.stringify(testPluginPath('recorder'))}\n`,
    });
    const env = { ...repo.env, PLUM_TEST_PLUGIN_LOG: log };
    const refused = await runCli('plum', ['list', '--json'], { cwd: repo.path, env });
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toContain('plum trust');
    const [main] = JSON.parse(refused.stdout) as Array<Record<string, unknown>>;
    expect(main?.name).toBe('repo');
    expect(main).not.toHaveProperty('recorder');
    expect(existsSync(log)).toBe(false);

    expect((await runCli('plum', ['trust', '--yes'], { cwd: repo.path, env })).exitCode).toBe(0);
    const trusted = await runCli('plum', ['list', '--json'], { cwd: repo.path, env });
    expect(trusted.exitCode).toBe(0);
    expect((JSON.parse(trusted.stdout) as Array<Record<string, unknown>>)[0]?.recorder).toBe(
      'rec:repo',
    );
  });

  it('still prints the list when a plugin column throws, then names the plugin and exits 1', async () => {
    const repo = gitRepo();
    userConfig(repo, { plugins: [testPluginPath('thrower')] });
    const r = await runCli('plum', ['list', '--json'], {
      cwd: repo.path,
      env: { ...repo.env, PLUM_TEST_THROW_ON: 'list:columns' },
    });
    expect(r.exitCode).toBe(1);
    expect((JSON.parse(r.stdout) as Worktree[]).map((w) => w.name)).toEqual(['repo']);
    expect(r.stderr).toContain('plugin thrower');
  });
});

describe('plum list and pots settings', () => {
  it("warns about a bad POTS_* variable (pots' setting) and lists anyway, exit 0", async () => {
    const repo = gitRepo();
    const env = { ...repo.env, POTS_AUTO_START_SESSION: 'maybe', POTS_MODE: 'sideways' };
    const run = await runCli('plum', ['list'], { cwd: repo.path, env });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(repo.path);
    expect(run.stderr).toMatch(/POTS_AUTO_START_SESSION.*maybe.*\(ignored\)/);
    expect(run.stderr).toMatch(/POTS_MODE.*\(ignored\)/);
  });

  it('an argument it does not take: exit 2 with the usage line', async () => {
    const repo = gitRepo();
    const run = await runCli('plum', ['list', 'bogus'], { cwd: repo.path, env: repo.env });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("too many arguments for 'list'");
    expect(run.stderr).toContain('Usage: plum list|ls [options]');
  });
});
