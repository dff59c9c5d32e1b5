// Concurrency and Ctrl-C for `plum create`: git's own checks are not
// atomic, so plum's repo lock must be; an interrupted create leaves no residue.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, cleanEnv, gitRepo, retryUntil, runCli, tempDir } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';

describe('plum create under concurrency', () => {
  it('8 concurrent creates of one branch: exactly one succeeds, the others exit 4', async () => {
    const repo = gitRepo();
    const runs = await Promise.all(
      Array.from({ length: 8 }, () =>
        runCli('plum', ['create', 'same-branch'], {
          cwd: repo.path,
          env: repo.env,
          timeoutMs: 60_000,
        }),
      ),
    );
    const codes = runs.map((r) => r.exitCode).sort();
    expect(codes).toEqual([0, 4, 4, 4, 4, 4, 4, 4]);
    for (const r of runs.filter((run) => run.exitCode === 4)) {
      expect(r.stderr).toMatch(/branch same-branch is already checked out at|already exists/);
    }
    const porcelain = repo.git(['worktree', 'list', '--porcelain']);
    expect(porcelain.match(/^branch refs\/heads\/same-branch$/gm)).toHaveLength(1);
    expect(repo.git(['worktree', 'prune', '--dry-run', '--verbose'])).toBe('');
  });

  it('8 concurrent creates of different branches all succeed', async () => {
    const repo = gitRepo();
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runCli('plum', ['create', `b${i}`], { cwd: repo.path, env: repo.env, timeoutMs: 60_000 }),
      ),
    );
    expect(runs.map((r) => [r.exitCode, r.stderr.includes('✗')])).toEqual(
      Array.from({ length: 8 }, () => [0, false]),
    );
    expect(repo.git(['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(9);
  });
});

describe('Ctrl-C during the git step', () => {
  it('rolls back the branch, the directory and the admin entry, releases the lock, exits 130', async () => {
    const repo = gitRepo();
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    // A git that lets every call through, but after a real `worktree add` says so and hangs, as a
    // slow checkout (LFS, a large tree) would: the moment a user presses Ctrl-C.
    const shimDir = join(tempDir().path, 'bin');
    mkdirSync(shimDir);
    writeFileSync(
      join(shimDir, 'git'),
      [
        '#!/bin/sh',
        'if [ "$1" = worktree ] && [ "$2" = add ]; then',
        '  "$SHIM_REAL_GIT" "$@" || exit $?',
        '  : > "$SHIM_READY"',
        '  exec sleep 60',
        'fi',
        'exec "$SHIM_REAL_GIT" "$@"',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    const ready = join(repo.root, 'ready');
    const before =
      repo.git(['for-each-ref', 'refs/heads']) + repo.git(['worktree', 'list', '--porcelain']);

    // Its own process group, so the signal reaches plum and git together, as a terminal's Ctrl-C does.
    const child = spawn(process.execPath, [binPath('plum'), 'create', 'interrupted'], {
      cwd: repo.path,
      env: {
        ...cleanEnv(),
        ...repo.env,
        NO_COLOR: '1',
        PATH: `${shimDir}:${process.env.PATH ?? ''}`,
        SHIM_REAL_GIT: realGit,
        SHIM_READY: ready,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );

    await retryUntil(() => existsSync(ready));
    expect(repo.git(['branch', '--list', 'interrupted'])).toContain('interrupted');
    process.kill(-child.pid!, 'SIGINT');

    expect(await exited).toBe(130);
    expect(stderr).toContain('interrupted');
    expect(stderr).toContain('rolled back: branch interrupted deleted');
    const after =
      repo.git(['for-each-ref', 'refs/heads']) + repo.git(['worktree', 'list', '--porcelain']);
    expect(after).toBe(before);
    expect(existsSync(join(repo.root, 'repo.worktrees'))).toBe(false);
    expect(existsSync(join(repo.path, '.git', 'worktrees'))).toBe(false);
    expect(existsSync(join(repo.path, '.git', 'plum.lock'))).toBe(false);
  });
});
