// The removal pre-flight against real git: one case per row of the data-loss matrix,
// plus what is allowed (disposable and unchanged ignored files).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { onSpawn } from '@plumpots/core';
import { gitRepo, type GitRepo } from '@plumpots/test-fixtures';
import { openRepo } from '../src/api/context.js';
import { listWorktrees } from '../src/api/list.js';
import {
  assessRemoval,
  disposableMatcher,
  formatRisks,
  type RemovalRisk,
} from '../src/api/safety.js';

const DISPOSABLE = ['node_modules', 'dist', 'build', '.turbo', 'coverage', 'target', '.venv'];

async function assess(repo: GitRepo, path: string): Promise<RemovalRisk[]> {
  const ctx = await openRepo({ cwd: repo.path, env: repo.env });
  const worktree = (await listWorktrees(ctx, { status: false })).find((w) => w.path === path);
  if (!worktree) throw new Error(`no worktree at ${path}`);
  return assessRemoval(ctx, worktree, { disposable: DISPOSABLE });
}

const kinds = (risks: readonly RemovalRisk[]) => risks.map((r) => r.kind);

describe('assessRemoval', () => {
  test('a clean worktree has nothing at risk, in one git call', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    const ctx = await openRepo({ cwd: repo.path, env: repo.env });
    const worktree = (await listWorktrees(ctx, { status: false })).find((w) => w.path === wt)!;
    const spawned: string[][] = [];
    const stop = onSpawn((argv) => spawned.push([...argv]));
    try {
      expect(await assessRemoval(ctx, worktree, { disposable: DISPOSABLE })).toEqual([]);
    } finally {
      stop();
    }
    expect(spawned.map((argv) => argv[1])).toEqual(['status']);
  });

  test('modified tracked files', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('README.md', 'changed\n', wt);
    const risks = await assess(repo, wt);
    expect(kinds(risks)).toEqual(['modified']);
    expect(risks[0]!.paths).toEqual(['README.md']);
  });

  test('untracked files, each listed (also inside new directories)', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('notes.txt', 'mine\n', wt);
    repo.write('src/new/deep.ts', 'x\n', wt);
    const risks = await assess(repo, wt);
    expect(kinds(risks)).toEqual(['untracked']);
    expect(risks[0]!.paths?.sort()).toEqual(['notes.txt', 'src/new/deep.ts']);
  });

  test('an ignored .env edited in the worktree is at risk', async () => {
    const repo = gitRepo();
    repo.write('.env', 'TOKEN=main\n');
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('.env', 'TOKEN=edited\n', wt);
    const risks = await assess(repo, wt);
    expect(kinds(risks)).toEqual(['ignored']);
    expect(risks[0]!.paths).toEqual(['.env']);
  });

  test('an ignored .env byte-identical to the main worktree’s copy is not', async () => {
    const repo = gitRepo();
    repo.write('.env', 'TOKEN=main\n');
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('.env', 'TOKEN=main\n', wt);
    expect(await assess(repo, wt)).toEqual([]);
  });

  test('an ignored .env the main worktree does not have is at risk', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('.env', 'ONLY_HERE=1\n', wt);
    expect((await assess(repo, wt))[0]?.paths).toEqual(['.env']);
  });

  test('ignored files in subdirectories: single files and whole ignored directories', async () => {
    const repo = gitRepo();
    repo.commit('ignore more', { '.gitignore': '.env\nnode_modules/\ndist/\n*.local\nsecrets/\n' });
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('config/app.local', 'db=dev\n', wt);
    repo.write('secrets/keys/id', 'k\n', wt);
    repo.write('secrets/node_modules/cache.bin', 'regenerable\n', wt); // disposable inside
    const risks = await assess(repo, wt);
    expect(kinds(risks)).toEqual(['ignored']);
    expect(risks[0]!.paths?.sort()).toEqual(['config/app.local', 'secrets/keys/id']);
  });

  test('disposable ignored files (node_modules anywhere, dist) are not at risk', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.write('node_modules/x/index.js', 'x\n', wt);
    repo.write('packages/web/node_modules/y/index.js', 'y\n', wt);
    repo.write('dist/app.js', 'built\n', wt);
    expect(await assess(repo, wt)).toEqual([]);
  });

  test('a detached HEAD with a commit no ref reaches names that commit', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('main', { detach: true });
    const sha = repo.commit('precious detached work', { 'p.txt': 'p\n' }, wt);
    const risks = await assess(repo, wt);
    expect(kinds(risks)).toEqual(['unreachable-commits']);
    expect(risks[0]!.commits).toEqual([sha]);
    expect(risks[0]!.subjects).toEqual(['precious detached work']);
    expect(formatRisks(risks).join('\n')).toContain(`${sha.slice(0, 7)} precious detached work`);
  });

  test('a detached HEAD at a commit a branch has is fine', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('main', { detach: true });
    expect(await assess(repo, wt)).toEqual([]);
  });

  test('a rebase in progress (conflicted) names the operation and the branch', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('topic', { newBranch: true });
    repo.commit('topic side', { 'c.txt': 'topic\n' }, wt);
    repo.commit('main side', { 'c.txt': 'main\n' });
    expect(() => repo.git(['rebase', 'main'], wt)).toThrow();
    const risks = await assess(repo, wt);
    expect(kinds(risks)).toContain('in-progress');
    expect(risks.find((r) => r.kind === 'in-progress')!.message).toMatch(/^a rebase of topic/);
  });

  test('initialized submodules (uninitialized ones are not a risk)', async () => {
    const sub = gitRepo({ name: 'subsrc' });
    const repo = gitRepo();
    repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.path, 'lib/sub']);
    repo.commit('add submodule');
    const wt = repo.worktree('feat', { newBranch: true });
    expect(await assess(repo, wt)).toEqual([]);
    repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'update', '--init', '-q'], wt);
    const risks = await assess(repo, wt);
    expect(kinds(risks)).toEqual(['submodules']);
    expect(risks[0]!.paths).toEqual(['lib/sub']);
  });

  test('a locked worktree, with its reason', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.git(['worktree', 'lock', '--reason', 'on usb drive', wt]);
    expect(await assess(repo, wt)).toEqual([{ kind: 'locked', message: 'locked: on usb drive' }]);
  });

  test('the main worktree is always a risk', async () => {
    const repo = gitRepo();
    expect(kinds(await assess(repo, repo.path))).toEqual(['main']);
  });

  test('a worktree whose directory is gone: nothing to lose, unless its detached HEAD is all that keeps commits', async () => {
    const repo = gitRepo();
    const gone = repo.worktree('feat', { newBranch: true });
    rmSync(gone, { recursive: true, force: true });
    expect(await assess(repo, gone)).toEqual([]);

    const detached = repo.worktree('main', { detach: true });
    const sha = repo.commit('only here', {}, detached);
    rmSync(detached, { recursive: true, force: true });
    const risks = await assess(repo, detached);
    expect(kinds(risks)).toEqual(['unreachable-commits']);
    expect(risks[0]!.commits).toEqual([sha]);
  });

  test('every risk at once, most important first', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('main', { detach: true });
    repo.commit('orphan', {}, wt);
    repo.write('README.md', 'changed\n', wt);
    repo.write('n.txt', 'n\n', wt);
    writeFileSync(join(wt, '.env'), 'E=1\n');
    mkdirSync(join(wt, 'node_modules'));
    repo.git(['worktree', 'lock', wt]);
    expect(kinds(await assess(repo, wt))).toEqual([
      'modified',
      'untracked',
      'unreachable-commits',
      'ignored',
      'locked',
    ]);
  });
});

describe('disposableMatcher', () => {
  const match = disposableMatcher(['node_modules', '.venv', '/build', 'packages/*/out', '*.log']);
  test.each([
    ['node_modules', true],
    ['node_modules/', true],
    ['node_modules/a/b.js', true],
    ['apps/web/node_modules/x', true],
    ['.venv/bin/python', true],
    ['build/x', true],
    ['src/build/x', false], // anchored by the leading slash
    ['packages/ui/out/index.js', true],
    ['out/index.js', false],
    ['debug.log', true],
    ['logs/debug.log', true],
    ['.env', false],
    ['my_node_modules/x', false],
  ])('%s → %s', (path, expected) => {
    expect(match(path)).toBe(expected);
  });

  test('no patterns: nothing is disposable', () => {
    expect(disposableMatcher([])('node_modules')).toBe(false);
  });
});

describe('formatRisks', () => {
  test('caps long lists', () => {
    const paths = Array.from({ length: 25 }, (_, i) => `f${i}`);
    const lines = formatRisks([{ kind: 'untracked', message: '25 untracked files', paths }], 20);
    expect(lines[0]).toBe('25 untracked files:');
    expect(lines).toHaveLength(22);
    expect(lines.at(-1)).toBe('  … and 5 more');
  });
});
