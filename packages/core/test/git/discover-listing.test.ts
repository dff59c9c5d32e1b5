// discoverRepoWithWorktrees must say exactly what discoverRepo says, in one git call wherever the
// listing settles it: every layout discoverRepo's own tests use, plus nested worktrees, a separate
// git dir and a submodule.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { discoverRepo, discoverRepoWithWorktrees, listWorktreeRecords } from '../../src/index.js';
import { bareLayout, countSpawns, useHermeticGit } from './helpers.js';

useHermeticGit();

async function expectSameAsDiscoverRepo(
  cwd: string,
  gitCalls: number,
  options: { atMost?: boolean } = {},
): Promise<void> {
  const { value, spawns } = await countSpawns(() => discoverRepoWithWorktrees(cwd));
  expect(value.info).toEqual(await discoverRepo(cwd));
  expect(value.records).toEqual(await listWorktreeRecords(cwd));
  if (options.atMost) expect(spawns.length).toBeLessThanOrEqual(gitCalls);
  else expect(spawns).toHaveLength(gitCalls);
}

describe('discoverRepoWithWorktrees', () => {
  it('main worktree, a subdirectory, through a symlink: one git call', async () => {
    const repo = gitRepo();
    const deep = join(repo.path, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    const link = join(repo.root, 'link');
    symlinkSync(repo.path, link);
    for (const cwd of [repo.path, deep, join(link, 'a')]) await expectSameAsDiscoverRepo(cwd, 1);
  });

  it('a linked worktree, and one nested inside the main worktree: one git call', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat/login', { newBranch: true });
    const nested = join(repo.path, '.worktrees', 'inner');
    repo.git(['worktree', 'add', '-q', '-b', 'inner', nested]);
    mkdirSync(join(nested, 'src'));
    await expectSameAsDiscoverRepo(wt, 1);
    await expectSameAsDiscoverRepo(join(nested, 'src'), 1);
    await expectSameAsDiscoverRepo(join(repo.path, '.worktrees'), 1);
  });

  it('a worktree of a bare layout: one git call; the bare root itself falls back', async () => {
    const repo = gitRepo();
    const layout = bareLayout(repo, 'proj');
    await expectSameAsDiscoverRepo(join(layout, 'main'), 1);
    await expectSameAsDiscoverRepo(layout, 2);
  });

  it('inside .git falls back to rev-parse', async () => {
    const repo = gitRepo();
    repo.worktree('other', { newBranch: true });
    await expectSameAsDiscoverRepo(join(repo.path, '.git', 'refs'), 3);
  });

  // git 2.39 lists the git dir as the main worktree there, so the listing settles nothing.
  it('a separate git dir and a submodule (.git files) fall back', async () => {
    const repo = gitRepo();
    const separate = join(repo.root, 'sep');
    repo.git([
      'clone',
      '-q',
      '--separate-git-dir',
      join(repo.root, 'sep.git'),
      repo.path,
      separate,
    ]);
    await expectSameAsDiscoverRepo(separate, 2, { atMost: true });
    const host = gitRepo({ name: 'host' });
    host.git([
      '-c',
      'protocol.file.allow=always',
      'submodule',
      'add',
      '-q',
      repo.path,
      'vendor/sub',
    ]);
    await expectSameAsDiscoverRepo(join(host.path, 'vendor', 'sub'), 2, { atMost: true });
  });

  it('outside a repository: the same NotFoundError, from the one call', async () => {
    const repo = gitRepo();
    const outside = join(repo.root, 'nowhere');
    mkdirSync(outside);
    const { spawns } = await countSpawns(async () => {
      await expect(discoverRepoWithWorktrees(outside)).rejects.toMatchObject({
        code: 'ERR_NOT_A_REPO',
        exitCode: 3,
        message: `not a git repository: ${outside}`,
      });
    });
    expect(spawns).toHaveLength(1);
  });
});
