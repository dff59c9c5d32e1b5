import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertGitVersion, gitVersion, MIN_GIT_VERSION, parseGitVersion } from '../../src/index.js';

describe('parseGitVersion', () => {
  it.each([
    ['git version 2.39.5\n', [2, 39, 5]],
    ['git version 2.39.5 (Apple Git-154)', [2, 39, 5]],
    ['git version 2.45.1.windows.1', [2, 45, 1]],
    ['git version 2.50.0.rc1', [2, 50, 0]],
    ['git version 3.0', [3, 0, 0]],
  ])('reads %j', (raw, [major, minor, patch]) => {
    expect(parseGitVersion(raw)).toEqual({ raw: raw.trim(), major, minor, patch });
  });

  it('refuses what is not a git version', () => {
    expect(() => parseGitVersion('hub version 2.14')).toThrow(
      expect.objectContaining({ code: 'ERR_GIT_PARSE' }) as Error,
    );
  });
});

describe('gitVersion and assertGitVersion', () => {
  it('reports the git on PATH', async () => {
    const raw = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
    expect((await gitVersion()).raw).toBe(raw);
    expect(MIN_GIT_VERSION).toBe('2.36.0');
  });

  it.each(['2.36.0', '2.36.1', '2.100.0', '3.0.0'])('accepts %s', async (v) => {
    await expect(assertGitVersion(parseGitVersion(`git version ${v}`))).resolves.toBeDefined();
  });

  it.each(['2.35.9', '2.9.5', '1.99.0'])('refuses %s with exit 5', async (v) => {
    await expect(assertGitVersion(parseGitVersion(`git version ${v}`))).rejects.toMatchObject({
      name: 'DependencyError',
      code: 'ERR_GIT_TOO_OLD',
      exitCode: 5,
      message: `git ${v} is too old: plum needs git >= 2.36`,
      hint: expect.stringContaining('upgrade git') as unknown,
    });
  });
});
