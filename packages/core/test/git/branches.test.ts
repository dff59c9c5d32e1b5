import { join } from 'node:path';
import { gitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import {
  aheadBehind,
  currentBranch,
  defaultRemoteBranch,
  isAncestor,
  localBranchExists,
  remotesWithBranch,
  resolveRef,
  unreachableCommits,
  upstreamOf,
} from '../../src/index.js';
import { countSpawns, useHermeticGit } from './helpers.js';

useHermeticGit();

// Legal in git, hostile to shells and tmux: they must pass through untouched.
const HOSTILE = ['feat#(touch${IFS}x)', 'a;b', 'a$b', 'quo"te', "it's", 'ñ日本'];

describe('resolveRef', () => {
  it('resolves names, peels tags, and returns null for nothing', async () => {
    const repo = gitRepo();
    const head = repo.git(['rev-parse', 'HEAD']).trim();
    repo.git(['tag', '-a', '-m', 'annotated', 'v1']);
    expect(await resolveRef(repo.path, 'HEAD')).toBe(head);
    expect(await resolveRef(repo.path, 'main')).toBe(head);
    expect(await resolveRef(repo.path, 'v1')).toBe(head);
    expect(await resolveRef(repo.path, head.slice(0, 10))).toBe(head);
    expect(await resolveRef(repo.path, 'nope')).toBeNull();
    expect(await resolveRef(repo.path, '--all')).toBeNull();
    expect(await resolveRef(repo.path, 'HEAD^{tree}')).toBeNull();
  });
});

describe('localBranchExists', () => {
  it('answers for plain, slashed and hostile names', async () => {
    const repo = gitRepo();
    repo.branch('feat/login');
    for (const name of HOSTILE) repo.branch(name);
    const { value, spawns } = await countSpawns(() => localBranchExists(repo.path, 'main'));
    expect(value).toBe(true);
    expect(spawns).toHaveLength(1);
    expect(await localBranchExists(repo.path, 'feat/login')).toBe(true);
    expect(await localBranchExists(repo.path, 'feat')).toBe(false);
    expect(await localBranchExists(repo.path, 'nope')).toBe(false);
    for (const name of HOSTILE) expect(await localBranchExists(repo.path, name)).toBe(true);
  });
});

describe('remotesWithBranch', () => {
  it('lists every remote holding the branch, and nothing nested or prefixed', async () => {
    const repo = gitRepo();
    for (const ref of [
      'refs/remotes/origin/feat',
      'refs/remotes/upstream/feat',
      'refs/remotes/origin/feat2',
      'refs/remotes/origin/x/feat',
      'refs/remotes/origin/feature',
      'refs/remotes/origin/a;b',
    ]) {
      repo.git(['update-ref', ref, 'HEAD']);
    }
    const { value, spawns } = await countSpawns(() => remotesWithBranch(repo.path, 'feat'));
    expect(value.sort()).toEqual(['origin/feat', 'upstream/feat']);
    expect(spawns).toHaveLength(1);
    expect(await remotesWithBranch(repo.path, 'a;b')).toEqual(['origin/a;b']);
    expect(await remotesWithBranch(repo.path, 'nope')).toEqual([]);
  });
});

describe('defaultRemoteBranch and upstreamOf', () => {
  it('read origin/HEAD and the configured upstream', async () => {
    const repo = gitRepo();
    expect(await defaultRemoteBranch(repo.path)).toBeNull();
    expect(await upstreamOf(repo.path, 'main')).toBeNull();

    repo.addOrigin();
    expect(await defaultRemoteBranch(repo.path)).toBe('origin/main');
    expect(await defaultRemoteBranch(repo.path, 'nope')).toBeNull();
    expect(await upstreamOf(repo.path, 'main')).toBe('origin/main');

    repo.branch('feat/x');
    repo.git(['push', '-q', '-u', 'origin', 'feat/x']);
    repo.branch('local-upstream');
    repo.git(['branch', '-q', '--set-upstream-to=main', 'local-upstream']);
    repo.branch('none');
    expect(await upstreamOf(repo.path, 'feat/x')).toBe('origin/feat/x');
    expect(await upstreamOf(repo.path, 'feat')).toBeNull(); // not feat/x's upstream
    expect(await upstreamOf(repo.path, 'local-upstream')).toBe('main');
    expect(await upstreamOf(repo.path, 'none')).toBeNull();
    expect(await upstreamOf(repo.path, 'missing')).toBeNull();
  });
});

describe('currentBranch', () => {
  it('names the checked-out branch, hostile names untouched; null when detached', async () => {
    const repo = gitRepo();
    expect(await currentBranch(repo.path)).toBe('main');
    for (const [i, name] of HOSTILE.entries()) {
      const wt = repo.worktree(name, { newBranch: true, path: join(repo.root, `wt${i}`) });
      expect(await currentBranch(wt)).toBe(name);
    }
    const det = repo.worktree('HEAD', { detach: true, path: join(repo.root, 'det') });
    expect(await currentBranch(det)).toBeNull();
  });
});

describe('aheadBehind and isAncestor', () => {
  it('count and order commits between two refs', async () => {
    const repo = gitRepo();
    const fork = repo.git(['rev-parse', 'HEAD']).trim();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.commit('f1', { 'f1.txt': '1' }, wt);
    repo.commit('f2', { 'f2.txt': '2' }, wt);
    repo.commit('m1', { 'm1.txt': '1' });

    expect(await aheadBehind(repo.path, 'feat', 'main')).toEqual({ ahead: 2, behind: 1 });
    expect(await aheadBehind(repo.path, 'main', 'main')).toEqual({ ahead: 0, behind: 0 });
    expect(await isAncestor(repo.path, fork, 'feat')).toBe(true);
    expect(await isAncestor(repo.path, 'main', 'main')).toBe(true);
    expect(await isAncestor(repo.path, 'feat', 'main')).toBe(false);
    await expect(isAncestor(repo.path, 'nope', 'main')).rejects.toMatchObject({
      name: 'GitError',
      exitCode: 1,
    });
    await expect(aheadBehind(repo.path, 'nope', 'main')).rejects.toMatchObject({
      name: 'GitError',
    });
  });
});

describe('unreachableCommits', () => {
  it('finds commits only a detached worktree holds', async () => {
    const repo = gitRepo();
    const det = repo.worktree('HEAD', { detach: true, path: join(repo.root, 'det') });
    expect(await unreachableCommits(det)).toEqual([]);
    const first = repo.commit('precious 1', { 'p1.txt': '1' }, det);
    const second = repo.commit('precious 2', { 'p2.txt': '2' }, det);
    expect(await unreachableCommits(det)).toEqual([second, first]);
    expect(await unreachableCommits(repo.path)).toEqual([]);
    expect(await unreachableCommits(repo.path, second)).toEqual([second, first]);

    repo.git(['tag', 'keep', first]);
    expect(await unreachableCommits(det)).toEqual([second]);
    await expect(unreachableCommits(det, '--all')).rejects.toMatchObject({ exitCode: 2 });
  });
});
