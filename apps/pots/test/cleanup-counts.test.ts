// Process counts of cleanup and list --worktrees, with PATH shims that log each tmux and git
// spawn: one tmux listing, and one `git worktree list` per repository involved (none for a
// repository that is gone) however many sessions. Counts, never timings.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, type GitRepo } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, spawnShim, type PotsFixture } from './cli-helpers.js';

let f: PotsFixture;
let other: GitRepo;

beforeAll(() => {
  f = potsFixture();
  other = gitRepo();
  const main = realpathSync(f.repo.path);
  const common = realpathSync(join(f.repo.path, '.git'));
  const gone = realpathSync(f.repo.worktree('gone', { newBranch: true }));
  f.repo.git(['worktree', 'remove', '--force', gone]);
  const otherLive = realpathSync(other.worktree('o', { newBranch: true }));
  const otherCommon = realpathSync(join(other.path, '.git'));
  // 60 tagged sessions in a few tmux invocations: this repository's (live main, removed worktree),
  // another live repository's, and a vanished repository's.
  const kinds: Array<[string, string]> = [
    [main, common],
    [gone, common],
    [otherLive, otherCommon],
    ['/nonexistent/else/w', '/nonexistent/else/.git'],
  ];
  const batch: string[] = [];
  for (let i = 0; i < 60; i++) {
    const name = `s${String(i).padStart(3, '0')}`;
    const [worktree, repo] = kinds[i % 4]!;
    if (batch.length) batch.push(';');
    batch.push('new-session', '-d', '-s', name, '-c', main);
    for (const [key, value] of [
      ['@pots-worktree', worktree] as const,
      ['@pots-project', 'repo'],
      ['@pots-task', `t${i}`],
      ['@pots-repo', repo],
      ['@pots-unit', 'session'],
    ]) {
      batch.push(';', 'set-option', '-t', `=${name}:`, key, value);
    }
    if (i % 20 === 19) f.server.tmux(batch.splice(0));
  }
});

afterAll(() => {
  f.done();
  other.cleanup();
});

describe('process counts', () => {
  it('pots list --worktrees: 1 tmux process, ≤ 2 git processes', async () => {
    const shim = spawnShim();
    const rows = await f.json<Array<{ units: unknown[] }>>(['list', '--worktrees', '--json'], {
      env: { PATH: shim.path },
    });
    expect(rows.map((r) => r.units.length)).toEqual([15]);
    expect(shim.count('tmux')).toBe(1);
    expect(shim.count('git')).toBeLessThanOrEqual(2);
  });

  it('pots cleanup --dry-run at 60 sessions: 1 tmux, 1 git worktree list per live repository', async () => {
    const shim = spawnShim();
    const entries = await f.json<Array<{ action: string; reason: string }>>(
      ['cleanup', '--dry-run', '--json', '--min-age', '0'],
      { env: { PATH: shim.path } },
    );
    expect(entries).toHaveLength(30); // the removed worktree's and the vanished repository's
    expect(
      entries.every((e) => e.action === 'would-kill' && e.reason === 'directory-missing'),
    ).toBe(true);
    expect(shim.count('tmux')).toBe(1);
    // Opening the repository around the cwd, which lists its worktrees (1), the other's (1).
    expect(shim.count('git')).toBe(2);
  });

  it('pots cleanup --yes: the same look (under the lock), then one kill per orphan', async () => {
    const shim = spawnShim();
    const entries = await f.json<Array<{ action: string }>>(
      ['cleanup', '--yes', '--json', '--min-age', '0'],
      { env: { PATH: shim.path } },
    );
    expect(entries.filter((e) => e.action === 'killed')).toHaveLength(30);
    expect(shim.count('git')).toBe(2);
    expect(shim.count('tmux')).toBe(1 + 30);
  });
});
