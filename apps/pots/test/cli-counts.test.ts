// Process counts of the hot path, with PATH shims that log each tmux and git spawn: `pots list`
// is one tmux process and at most two git processes (open the repository, list its worktrees)
// whatever the number of sessions. Counts, never timings.
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, spawnShim, type PotsFixture, type UnitJson } from './cli-helpers.js';

let f: PotsFixture;

beforeAll(() => {
  f = potsFixture();
  const main = realpathSync(f.repo.path);
  const common = realpathSync(join(f.repo.path, '.git'));
  const gone = f.repo.worktree('gone', { newBranch: true });
  f.repo.git(['worktree', 'remove', '--force', gone]);
  // 100 tagged sessions, made in a few tmux invocations: this repo's (main, and a removed
  // worktree's) and another repository's.
  const batch: string[] = [];
  const flush = () => {
    if (batch.length) f.server.tmux(batch.splice(0));
  };
  for (let i = 0; i < 100; i++) {
    const name = `s${String(i).padStart(3, '0')}`;
    const [worktree, repo]: [string, string] =
      i % 3 === 0
        ? [main, common]
        : i % 3 === 1
          ? [gone, common]
          : [`/nonexistent/other/w${i}`, '/nonexistent/other/.git'];
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
    if (i % 20 === 19) flush();
  }
  flush();
});

afterAll(() => f.done());

describe('process counts', () => {
  it('pots list at 100 sessions: 1 tmux process, ≤ 2 git processes', async () => {
    const shim = spawnShim();
    const units = await f.json<UnitJson[]>(['list', '--json'], { env: { PATH: shim.path } });
    expect(units).toHaveLength(100);
    expect(units.filter((u) => u.orphan)).toHaveLength(66); // the removed worktree's and the other repo's
    expect(shim.count('tmux')).toBe(1);
    expect(shim.count('git')).toBeLessThanOrEqual(2);
  });

  it('the same with --all and in window mode (one list-windows -a)', async () => {
    const shim = spawnShim();
    await f.json<UnitJson[]>(['list', '--all', '--json'], { env: { PATH: shim.path } });
    expect(shim.count('tmux')).toBe(1);
    expect(shim.count('git')).toBeLessThanOrEqual(2);
    shim.reset();
    await f.json<UnitJson[]>(['list', '--json', '--mode', 'window'], { env: { PATH: shim.path } });
    expect(shim.count('tmux')).toBe(1);
    expect(shim.count('git')).toBeLessThanOrEqual(2);
  });

  it('outside a repository: 1 tmux process and no git listing', async () => {
    const shim = spawnShim();
    const units = await f.json<UnitJson[]>(['list', '--json'], {
      env: { PATH: shim.path },
      cwd: f.server.env.HOME!,
    });
    expect(units).toHaveLength(100);
    expect(shim.count('tmux')).toBe(1);
    expect(shim.count('git')).toBe(1); // the probe that finds no repository
  });
});
