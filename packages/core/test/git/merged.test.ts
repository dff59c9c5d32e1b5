import { gitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { isMergedInto } from '../../src/index.js';
import { countSpawns, useHermeticGit } from './helpers.js';

useHermeticGit();

/** main with `feat` forked from it carrying two commits, checked out in a worktree. */
function withFeature() {
  const repo = gitRepo();
  const wt = repo.worktree('feat', { newBranch: true });
  repo.commit('f1', { 'f1.txt': 'one\n' }, wt);
  repo.commit('f2', { 'f2.txt': 'two\n', 'README.md': '# fixture\nmore\n' }, wt);
  return { repo, wt };
}

describe('isMergedInto', () => {
  it('sees a real merge as ancestor, in two git calls', async () => {
    const { repo } = withFeature();
    repo.git(['merge', '-q', '--no-ff', '-m', 'merge feat', 'feat']);
    const { value, spawns } = await countSpawns(() => isMergedInto(repo.path, 'feat', 'main'));
    expect(value).toEqual({ merged: true, how: 'ancestor' });
    expect(spawns).toHaveLength(2);
    expect(await isMergedInto(repo.path, 'main', 'main')).toEqual({
      merged: true,
      how: 'ancestor',
    });
  });

  it('does not call an unmerged branch merged', async () => {
    const { repo } = withFeature();
    repo.commit('main moves', { 'm.txt': 'm\n' });
    const { value, spawns } = await countSpawns(() => isMergedInto(repo.path, 'feat', 'main'));
    expect(value).toEqual({ merged: false, how: null });
    expect(spawns.length).toBeLessThanOrEqual(6);
  });

  it('detects a squash merge onto a base that had moved on (patch-id)', async () => {
    const { repo } = withFeature();
    repo.commit('main moves', { 'm.txt': 'm\n' });
    repo.git(['merge', '-q', '--squash', 'feat']);
    repo.commit('squashed feat');
    repo.commit('main moves again', { 'm2.txt': 'm2\n' });
    // The probe commit goes to a scratch object dir: the repository gets no object, not even a
    // dangling one (a dry run of remove --delete-branch or prune --merged writes nothing).
    const objects = () => repo.git(['count-objects', '-v']);
    const before = objects();
    const { value, spawns } = await countSpawns(() => isMergedInto(repo.path, 'feat', 'main'));
    expect(value).toEqual({ merged: true, how: 'squash' });
    expect(spawns.length).toBeLessThanOrEqual(6);
    expect(objects()).toBe(before);
    expect(repo.git(['fsck', '--unreachable', '--no-reflogs'])).not.toMatch(/unreachable commit/);
  });

  it('detects a squash merge whose result is the branch tree itself', async () => {
    const { repo } = withFeature();
    repo.git(['merge', '-q', '--squash', 'feat']);
    repo.commit('squashed feat');
    repo.commit('later', { 'later.txt': 'x\n' });
    expect(await isMergedInto(repo.path, 'feat', 'main')).toEqual({
      merged: true,
      how: 'same-tree',
    });
  });

  it('does not match a branch with no net change against an empty commit on base', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('noop', { newBranch: true });
    repo.commit('add', { 'x.txt': 'x\n' }, wt);
    repo.git(['rm', '-q', 'x.txt'], wt);
    repo.commit('remove again', {}, wt);
    repo.commit('main moves', { 'm.txt': 'm\n' });
    repo.commit('empty on main');
    expect(await isMergedInto(repo.path, 'noop', 'main')).toEqual({ merged: false, how: null });
  });

  it('works with hostile branch names and says which name is missing', async () => {
    const { repo } = withFeature();
    // Not a name `git branch` would create, but a ref all the same: it must never become an option.
    repo.git(['update-ref', 'refs/heads/-odd;$(x)', 'feat']);
    repo.git(['merge', '-q', '--squash', 'feat']);
    repo.commit('squashed');
    expect(await isMergedInto(repo.path, '-odd;$(x)', 'main')).toEqual({
      merged: true,
      how: 'same-tree',
    });
    await expect(isMergedInto(repo.path, 'nope', 'main')).rejects.toMatchObject({
      code: 'ERR_GIT_REF_NOT_FOUND',
      exitCode: 3,
      message: 'no such commit: nope',
    });
    await expect(isMergedInto(repo.path, 'main', 'nope\nmain')).rejects.toMatchObject({
      code: 'ERR_GIT_REF_NOT_FOUND',
    });
  });
});

describe('isMergedInto: branches with no net change', () => {
  it('does not call a branch of empty commits merged because base has a commit with its tree', async () => {
    const repo = gitRepo();
    repo.branch('empty-work');
    repo.git(['commit', '-q', '--allow-empty', '-m', 'notes only'], repo.path);
    repo.git(['checkout', '-q', 'empty-work']);
    repo.git(['commit', '-q', '--allow-empty', '-m', 'my empty commit']);
    repo.git(['checkout', '-q', 'main']);
    await expect(isMergedInto(repo.path, 'empty-work', 'main')).resolves.toEqual({
      merged: false,
      how: null,
    });
  });
});
