import { gitRepo, type GitRepo } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBranchName } from '../../src/index.js';
import { countSpawns, useHermeticGit } from './helpers.js';

useHermeticGit();

describe('validateBranchName', () => {
  // One repo for the read-only checks: check-ref-format never writes.
  let repo: GitRepo;
  beforeAll(() => {
    repo = gitRepo();
  });
  afterAll(() => repo.cleanup());

  it.each([
    'main',
    'feat/login',
    'feat#(touch${IFS}x)',
    'a;b',
    'a$b',
    'quo"te',
    "it's",
    'ñ日本',
    'x;',
  ])('accepts %j unchanged', async (name) => {
    expect(await validateBranchName(repo.path, name)).toBe(name);
  });

  it.each(['a b', 'a..b', 'x.lock', 'feat/', '.hidden', 'a~1', 'a:b', 'HEAD', '@{x'])(
    "rejects %j with git's reason as the hint",
    async (name) => {
      await expect(validateBranchName(repo.path, name)).rejects.toMatchObject({
        name: 'UsageError',
        exitCode: 2,
        message: `invalid branch name: ${name}`,
        hint: expect.stringContaining('is not a valid branch name') as unknown,
      });
    },
  );

  it('escapes control characters in the message', async () => {
    await expect(validateBranchName(repo.path, 'a\nb\x1b[31m')).rejects.toMatchObject({
      exitCode: 2,
      message: 'invalid branch name: a\\nb\\u001b[31m',
      hint: expect.not.stringContaining('\n') as unknown,
    });
  });

  it('rejects a leading "-" itself, without asking git', async () => {
    const { spawns } = await countSpawns(async () => {
      for (const name of ['-x', '--force', '-']) {
        await expect(validateBranchName(repo.path, name)).rejects.toMatchObject({
          exitCode: 2,
          message: `invalid branch name: ${name}`,
          hint: expect.stringContaining('"-"') as unknown,
        });
      }
      await expect(validateBranchName(repo.path, '')).rejects.toMatchObject({ exitCode: 2 });
    });
    expect(spawns).toEqual([]);
  });

  it('expands @{-1} to the previous branch', async () => {
    const own = gitRepo();
    own.git(['checkout', '-q', '-b', 'previous']);
    own.git(['checkout', '-q', 'main']);
    expect(await validateBranchName(own.path, '@{-1}')).toBe('previous');
  });
});
