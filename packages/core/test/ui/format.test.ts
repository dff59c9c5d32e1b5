import { describe, expect, it } from 'vitest';
import { formatCommand, plural, relativeTime, shortSha } from '../../src/ui/index.js';

describe('relativeTime', () => {
  const now = new Date('2025-06-15T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const cases: Array<[number, string]> = [
    [0, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [3 * m + 59 * s, '3m'],
    [59 * m, '59m'],
    [2 * h, '2h'],
    [23 * h + 59 * m, '23h'],
    [d, '1d'],
    [5 * d, '5d'],
    [29 * d, '29d'],
    [30 * d, '1mo'],
    [364 * d, '12mo'],
    [365 * d, '1y'],
    [3 * 365 * d, '3y'],
  ];

  it.each(cases)('%d ms ago → %s', (ms, expected) => {
    expect(relativeTime(ago(ms), now)).toBe(expected);
  });

  it('accepts epoch milliseconds', () => {
    expect(relativeTime(now.getTime() - 2 * h, now.getTime())).toBe('2h');
  });

  it('reads a future date (clock skew) as 0s and an invalid one as -', () => {
    expect(relativeTime(new Date(now.getTime() + 5 * m), now)).toBe('0s');
    expect(relativeTime(new Date('nope'), now)).toBe('-');
  });
});

describe('shortSha', () => {
  it('abbreviates to 7 characters, or as asked', () => {
    const oid = '3f2a9c1d4e5b6a7980123456789abcdef0123456';
    expect(shortSha(oid)).toBe('3f2a9c1');
    expect(shortSha(oid, 12)).toBe('3f2a9c1d4e5b');
    expect(shortSha('abc')).toBe('abc');
  });
});

describe('plural', () => {
  it.each([
    [0, 'worktree', undefined, '0 worktrees'],
    [1, 'worktree', undefined, '1 worktree'],
    [2, 'worktree', undefined, '2 worktrees'],
    [1, 'branch', 'branches', '1 branch'],
    [3, 'branch', 'branches', '3 branches'],
  ])('plural(%d, %s, %s) → %s', (n, word, many, expected) => {
    expect(plural(n, word, many)).toBe(expected);
  });
});

describe('formatCommand', () => {
  it('quotes only what a shell would split or expand', () => {
    expect(
      formatCommand(['git', '-C', '/repo/a', 'worktree', 'add', '-b', 'feat/x', '../wt']),
    ).toBe('git -C /repo/a worktree add -b feat/x ../wt');
    expect(formatCommand(['git', 'commit', '-m', "it's done"])).toBe(
      `git commit -m 'it'\\''s done'`,
    );
    expect(formatCommand(['tmux', 'new-session', '-s', '', '$HOME', 'a;b'])).toBe(
      `tmux new-session -s '' '$HOME' 'a;b'`,
    );
  });
});
