// `plum path` and worktree resolution: by name, branch, absolute or relative path, or any path
// inside a worktree; ambiguity is exit 2, nothing is exit 3; one git call.
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isPlumError, onSpawn, type PlumError } from '@plumpots/core';
import { gitRepo, hermeticEnv, runCli, tempDir, type GitRepo } from '@plumpots/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRepo } from '../src/api/context.js';
import { listWorktrees } from '../src/api/list.js';
import { worktreePath } from '../src/api/path.js';
import { findWorktree } from '../src/api/resolve.js';

beforeAll(() => {
  const dir = tempDir('pe-');
  Object.assign(process.env, hermeticEnv(dir.path));
  return dir.cleanup;
});

const open = (repo: GitRepo, cwd = repo.path) => openRepo({ cwd, env: repo.env });

async function failure(promise: Promise<unknown>): Promise<PlumError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPlumError(error)) throw new Error(`expected a PlumError, got ${String(error)}`);
  return error;
}

function fixture() {
  const repo = gitRepo();
  const feat = repo.worktree('feat/login', { newBranch: true }); // directory wt/feat-login
  mkdirSync(join(feat, 'src', 'deep'), { recursive: true });
  return { repo, feat };
}

describe('findWorktree / worktreePath', () => {
  it('finds a worktree by name, branch, absolute path, relative path and a path inside it', async () => {
    const { repo, feat } = fixture();
    const ctx = await open(repo);
    const worktrees = await listWorktrees(ctx, { status: false });
    const find = (query: string, cwd = repo.path) => findWorktree(worktrees, query, cwd).path;
    expect(find('feat-login')).toBe(feat);
    expect(find('feat/login')).toBe(feat);
    expect(find(feat)).toBe(feat);
    expect(find(relative(repo.path, feat))).toBe(feat);
    expect(find(join(feat, 'src', 'deep'))).toBe(feat);
    expect(find('.', join(feat, 'src'))).toBe(feat);
    expect(find('..', join(feat, 'src'))).toBe(feat);
    expect(find('repo')).toBe(repo.path);
    expect(find('main')).toBe(repo.path);
    expect(await worktreePath(await open(repo, join(feat, 'src')), 'deep')).toBe(feat);
  });

  it('prefers the innermost worktree when one lives inside another', async () => {
    const repo = gitRepo();
    const nested = repo.worktree('nested', { newBranch: true, path: join(repo.path, 'wts', 'n') });
    mkdirSync(join(nested, 'x'));
    const worktrees = await listWorktrees(await open(repo), { status: false });
    expect(findWorktree(worktrees, join(nested, 'x'), repo.path).path).toBe(nested);
    expect(findWorktree(worktrees, '.', repo.path).path).toBe(repo.path);
  });

  it('says not found (exit 3, hint plum list) rather than guessing from a path that does not exist', async () => {
    const { repo } = fixture();
    const error = await failure(worktreePath(await open(repo), 'typo'));
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('ERR_PLUM_WORKTREE_NOT_FOUND');
    expect(error.hint).toContain('plum list');
  });

  it('refuses a name two worktrees share (exit 2), listing both', async () => {
    const repo = gitRepo();
    const a = repo.worktree('a', { newBranch: true, path: join(repo.root, 'x', 'same') });
    const b = repo.worktree('b', { newBranch: true, path: join(repo.root, 'y', 'same') });
    const error = await failure(worktreePath(await open(repo), 'same'));
    expect(error.exitCode).toBe(2);
    expect(error.details).toEqual([`${a} (a)`, `${b} (b)`]);
    expect(await worktreePath(await open(repo), 'b')).toBe(b);
  });

  it('finds a registered worktree whose directory is gone by its path', async () => {
    const repo = gitRepo();
    const gone = repo.worktree('gone', { newBranch: true });
    repo.git(['worktree', 'lock', gone]);
    const worktrees = await listWorktrees(await open(repo), { status: false });
    expect(findWorktree(worktrees, gone, '/').name).toBe('gone');
  });

  it('runs no git process after opening the repository (its listing serves), reads no config', async () => {
    const { repo, feat } = fixture();
    const ctx = await open(repo);
    const spawned: string[][] = [];
    const off = onSpawn((argv) => spawned.push([...argv]));
    try {
      expect(await worktreePath(ctx, 'feat-login')).toBe(feat);
    } finally {
      off();
    }
    expect(spawned).toEqual([]);
  });
});

describe('plum path (built bin)', () => {
  it('prints the path alone on stdout; -C and a path from a subdirectory work', async () => {
    const { repo, feat } = fixture();
    const byName = await runCli('plum', ['path', 'feat-login'], { cwd: repo.path, env: repo.env });
    expect(byName).toEqual({ exitCode: 0, stdout: `${feat}\n`, stderr: '' });
    const fromSub = await runCli('plum', ['path', '.'], { cwd: join(feat, 'src'), env: repo.env });
    expect(fromSub.stdout).toBe(`${feat}\n`);
    const withC = await runCli('plum', ['path', 'main', '-C', feat], {
      cwd: repo.root,
      env: repo.env,
    });
    expect(withC.stdout).toBe(`${repo.path}\n`);
  });

  it('prints a path holding a newline byte-exact when stdout is a pipe', async () => {
    const repo = gitRepo();
    const odd = repo.worktree('odd', { newBranch: true, path: join(repo.root, 'a b\nc') });
    const r = await runCli('plum', ['path', 'odd'], { cwd: repo.path, env: repo.env });
    expect(r.stdout).toBe(`${odd}\n`);
  });

  it('exits 3 with a hint when there is no such worktree', async () => {
    const { repo } = fixture();
    const r = await runCli('plum', ['path', 'nope'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no worktree named "nope"');
    expect(r.stderr).toContain('plum list');
  });
});
