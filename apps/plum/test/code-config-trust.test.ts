// A repository's JS config is code: until it is trusted, commands that would run what it
// configures refuse instead of silently falling back to the defaults.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, runCli } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';

describe('an untrusted .plumrc.mjs', () => {
  it('makes create and remove refuse (exit 4) and runs nothing until `plum trust --yes`', async () => {
    const repo = gitRepo();
    const sentinel = join(repo.root, 'hook-ran');
    repo.commit('code config', {
      '.plumrc.mjs': `export default { hooks: { postCreate: ['touch ${sentinel}'] } };\n`,
    });
    const create = await runCli('plum', ['create', 'feat'], { cwd: repo.path, env: repo.env });
    expect(create.exitCode).toBe(4);
    expect(create.stderr).toContain('plum trust');
    expect(repo.git(['branch', '--list', 'feat']).trim()).toBe('');
    expect(existsSync(sentinel)).toBe(false);

    repo.worktree('other', { newBranch: true });
    const remove = await runCli('plum', ['remove', 'other', '--yes'], {
      cwd: repo.path,
      env: repo.env,
    });
    expect(remove.exitCode).toBe(4);
    expect(repo.git(['worktree', 'list'])).toContain('other');

    expect(
      (await runCli('plum', ['trust', '--yes'], { cwd: repo.path, env: repo.env })).exitCode,
    ).toBe(0);
    const again = await runCli('plum', ['create', 'feat'], { cwd: repo.path, env: repo.env });
    expect(again.exitCode).toBe(0);
    expect(existsSync(sentinel)).toBe(true);
  });
});
