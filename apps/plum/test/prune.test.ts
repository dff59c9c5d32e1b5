// `plum prune` against real git: entries of deleted directories are dropped (never locked ones, nor
// the only ref to orphan commits); --merged removes merged (also squash-merged) clean worktrees
// with their branches and keeps everything else, saying why.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  gitRepo,
  processesInside,
  retryUntil,
  runCli,
  type GitRepo,
} from '@plumpots/test-fixtures';
import { openRepo } from '../src/api/context.js';
import { pruneWorktrees, type PruneOptions } from '../src/api/prune.js';

async function prune(repo: GitRepo, options: PruneOptions = {}, cwd = repo.path) {
  const ctx = await openRepo({ cwd, env: repo.env });
  return pruneWorktrees(ctx, { yes: true, ...options });
}

function registered(repo: GitRepo, path: string): boolean {
  return repo
    .git(['worktree', 'list', '--porcelain', '-z'])
    .split('\0')
    .includes(`worktree ${path}`);
}

const branchExists = (repo: GitRepo, name: string) =>
  repo.git(['for-each-ref', '--format=%(refname)', `refs/heads/${name}`]) !== '';

describe('gone directories', () => {
  test('their entries are dropped; a locked one is kept and reported', async () => {
    const repo = gitRepo();
    const gone = repo.worktree('gone', { newBranch: true });
    const locked = repo.worktree('usb', { newBranch: true });
    const alive = repo.worktree('alive', { newBranch: true });
    repo.git(['worktree', 'lock', '--reason', 'on usb drive', locked]);
    rmSync(gone, { recursive: true, force: true });
    rmSync(locked, { recursive: true, force: true });

    const result = await prune(repo);
    expect(result.pruned.map((r) => [r.name, r.removed])).toEqual([['gone', true]]);
    expect(result.removed).toEqual([]);
    expect(result.skipped).toMatchObject([{ name: 'usb', reason: 'locked' }]);
    expect(registered(repo, gone)).toBe(false);
    expect(registered(repo, locked)).toBe(true);
    expect(registered(repo, alive)).toBe(true);
    expect(branchExists(repo, 'gone')).toBe(true); // prune never deletes the branch of a gone dir
  });

  test('a gone detached worktree whose HEAD alone keeps commits is kept', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('main', { detach: true });
    const sha = repo.commit('only reachable from this HEAD', {}, wt);
    rmSync(wt, { recursive: true, force: true });
    const result = await prune(repo);
    expect(result.pruned).toEqual([]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]).toMatchObject({ reason: 'at-risk' });
    expect(result.skipped[0]!.risks[0]!.commits).toEqual([sha]);
    expect(registered(repo, wt)).toBe(true);
  });

  test('--dry-run reports and changes nothing', async () => {
    const repo = gitRepo();
    const gone = repo.worktree('gone', { newBranch: true });
    rmSync(gone, { recursive: true, force: true });
    const result = await prune(repo, { dryRun: true });
    expect(result).toMatchObject({
      dryRun: true,
      pruned: [{ name: 'gone', removed: false, dryRun: true }],
    });
    expect(registered(repo, gone)).toBe(true);
  });
});

describe('--merged', () => {
  function fixture() {
    const repo = gitRepo();
    const merged = repo.worktree('merged', { newBranch: true });
    repo.commit('merged work', { 'm.txt': 'm\n' }, merged);
    const squashed = repo.worktree('squashed', { newBranch: true });
    repo.commit('squashed work', { 's.txt': 's\n' }, squashed);
    const dirty = repo.worktree('dirty', { newBranch: true });
    repo.commit('dirty work', { 'd.txt': 'd\n' }, dirty);
    const open = repo.worktree('open', { newBranch: true });
    repo.commit('unmerged work', { 'o.txt': 'o\n' }, open);
    repo.git(['merge', '-q', '--no-ff', '-m', 'merge', 'merged']);
    repo.git(['merge', '-q', '--no-ff', '-m', 'merge dirty', 'dirty']);
    repo.git(['merge', '-q', '--squash', 'squashed']);
    repo.commit('squashed (squash)');
    repo.write('scratch.txt', 'not committed\n', dirty);
    return { repo, merged, squashed, dirty, open };
  }

  test('removes merged and squash-merged clean worktrees with their branches; keeps dirty and unmerged ones', async () => {
    const { repo, merged, squashed, dirty, open } = fixture();
    const result = await prune(repo, { merged: true });
    expect(result.base).toBe('main');
    expect(result.removed.map((r) => [r.name, r.removed, r.branchDeleted, r.branchReason])).toEqual(
      [
        ['merged', true, true, 'merged into main'],
        ['squashed', true, true, 'squash-merged into main'],
      ],
    );
    const skipped = Object.fromEntries(result.skipped.map((s) => [s.name, s]));
    expect(skipped.dirty).toMatchObject({ reason: 'at-risk' });
    expect(skipped.dirty!.risks[0]).toMatchObject({ kind: 'untracked', paths: ['scratch.txt'] });
    expect(skipped.open).toMatchObject({ reason: 'not-merged' });
    expect(existsSync(merged) || existsSync(squashed)).toBe(false);
    expect(branchExists(repo, 'merged') || branchExists(repo, 'squashed')).toBe(false);
    expect(existsSync(dirty) && existsSync(open)).toBe(true);
    expect(branchExists(repo, 'dirty') && branchExists(repo, 'open')).toBe(true);
  });

  test('--dry-run lists the same and changes nothing', async () => {
    const { repo, merged } = fixture();
    const result = await prune(repo, { merged: true, dryRun: true });
    expect(result.removed.map((r) => r.name)).toEqual(['merged', 'squashed']);
    expect(result.removed.every((r) => !r.removed && r.branchAction === 'delete')).toBe(true);
    expect(existsSync(merged) && branchExists(repo, 'merged')).toBe(true);
  });

  test('never the current worktree, never the main one; --base is honoured', async () => {
    const repo = gitRepo();
    const here = repo.worktree('here', { newBranch: true });
    repo.git(['branch', 'release']);
    const later = repo.worktree('later', { newBranch: true });
    repo.commit('later work', { 'l.txt': 'l\n' }, later);
    repo.git(['merge', '-q', 'later']);
    // Into main, `later` is merged; into release (the old tip), it is not.
    const onRelease = await prune(repo, { merged: true, base: 'release', dryRun: true }, here);
    expect(onRelease.removed.map((r) => r.name)).toEqual([]);
    const result = await prune(repo, { merged: true }, here);
    expect(result.removed.map((r) => r.name)).toEqual(['later']);
    expect(result.skipped).toMatchObject([{ name: 'here', reason: 'current' }]);
    expect(existsSync(here) && existsSync(repo.path)).toBe(true);
  });

  test('confirmation is asked once, listing the merged worktrees; no → nothing changes', async () => {
    const { repo, merged } = fixture();
    const asked: string[][] = [];
    const result = await prune(repo, {
      merged: true,
      yes: false,
      confirm: (plan) => {
        asked.push(plan.removed.map((r) => r.name));
        return false;
      },
    });
    expect(asked).toEqual([['merged', 'squashed']]);
    expect(result.removed).toEqual([]);
    expect(existsSync(merged)).toBe(true);
  });

  test('keeps a merged worktree with live processes, and a branch with no commit of its own, unless --force', async () => {
    const repo = gitRepo();
    const busy = repo.worktree('busy', { newBranch: true });
    repo.commit('busy work', { 'b.txt': 'b\n' }, busy);
    repo.git(['merge', '-q', '--no-ff', '-m', 'merge busy', 'busy']);
    // Just created for an agent that has not written anything: "merged" by accident.
    const fresh = repo.worktree('fresh', { newBranch: true });
    const agent = spawn('sleep', ['300'], { cwd: busy, stdio: 'ignore', detached: true });
    agent.unref();
    try {
      await retryUntil(() => processesInside(busy).some((p) => p.pid === agent.pid));
      const kept = await prune(repo, { merged: true });
      expect(kept.removed).toEqual([]);
      const skipped = Object.fromEntries(kept.skipped.map((s) => [s.name, s]));
      expect(skipped.busy).toMatchObject({ reason: 'live-processes' });
      expect(skipped.busy!.message).toContain(`${agent.pid} sleep 300`);
      expect(skipped.fresh).toMatchObject({ reason: 'no-own-commits' });
      expect(existsSync(busy) && existsSync(fresh)).toBe(true);

      const forced = await prune(repo, { merged: true, force: true });
      expect(forced.removed.map((r) => r.name).sort()).toEqual(['busy', 'fresh']);
      expect(existsSync(busy) || existsSync(fresh)).toBe(false);
    } finally {
      agent.kill('SIGKILL');
    }
  });

  test('an unknown --base: exit 3', async () => {
    const repo = gitRepo();
    const error = await prune(repo, { merged: true, base: 'nope' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 3, code: 'ERR_PLUM_BASE_NOT_FOUND' });
  });
});

describe('plum prune (built bin)', () => {
  test('--merged --json, and without a terminal nor --yes: exit 2', async () => {
    const { repo, merged } = (() => {
      const r = gitRepo();
      const wt = r.worktree('merged', { newBranch: true });
      r.commit('work', { 'w.txt': 'w\n' }, wt);
      r.git(['merge', '-q', 'merged']);
      return { repo: r, merged: wt };
    })();
    const gone = repo.worktree('gone', { newBranch: true });
    rmSync(gone, { recursive: true, force: true });

    const asked = await runCli('plum', ['prune', '--merged'], { cwd: repo.path, env: repo.env });
    expect(asked.exitCode).toBe(2);
    expect(registered(repo, gone) && existsSync(merged)).toBe(true);

    const run = await runCli('plum', ['prune', '--merged', '--yes', '--json'], {
      cwd: repo.path,
      env: repo.env,
    });
    expect(run.exitCode).toBe(0);
    const result = JSON.parse(run.stdout) as {
      pruned: { name: string }[];
      removed: { name: string }[];
    };
    expect(result.pruned.map((r) => r.name)).toEqual(['gone']);
    expect(result.removed.map((r) => r.name)).toEqual(['merged']);
    expect(existsSync(merged)).toBe(false);
  });

  test('human output: pruned, removed and kept lines', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('gone', { newBranch: true });
    rmSync(wt, { recursive: true, force: true });
    const dry = await runCli('plum', ['prune', '--dry-run'], { cwd: repo.path, env: repo.env });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain(`would prune gone (${wt}): its directory is gone`);
    const run = await runCli('plum', ['prune'], { cwd: join(repo.path), env: repo.env });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain(`pruned gone (${wt})`);
    const again = await runCli('plum', ['prune'], { cwd: repo.path, env: repo.env });
    expect(again.stderr).toContain('nothing was pruned or removed');
  });
});
