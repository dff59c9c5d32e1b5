import { join } from 'node:path';
import { gitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import {
  discoverRepo,
  inProgressOperation,
  listWorktreeRecords,
  onSpawn,
} from '../../src/index.js';
import { useHermeticGit } from './helpers.js';

useHermeticGit();

/** A repo whose `main` and `other` both changed c.txt, so merging either way conflicts. */
function conflicted() {
  const repo = gitRepo();
  repo.commit('base', { 'c.txt': 'base\n' });
  repo.branch('other');
  repo.commit('main side', { 'c.txt': 'main\n' });
  repo.git(['checkout', '-q', 'other']);
  repo.commit('other side', { 'c.txt': 'other\n' });
  repo.git(['checkout', '-q', 'main']);
  return repo;
}

describe('inProgressOperation', () => {
  it('names merge, cherry-pick, revert and bisect without spawning anything', async () => {
    const repo = conflicted();
    const gitDir = join(repo.path, '.git');
    let spawns = 0;
    const off = onSpawn(() => spawns++);
    expect(await inProgressOperation(gitDir)).toBeNull();
    off();
    expect(spawns).toBe(0);

    expect(() => repo.git(['merge', '-q', 'other'])).toThrow();
    expect(await inProgressOperation(gitDir)).toBe('merge');
    repo.git(['merge', '--abort']);

    expect(() => repo.git(['cherry-pick', 'other'])).toThrow();
    expect(await inProgressOperation(gitDir)).toBe('cherry-pick');
    repo.git(['cherry-pick', '--abort']);

    repo.commit('main again', { 'c.txt': 'again\n' });
    expect(() => repo.git(['revert', '--no-edit', 'HEAD~1'])).toThrow();
    expect(await inProgressOperation(gitDir)).toBe('revert');
    repo.git(['revert', '--abort']);

    repo.git(['bisect', 'start']);
    expect(await inProgressOperation(gitDir)).toBe('bisect');
    repo.git(['bisect', 'reset']);
    expect(await inProgressOperation(gitDir)).toBeNull();
  });

  it('tells a rebasing linked worktree (listed as detached) from a plain detached one', async () => {
    const repo = conflicted();
    const wt = repo.worktree('other');
    expect(() => repo.git(['rebase', 'main'], wt)).toThrow();
    const { gitDir } = await discoverRepo(wt);
    expect(gitDir).toBe(join(repo.path, '.git', 'worktrees', 'other'));
    expect(await inProgressOperation(gitDir)).toBe('rebase');
    expect(await inProgressOperation(join(repo.path, '.git'))).toBeNull();
    const record = (await listWorktreeRecords(repo.path)).find((r) => r.path === wt);
    expect(record).toMatchObject({ detached: true, branch: null });
  });
});
