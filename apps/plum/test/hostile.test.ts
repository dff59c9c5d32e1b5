// Hostile-but-valid branch names: created, listed and found exactly as written, and never run as
// code — not by git, not by the directory template, not by a hook.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, runCli, type GitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { branchDirName } from '../src/api/naming.js';
import type { Worktree } from '../src/api/types.js';

const HOSTILE = [
  'feat#(touch${IFS}pwned)',
  '$(touch${IFS}pwned)',
  '`touch${IFS}pwned`',
  'a;b',
  'q"uote',
  "x'y",
  'a$b',
  'a|b&c',
  'ñ日本',
  '{repo}',
  '$&-{branch}',
  'feat/#{host}',
];

const plum = (repo: GitRepo, args: string[], cwd = repo.path) =>
  runCli('plum', args, { cwd, env: repo.env });

function userConfig(repo: GitRepo, config: unknown): void {
  const dir = join(repo.env.XDG_CONFIG_HOME!, 'plum');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), JSON.stringify(config));
}

/** Every file name under `dir`, recursively (`.git` internals skipped). */
function allNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => !entry.parentPath.includes('/.git'))
    .map((entry) => entry.name);
}

describe('hostile branch names', () => {
  it('are created, listed and resolved verbatim, and nothing in them ever runs', async () => {
    const repo = gitRepo();
    userConfig(repo, { hooks: { postCreate: ['printf %s "$PLUM_BRANCH" > out.txt'] } });
    for (const branch of HOSTILE) {
      const r = await plum(repo, ['create', branch]);
      expect({ branch, code: r.exitCode, stderr: r.stderr }).toMatchObject({ code: 0 });
      const dir = join(repo.root, 'repo.worktrees', branchDirName(branch));
      expect(r.stdout).toBe(`${dir}\n`);
      expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(branch);
      expect((await plum(repo, ['path', branch])).stdout).toBe(`${dir}\n`);
    }

    const list = await plum(repo, ['list', '--json']);
    const listed = JSON.parse(list.stdout) as Worktree[];
    expect(
      listed
        .slice(1)
        .map((w) => w.branch)
        .sort(),
    ).toEqual([...HOSTILE].sort());
    for (const w of listed.slice(1)) expect(w.name).toBe(branchDirName(w.branch!));
    expect((await plum(repo, ['list'])).exitCode).toBe(0);

    // Nothing ran: no file `pwned` anywhere under the temp root (repo, worktrees, home) or the cwd.
    expect(allNames(repo.root).filter((name) => name === 'pwned')).toEqual([]);
    expect(readdirSync(process.cwd()).filter((name) => name === 'pwned')).toEqual([]);
    expect(allNames(repo.root).filter((name) => name.includes('pwned')).length).toBe(3); // the dirs
    // The template expanded once: a branch named "{repo}" is not the project name.
    expect(listed.find((w) => w.branch === '{repo}')?.name).toBe('{repo}');
    expect(listed.find((w) => w.branch === '$&-{branch}')?.name).toBe('$&-{branch}');
  }, 120_000); // a dozen creates with a hook each: a deadline for hangs, not a timing

  it('rejects names git rejects, or that read as an option, with exit 2', async () => {
    const repo = gitRepo();
    for (const branch of ['-x', '--help-me', 'a b', 'a..b', 'x.lock', 'a~b']) {
      const r = await plum(repo, ['create', '--', branch]);
      expect({ branch, code: r.exitCode }).toEqual({ branch, code: 2 });
      expect(r.stderr).toContain('invalid branch name');
    }
    expect(repo.git(['for-each-ref', 'refs/heads'])).not.toMatch(/-x|help/);
  });
});

describe('branchDirName', () => {
  it.each([
    ['feat/login', 'feat-login'],
    ['a/b/c', 'a-b-c'],
    ['feat#(x)', 'feat#(x)'],
    ['.hidden', '_hidden'],
    ['-lead', '_lead'],
  ])('%s → %s', (branch, dir) => {
    expect(branchDirName(branch)).toBe(dir);
  });

  it('keeps long names under the file-name limit and distinct', () => {
    const a = branchDirName(`${'x'.repeat(150)}/${'é'.repeat(100)}a`);
    const b = branchDirName(`${'x'.repeat(150)}/${'é'.repeat(100)}b`);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(200);
    expect(a).not.toBe(b);
  });
});
