// A worktree moved by hand (`mv`): its entry looks "prunable", but dropping it would leave the
// moved copy "not a git repository" and its staged changes only as dangling blobs. plum remove,
// prune and their dry runs refuse (exit 4 / skip), name the new place and `git worktree repair`;
// when the moved directory is out of reach, the staged files are listed instead.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, runCli, tempDir, type GitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';

const plum = (repo: GitRepo, ...args: string[]) =>
  runCli('plum', args, { cwd: repo.path, env: repo.env });

/** A worktree with a staged-then-edited a.txt, an untracked file; then moved to `to`. */
function movedWorktree(to: (repo: GitRepo) => string) {
  const repo = gitRepo();
  const wt = repo.worktree('feat', { newBranch: true });
  repo.write('a.txt', 'staged\n', wt);
  repo.git(['add', 'a.txt'], wt);
  repo.write('a.txt', 'edited after staging\n', wt);
  repo.write('notes.txt', 'untracked\n', wt);
  const target = to(repo);
  mkdirSync(join(target, '..'), { recursive: true });
  renameSync(wt, target);
  return { repo, wt, target };
}

const registered = (repo: GitRepo) => repo.git(['worktree', 'list', '--porcelain']);

describe('a worktree moved by hand', () => {
  it('remove, --dry-run and prune refuse (exit 4 / skipped), naming the new place and git worktree repair', async () => {
    const { repo, target } = movedWorktree((r) => join(r.root, 'elsewhere', 'feat-moved'));
    const before = registered(repo);

    for (const args of [
      ['remove', 'feat', '--yes'],
      ['remove', 'feat', '--dry-run'],
    ]) {
      const result = await plum(repo, ...args);
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(4);
      expect(result.stderr).toContain(`moved to ${target}`);
      expect(result.stderr).toContain(`git worktree repair ${target}`);
    }
    const pruned = await plum(repo, 'prune', '--yes', '--json');
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    const report = JSON.parse(pruned.stdout) as {
      pruned: unknown[];
      skipped: Array<{ name: string; reason: string; message: string }>;
    };
    expect(report.pruned).toEqual([]);
    expect(report.skipped).toMatchObject([{ name: 'feat', reason: 'at-risk' }]);
    expect(report.skipped[0]!.message).toContain(`git worktree repair ${target}`);

    // Nothing changed: still registered, and the repair the message names works.
    expect(registered(repo)).toBe(before);
    repo.git(['worktree', 'repair', target]);
    expect(repo.git(['diff', '--cached', '--name-only'], target)).toBe('a.txt\n');
    expect(repo.git(['show', ':a.txt'], target)).toBe('staged\n');
    expect(readFileSync(join(target, 'a.txt'), 'utf8')).toBe('edited after staging\n');
  });

  it('moved out of reach: refuses listing the staged files only its index holds; --force drops it', async () => {
    const far = tempDir('far-').path;
    const { repo } = movedWorktree(() => join(far, 'x', 'y', 'z', 'feat'));
    const removed = await plum(repo, 'remove', 'feat', '--yes');
    expect(removed.exitCode, removed.stderr).toBe(4);
    expect(removed.stderr).toContain('1 staged change only its index holds');
    expect(removed.stderr).toMatch(/^\s+a\.txt$/m);
    expect(removed.stderr).toContain('git worktree repair <new path>');
    expect(registered(repo)).toContain('feat');

    const forced = await plum(repo, 'remove', 'feat', '--yes', '--force');
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(registered(repo)).not.toContain('feat');
  });

  it('a directory deleted with nothing staged is still pruned (nothing to lose)', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('gone', { newBranch: true });
    repo.write('scratch.txt', 'x\n', wt);
    const { rmSync } = await import('node:fs');
    rmSync(wt, { recursive: true, force: true });
    const pruned = await plum(repo, 'prune', '--yes', '--json');
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    expect(JSON.parse(pruned.stdout)).toMatchObject({ pruned: [{ name: 'gone' }], skipped: [] });
    expect(existsSync(wt)).toBe(false);
  });
});
