import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitRepo, tempDir } from '@plumpots/test-fixtures';
import { describe, expect, it, vi } from 'vitest';
import { discoverRepo, listWorktreeRecords, type RepoInfo } from '../../src/index.js';
import { resetGitEnvCache } from '../../src/git/gateway.js';
import { bareLayout, countSpawns, useHermeticGit } from './helpers.js';

useHermeticGit();

function mainRepoInfo(path: string): RepoInfo {
  return {
    commonDir: join(path, '.git'),
    gitDir: join(path, '.git'),
    worktreePath: path,
    isBare: false,
    isLinked: false,
    mainWorktree: path,
    projectRoot: path,
    projectName: 'repo',
  };
}

describe('discoverRepo', () => {
  it('from the main worktree root, in one git call', async () => {
    const repo = gitRepo();
    const { value, spawns } = await countSpawns(() => discoverRepo(repo.path));
    expect(value).toEqual(mainRepoInfo(repo.path));
    expect(spawns).toHaveLength(1);
  });

  it('from a deep subdirectory, and through a symlink, gives physical paths', async () => {
    const repo = gitRepo();
    const deep = join(repo.path, 'a', 'b', 'c');
    mkdirSync(deep, { recursive: true });
    expect(await discoverRepo(deep)).toEqual(mainRepoInfo(repo.path));
    const link = join(repo.root, 'link');
    symlinkSync(repo.path, link);
    expect(await discoverRepo(join(link, 'a', 'b'))).toEqual(mainRepoInfo(repo.path));
  });

  it('from a linked worktree (whose .git is a file)', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat/login', { newBranch: true });
    mkdirSync(join(wt, 'src'));
    const { value, spawns } = await countSpawns(() => discoverRepo(join(wt, 'src')));
    expect(value).toEqual({
      ...mainRepoInfo(repo.path),
      gitDir: join(repo.path, '.git', 'worktrees', 'feat-login'),
      worktreePath: wt,
      isLinked: true,
    });
    expect(spawns).toHaveLength(2);
  });

  it('from the root of a bare + worktrees layout, in one git call', async () => {
    const repo = gitRepo();
    const layout = bareLayout(repo, 'proj');
    const { value, spawns } = await countSpawns(() => discoverRepo(layout));
    expect(value).toEqual({
      commonDir: join(layout, '.bare'),
      gitDir: join(layout, '.bare'),
      worktreePath: null,
      isBare: true,
      isLinked: false,
      mainWorktree: null,
      projectRoot: layout,
      projectName: 'proj',
    });
    expect(spawns).toHaveLength(1);
    expect(await discoverRepo(join(layout, '.bare', 'refs'))).toEqual(value);
  });

  it('from a worktree of a bare layout', async () => {
    const repo = gitRepo();
    const layout = bareLayout(repo, 'proj');
    expect(await discoverRepo(join(layout, 'main'))).toEqual({
      commonDir: join(layout, '.bare'),
      gitDir: join(layout, '.bare', 'worktrees', 'main'),
      worktreePath: join(layout, 'main'),
      isBare: true,
      isLinked: true,
      mainWorktree: null,
      projectRoot: layout,
      projectName: 'proj',
    });
  });

  it('names a bare foo.git repo "foo" and roots it in its parent directory', async () => {
    const repo = gitRepo();
    const bare = join(repo.root, 'srv', 'foo.git');
    repo.git(['clone', '-q', '--bare', repo.path, bare]);
    expect(await discoverRepo(bare)).toMatchObject({
      commonDir: bare,
      worktreePath: null,
      isBare: true,
      projectRoot: dirname(bare),
      projectName: 'foo',
    });
  });

  it('from inside .git: no worktree, no crash', async () => {
    const repo = gitRepo();
    const expected = { ...mainRepoInfo(repo.path), worktreePath: null };
    expect(await discoverRepo(join(repo.path, '.git'))).toEqual(expected);
    expect(await discoverRepo(join(repo.path, '.git', 'refs', 'heads'))).toEqual(expected);
  });

  it('outside any repository: NotFoundError, exit 3', async () => {
    const dir = tempDir().path;
    vi.stubEnv('GIT_CEILING_DIRECTORIES', dirname(dir)); // whatever encloses the temp dir
    resetGitEnvCache();
    try {
      await expect(discoverRepo(dir)).rejects.toMatchObject({
        name: 'NotFoundError',
        code: 'ERR_NOT_A_REPO',
        exitCode: 3,
        message: `not a git repository: ${dir}`,
        hint: 'run inside a git repository, or pass -C <dir>',
      });
    } finally {
      vi.stubEnv('GIT_CEILING_DIRECTORIES', undefined);
      resetGitEnvCache();
    }
  });

  it('ignores GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE leaked from a hook into process.env', async () => {
    const repo = gitRepo();
    const other = gitRepo({ name: 'other' });
    const otherGitDir = join(other.path, '.git');
    const leaked = {
      GIT_DIR: otherGitDir,
      GIT_WORK_TREE: other.path,
      GIT_INDEX_FILE: join(otherGitDir, 'index'),
    };
    const saved = Object.fromEntries(Object.keys(leaked).map((k) => [k, process.env[k]]));
    Object.assign(process.env, leaked);
    resetGitEnvCache();
    try {
      // The trap is real: a plain git child in repo.path answers for the other repo.
      const naive = execFileSync('git', ['rev-parse', '--absolute-git-dir'], {
        cwd: repo.path,
        env: process.env,
        encoding: 'utf8',
      });
      expect(naive.trim()).toBe(otherGitDir);

      expect(await discoverRepo(repo.path)).toEqual(mainRepoInfo(repo.path));
      const records = await listWorktreeRecords(repo.path);
      expect(records.map((r) => r.path)).toEqual([repo.path]);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      resetGitEnvCache();
    }
  });
});
