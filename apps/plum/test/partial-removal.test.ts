// A removal that cannot delete everything (an immutable file inside) is all-or-nothing from the
// user's view: the directory is moved aside first, git forgets the worktree, and what cannot be
// deleted is reported with where it is and how to remove it — `plum create` works again at once.
// And dry runs write nothing into the repository (the squash-merge check included).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitRepo, runCli, type GitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it, onTestFinished } from 'vitest';

const plum = (repo: GitRepo, ...args: string[]) =>
  runCli('plum', args, { cwd: repo.path, env: repo.env });

function chattr(flag: '+i' | '-i', file: string): boolean {
  try {
    execFileSync('chattr', [flag, file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a removal that fails part-way', () => {
  it('with an immutable file inside: exit 1 naming the leftovers and the fix; git and paths consistent', async (context) => {
    if (process.getuid?.() !== 0) context.skip('needs root for chattr +i');
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.commit('pinned', { 'pinned.txt': 'x\n' }, wt);
    if (!chattr('+i', join(wt, 'pinned.txt'))) {
      context.skip('chattr +i is not supported on this filesystem');
    }
    let aside = '';
    onTestFinished(() => {
      if (aside) chattr('-i', join(aside, 'pinned.txt'));
      else chattr('-i', join(wt, 'pinned.txt'));
    });

    const removed = await plum(repo, 'remove', 'feat', '--yes');
    expect(removed.exitCode, removed.stderr).toBe(1);
    const leftovers = readdirSync(dirname(wt)).filter((n) => n.startsWith('.feat.plum-removing-'));
    expect(leftovers).toHaveLength(1);
    aside = join(dirname(wt), leftovers[0]!);
    expect(removed.stderr).toContain(`the rest is in ${aside}`);
    expect(removed.stderr).toContain(`rm -rf ${aside}`);
    expect(removed.stderr).toContain('chattr -i');
    // Consistent: git forgot it, its path is free, and the branch is still there.
    expect(existsSync(wt)).toBe(false);
    expect(repo.git(['worktree', 'list', '--porcelain'])).not.toContain(wt);
    expect(repo.git(['branch', '--list', 'feat'])).toContain('feat');
    const again = await plum(repo, 'remove', 'feat', '--yes');
    expect(again.exitCode).toBe(3);
    const created = await plum(repo, 'create', 'feat');
    expect(created.exitCode, created.stderr).toBe(0);
    expect(repo.git(['worktree', 'list'])).toContain('[feat]');
  });

  it('a directory that cannot be moved aside: nothing is removed (exit 1)', async (context) => {
    if (process.getuid?.() !== 0) context.skip('needs root for chattr +i');
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    if (!chattr('+i', wt)) context.skip('chattr +i is not supported on this filesystem');
    onTestFinished(() => {
      chattr('-i', wt);
    });
    const removed = await plum(repo, 'remove', 'feat', '--yes');
    expect(removed.exitCode, removed.stderr).toBe(1);
    expect(removed.stderr).toContain('nothing was removed');
    expect(existsSync(join(wt, '.git'))).toBe(true);
    expect(repo.git(['worktree', 'list', '--porcelain'])).toContain(wt);
  });
});

describe('dry runs write nothing', () => {
  it('remove --delete-branch --dry-run and prune --merged --dry-run leave the object store as it was', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat', { newBranch: true });
    repo.commit('feat work', { 'f.txt': 'f\n' }, wt);
    repo.commit('main moves', { 'm.txt': 'm\n' });
    repo.git(['merge', '-q', '--squash', 'feat']);
    repo.commit('squashed feat');
    const objects = () => repo.git(['count-objects', '-v']);
    const before = objects();
    const dry = await plum(repo, 'remove', 'feat', '--delete-branch', '--dry-run', '--json');
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject([{ branchReason: 'squash-merged into main' }]);
    const prune = await plum(repo, 'prune', '--merged', '--dry-run', '--json');
    expect(prune.exitCode, prune.stderr).toBe(0);
    expect(JSON.parse(prune.stdout)).toMatchObject({ removed: [{ name: 'feat' }] });
    expect(objects()).toBe(before);
    expect(repo.git(['fsck', '--unreachable', '--no-reflogs'])).not.toMatch(/unreachable commit/);
  });
});
