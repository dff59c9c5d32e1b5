// `plum create`: where the branch comes from (new / local / remote), where the worktree goes, the
// refusals that change nothing, copying, hooks, plugins, trust, rollback, and every place it runs from.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { isPlumError, type PlumError } from '@plumpots/core';
import {
  gitRepo,
  hermeticEnv,
  runCli,
  tempDir,
  testPluginPath,
  type GitRepo,
} from '@plumpots/test-fixtures';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRepo } from '../src/api/context.js';
import { copyIntoWorktree } from '../src/api/copy.js';
import { AfterCreateError, createWorktree, type CreateOptions } from '../src/api/create.js';
import { WORKTREE_FIELDS } from '../src/api/list.js';
import type { Worktree } from '../src/api/types.js';

beforeAll(() => {
  const dir = tempDir('pe-');
  Object.assign(process.env, hermeticEnv(dir.path));
  return dir.cleanup;
});

const open = (repo: GitRepo, cwd = repo.path) => openRepo({ cwd, env: repo.env });
const create = async (repo: GitRepo, options: CreateOptions, cwd = repo.path) =>
  createWorktree(await open(repo, cwd), options);
const oid = (repo: GitRepo, rev: string) => repo.git(['rev-parse', rev]).trim();
const plum = (repo: GitRepo, args: string[], cwd = repo.path, env: Record<string, string> = {}) =>
  runCli('plum', args, { cwd, env: { ...repo.env, ...env } });
/** Where the default template puts a branch's worktree. */
const defaultDir = (repo: GitRepo, dirName: string) => join(repo.root, 'repo.worktrees', dirName);

function userConfig(repo: GitRepo, config: unknown): void {
  const dir = join(repo.env.XDG_CONFIG_HOME!, 'plum');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), JSON.stringify(config));
}

/** Branches and worktrees as git records them: a refusal must leave both byte-identical. */
function gitState(repo: GitRepo): string {
  return (
    repo.git(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads']) +
    repo.git(['worktree', 'list', '--porcelain'])
  );
}

async function failure(promise: Promise<unknown>): Promise<PlumError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isPlumError(error)) throw new Error(`expected a PlumError, got ${String(error)}`);
  return error;
}

describe('where the branch comes from', () => {
  it('creates a new branch from HEAD, in ../{repo}.worktrees/{branch} with / as -', async () => {
    const repo = gitRepo();
    const result = await create(repo, { branch: 'feat/login' });
    expect(result.branchSource).toBe('new');
    expect(result.base).toBe('HEAD');
    expect(result.worktree).toEqual({
      name: 'feat-login',
      path: defaultDir(repo, 'feat-login'),
      branch: 'feat/login',
      head: oid(repo, 'HEAD'),
      isMain: false,
      isCurrent: false,
      detached: false,
      locked: false,
      lockReason: null,
      prunable: false,
      dirty: false,
      untracked: 0,
      ahead: null,
      behind: null,
      upstream: null,
    });
  });

  it('checks out an existing local branch', async () => {
    const repo = gitRepo();
    repo.branch('topic');
    repo.commit('on main only');
    const result = await create(repo, { branch: 'topic' });
    expect(result.branchSource).toBe('local');
    expect(result.base).toBeNull();
    expect(result.worktree.head).toBe(oid(repo, 'topic'));
    expect(result.worktree.head).not.toBe(oid(repo, 'main'));
  });

  it('creates a branch that only a remote has, tracking it', async () => {
    const repo = gitRepo();
    repo.addOrigin();
    repo.git(['switch', '-q', '-c', 'topic']);
    const topic = repo.commit('topic work');
    repo.git(['push', '-q', 'origin', 'topic']);
    repo.git(['switch', '-q', 'main']);
    repo.git(['branch', '-q', '-D', 'topic']);

    const result = await create(repo, { branch: 'topic' });
    expect(result.branchSource).toBe('remote');
    expect(result.base).toBe('origin/topic');
    expect(result.worktree).toMatchObject({
      head: topic,
      upstream: 'origin/topic',
      ahead: 0,
      behind: 0,
    });
  });

  it('asks which remote when several have the branch (exit 2), and tracks the one --base names', async () => {
    const repo = gitRepo();
    const origin = repo.addOrigin();
    repo.git(['push', '-q', 'origin', 'main:topic']);
    repo.git(['remote', 'add', 'up', origin]);
    repo.git(['fetch', '-q', '--all']);
    const before = gitState(repo);
    const error = await failure(create(repo, { branch: 'topic' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('origin/topic, up/topic');
    expect(error.hint).toContain('--base origin/topic');
    expect(gitState(repo)).toBe(before);

    const result = await create(repo, { branch: 'topic', base: 'up/topic' });
    expect(result).toMatchObject({ branchSource: 'remote', base: 'up/topic' });
    expect(result.worktree.upstream).toBe('up/topic');
  });

  it('starts a new branch from --base, else config worktrees.base, else the remote default branch', async () => {
    const repo = gitRepo();
    repo.addOrigin();
    const remoteMain = oid(repo, 'origin/main');
    repo.commit('local main is ahead of origin/main');
    repo.git(['branch', 'dev', 'HEAD']);
    repo.git(['switch', '-q', 'dev']);
    const dev = repo.commit('dev work');
    repo.git(['switch', '-q', 'main']);

    const fromRemote = await create(repo, { branch: 'a' });
    expect(fromRemote).toMatchObject({ base: 'origin/main', worktree: { head: remoteMain } });
    // A new branch never silently tracks its base.
    expect(fromRemote.worktree.upstream).toBeNull();

    userConfig(repo, { worktrees: { base: 'dev' } });
    const fromConfig = await create(repo, { branch: 'b' });
    expect(fromConfig).toMatchObject({ base: 'dev', worktree: { head: dev } });

    const fromFlag = await create(repo, { branch: 'c', base: 'main~1' });
    expect(fromFlag).toMatchObject({ base: 'main~1', worktree: { head: oid(repo, 'main~1') } });
  });

  it('refuses a base that names no commit (exit 3) and --base for an existing branch (exit 2)', async () => {
    const repo = gitRepo();
    repo.branch('topic');
    const before = gitState(repo);
    const bad = await failure(create(repo, { branch: 'new', base: 'no-such-ref' }));
    expect([bad.exitCode, bad.code]).toEqual([3, 'ERR_PLUM_BASE_NOT_FOUND']);
    const both = await failure(create(repo, { branch: 'topic', base: 'main' }));
    expect(both.exitCode).toBe(2);
    expect(gitState(repo)).toBe(before);
    expect(existsSync(join(repo.root, 'repo.worktrees'))).toBe(false);
  });

  it('refuses an invalid branch name (exit 2) before touching anything', async () => {
    const repo = gitRepo();
    for (const name of ['a b', 'x..y', '-x', 'a:b', '']) {
      const error = await failure(create(repo, { branch: name }));
      expect(error.exitCode).toBe(2);
    }
  });
});

describe('refusals change nothing', () => {
  it('exits 4 when the branch is checked out in another worktree, naming its path', async () => {
    const repo = gitRepo();
    const feat = repo.worktree('feat', { newBranch: true });
    const before = gitState(repo);
    for (const branch of ['feat', 'main']) {
      const r = await plum(repo, ['create', branch]);
      expect(r.exitCode).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `branch ${branch} is already checked out at ${branch === 'feat' ? feat : repo.path}`,
      );
    }
    expect(gitState(repo)).toBe(before);
  });

  it('exits 4 for a branch being rebased in another worktree (git lists it as detached)', async () => {
    const repo = gitRepo();
    const wt = repo.worktree('rb', { newBranch: true });
    repo.commit('rb change', { 'f.txt': 'rb\n' }, wt);
    repo.commit('main change', { 'f.txt': 'main\n' });
    expect(() => repo.git(['rebase', 'main'], wt)).toThrow(); // conflict: the rebase stops
    const before = gitState(repo);
    const error = await failure(create(repo, { branch: 'rb' }));
    expect([error.exitCode, error.code]).toEqual([4, 'ERR_PLUM_BRANCH_CHECKED_OUT']);
    expect(gitState(repo)).toBe(before);
  });

  it('exits 4 when the directory exists, or is a registered worktree whose directory is gone', async () => {
    const repo = gitRepo();
    mkdirSync(defaultDir(repo, 'taken'), { recursive: true });
    const before = gitState(repo);
    const exists = await plum(repo, ['create', 'taken']);
    expect(exists.exitCode).toBe(4);
    expect(exists.stderr).toContain(`${defaultDir(repo, 'taken')} already exists`);
    expect(gitState(repo)).toBe(before);

    const gone = repo.worktree('gone', { newBranch: true, path: defaultDir(repo, 'gone2') });
    rmSync(gone, { recursive: true });
    const state = gitState(repo);
    const error = await failure(create(repo, { branch: 'gone2' }));
    expect([error.exitCode, error.code]).toEqual([4, 'ERR_PLUM_PATH_EXISTS']);
    expect(error.hint).toContain('plum prune');
    expect(gitState(repo)).toBe(state);
  });

  it('exits 4 when two branches map to one directory (feature/login, feature-login)', async () => {
    const repo = gitRepo();
    await create(repo, { branch: 'feature/login' });
    const before = gitState(repo);
    const error = await failure(create(repo, { branch: 'feature-login' }));
    expect(error.exitCode).toBe(4);
    expect(gitState(repo)).toBe(before);
    const elsewhere = await create(repo, { branch: 'feature-login', path: '../elsewhere' });
    expect(elsewhere.worktree.path).toBe(join(repo.root, 'elsewhere'));
  });
});

describe('rollback', () => {
  it('deletes the branch it created when git fails after creating it, and releases the lock', async () => {
    const repo = gitRepo();
    writeFileSync(join(repo.root, 'a-file'), 'x');
    const before = gitState(repo);
    const r = await plum(repo, ['create', 'doomed', '--path', join(repo.root, 'a-file', 'sub')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('could not create leading directories');
    expect(r.stderr).toContain('rolled back: branch doomed deleted');
    expect(gitState(repo)).toBe(before);
    expect(existsSync(join(repo.path, '.git', 'plum.lock'))).toBe(false);
  });

  it('never deletes a branch it did not create', async () => {
    const repo = gitRepo();
    repo.branch('mine');
    writeFileSync(join(repo.root, 'a-file'), 'x');
    const before = gitState(repo);
    const error = await failure(
      create(repo, { branch: 'mine', path: join(repo.root, 'a-file', 'sub') }),
    );
    expect(error.exitCode).toBe(1);
    expect(gitState(repo)).toBe(before);
  });
});

describe('copying worktrees.copy', () => {
  it('copies ignored files from the main worktree, keeping modes, never overwriting', async () => {
    const repo = gitRepo();
    repo.write('.env', 'SECRET=1\n');
    repo.write('local/tool.sh', '#!/bin/sh\n');
    chmodSync(join(repo.path, 'local', 'tool.sh'), 0o755);
    repo.commit('ignore local/', { '.gitignore': '.env\nlocal/\n' });
    repo.write('README.md', 'edited in main\n');
    userConfig(repo, { worktrees: { copy: ['.env', 'local', 'README.md', 'nothing-*'] } });

    const result = await create(repo, { branch: 'feat' });
    const wt = result.worktree.path;
    expect(result.copied).toEqual(['.env', 'local/tool.sh']);
    expect(readFileSync(join(wt, '.env'), 'utf8')).toBe('SECRET=1\n');
    expect(statSync(join(wt, 'local', 'tool.sh')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(wt, 'README.md'), 'utf8')).toBe('# fixture\n');
    expect(result.worktree).toMatchObject({ dirty: false, untracked: 0 });

    const none = await create(repo, { branch: 'nocopy', copy: false });
    expect(none.copied).toEqual([]);
    expect(existsSync(join(none.worktree.path, '.env'))).toBe(false);
  });

  it('leaves an existing file alone and never writes through a symlinked directory', async () => {
    const from = tempDir().path;
    const to = tempDir().path;
    const outside = tempDir().path;
    writeFileSync(join(from, '.env'), 'new');
    writeFileSync(join(to, '.env'), 'old');
    mkdirSync(join(from, 'cfg'));
    writeFileSync(join(from, 'cfg', 'x'), 'x');
    const { symlinkSync } = await import('node:fs');
    symlinkSync(outside, join(to, 'cfg'));
    expect(await copyIntoWorktree(from, to, ['.env', 'cfg/x'])).toEqual([]);
    expect(readFileSync(join(to, '.env'), 'utf8')).toBe('old');
    expect(existsSync(join(outside, 'x'))).toBe(false);
  });

  it('refuses patterns that leave the worktree (exit 6) before creating anything', async () => {
    const repo = gitRepo();
    userConfig(repo, { worktrees: { copy: ['../secrets/*'] } });
    const before = gitState(repo);
    const error = await failure(create(repo, { branch: 'feat' }));
    expect(error.exitCode).toBe(6);
    expect(gitState(repo)).toBe(before);
    await expect(copyIntoWorktree(repo.path, repo.root, ['/etc/passwd'])).rejects.toThrow(
      /leaves the worktree/,
    );
  });
});

describe('postCreate hooks', () => {
  it('run in the new worktree with PLUM_* variables', async () => {
    const repo = gitRepo();
    const hook =
      'printf "%s\\n" "$PWD" "$PLUM_WORKTREE_PATH" "$PLUM_WORKTREE_NAME" "$PLUM_BRANCH" "$PLUM_BASE" "$PLUM_REPO" "$PLUM_MAIN_WORKTREE" "$PLUM_PROJECT" "${GIT_DIR-unset}" > vars.txt';
    userConfig(repo, { hooks: { postCreate: [hook, 'echo second >> vars.txt'] } });
    const result = await create(repo, { branch: 'feat/x' });
    const wt = defaultDir(repo, 'feat-x');
    expect(result.hooksRun).toEqual([hook, 'echo second >> vars.txt']);
    expect(readFileSync(join(wt, 'vars.txt'), 'utf8').split('\n')).toEqual([
      wt,
      wt,
      'feat-x',
      'feat/x',
      'HEAD',
      repo.path,
      repo.path,
      'repo',
      'unset',
      'second',
      '',
    ]);
    expect(result.worktree.untracked).toBe(1);

    const skipped = await create(repo, { branch: 'quiet', hooks: false });
    expect(skipped.hooksRun).toEqual([]);
    expect(existsSync(join(skipped.worktree.path, 'vars.txt'))).toBe(false);
  });

  it('a failing hook keeps the worktree, exits non-zero and shows the hook output', async () => {
    const repo = gitRepo();
    userConfig(repo, {
      hooks: { postCreate: ['echo installing; echo "it broke" >&2; exit 3', 'touch never-ran'] },
    });
    const r = await plum(repo, ['create', 'feat']);
    const wt = defaultDir(repo, 'feat');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`created ${wt}, but postCreate hook failed (exit 3)`);
    expect(r.stderr).toContain('  installing\n  it broke\n');
    expect(existsSync(join(wt, 'never-ran'))).toBe(false);
    const list = await plum(repo, ['list', '--json', '--no-status']);
    expect((JSON.parse(list.stdout) as Worktree[]).map((w) => w.path)).toContain(wt);

    const error = await failure(create(repo, { branch: 'again' }));
    expect(error).toBeInstanceOf(AfterCreateError);
    expect((error as AfterCreateError).result.worktree.path).toBe(defaultDir(repo, 'again'));
    expect(error.details).toEqual(['installing', 'it broke']);
  });

  it("from the repository's config run only once trusted: without a terminal, exit 4 and nothing made", async () => {
    const repo = gitRepo();
    repo.commit('hooks', { '.plumrc.yaml': 'hooks:\n  postCreate:\n    - touch hook-ran\n' });
    const before = gitState(repo);
    const refused = await plum(repo, ['create', 'feat']);
    expect(refused.exitCode).toBe(4);
    expect(refused.stderr).toContain('touch hook-ran');
    expect(refused.stderr).toContain('plum trust');
    expect(gitState(repo)).toBe(before);
    expect(existsSync(defaultDir(repo, 'feat'))).toBe(false);

    const noHooks = await plum(repo, ['create', 'feat', '--no-hooks']);
    expect(noHooks.exitCode).toBe(0);
    expect(existsSync(join(defaultDir(repo, 'feat'), 'hook-ran'))).toBe(false);

    expect((await plum(repo, ['trust', '--yes'])).exitCode).toBe(0);
    const trusted = await plum(repo, ['create', 'feat2']);
    expect(trusted.exitCode).toBe(0);
    expect(existsSync(join(defaultDir(repo, 'feat2'), 'hook-ran'))).toBe(true);
  });
});

describe('plugins', () => {
  it('fires worktree:afterCreate with the repo and the created worktree', async () => {
    const repo = gitRepo();
    const log = join(repo.root, 'plugin.log');
    userConfig(repo, { plugins: [testPluginPath('recorder')] });
    const r = await plum(repo, ['create', 'feat'], repo.path, { PLUM_TEST_PLUGIN_LOG: log });
    expect(r.exitCode).toBe(0);
    const calls = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(calls).toEqual([
      {
        hook: 'worktree:afterCreate',
        payload: {
          repo: expect.objectContaining({
            commonDir: join(repo.path, '.git'),
            projectRoot: repo.path,
            projectName: 'repo',
          }) as unknown,
          worktree: expect.objectContaining({
            name: 'feat',
            path: defaultDir(repo, 'feat'),
            branch: 'feat',
            head: oid(repo, 'HEAD'),
          }) as unknown,
        },
      },
    ]);
  });

  it('a throwing plugin is reported by name (exit 1); the worktree exists and is reported as created', async () => {
    const repo = gitRepo();
    userConfig(repo, { plugins: [testPluginPath('thrower')] });
    const r = await plum(repo, ['create', 'feat'], repo.path, {
      PLUM_TEST_THROW_ON: 'worktree:afterCreate',
    });
    const wt = defaultDir(repo, 'feat');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(
      `created ${wt}, but plugin thrower: worktree:afterCreate failed: boom`,
    );
    expect(repo.git(['worktree', 'list', '--porcelain'])).toContain(`worktree ${wt}\n`);
  });
});

describe('plum create (built bin), from everywhere', () => {
  it('prints the new path alone; --json prints the worktree; add is an alias', async () => {
    const repo = gitRepo();
    const r = await plum(repo, ['create', 'feat/one']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${defaultDir(repo, 'feat-one')}\n`);
    expect(r.stderr).toContain('created feat-one (feat/one, new branch from HEAD)');

    const json = await plum(repo, ['add', 'two', '--json']);
    expect(json.exitCode).toBe(0);
    const wt = JSON.parse(json.stdout) as Worktree;
    expect(Object.keys(wt)).toEqual([...WORKTREE_FIELDS]);
    expect(wt).toMatchObject({ name: 'two', branch: 'two', dirty: false });
  });

  it('puts the worktree in the same place from a subdirectory and from a linked worktree', async () => {
    const repo = gitRepo();
    const linked = repo.worktree('linked', { newBranch: true });
    mkdirSync(join(repo.path, 'deep', 'er'), { recursive: true });
    const fromSub = await plum(repo, ['create', 'a'], join(repo.path, 'deep', 'er'));
    const fromLinked = await plum(repo, ['create', 'b'], linked);
    expect(fromSub.stdout).toBe(`${defaultDir(repo, 'a')}\n`);
    expect(fromLinked.stdout).toBe(`${defaultDir(repo, 'b')}\n`);
    expect(existsSync(join(repo.path, 'deep', 'a'))).toBe(false);
  });

  it('works in a bare repository + worktrees layout', async () => {
    const repo = gitRepo();
    const layout = join(repo.root, 'shop');
    repo.git(['clone', '-q', '--bare', repo.path, join(layout, '.bare')]);
    writeFileSync(join(layout, '.git'), 'gitdir: ./.bare\n');
    repo.git(['worktree', 'add', '-q', join(layout, 'main'), 'main'], layout);

    const fromRoot = await plum(repo, ['create', 'feat'], layout);
    expect(fromRoot.exitCode).toBe(0);
    expect(fromRoot.stdout).toBe(`${join(repo.root, 'shop.worktrees', 'feat')}\n`);
    const fromMain = await plum(repo, ['create', 'feat2'], join(layout, 'main'));
    expect(fromMain.stdout).toBe(`${join(repo.root, 'shop.worktrees', 'feat2')}\n`);
    const list = await plum(repo, ['list', '--json'], layout);
    // No main worktree in this layout: all by path, and the bare repository itself is not listed.
    expect((JSON.parse(list.stdout) as Worktree[]).map((w) => [w.name, w.isMain])).toEqual([
      ['feat', false],
      ['feat2', false],
      ['main', false],
    ]);
  });

  it('ignores a GIT_DIR pointing at another repository (as a git hook would set it)', async () => {
    const repo = gitRepo();
    const other = gitRepo();
    userConfig(repo, { hooks: { postCreate: ['printf %s "${GIT_DIR-unset}" > git-dir.txt'] } });
    const r = await plum(repo, ['create', 'feat'], repo.path, {
      GIT_DIR: join(other.path, '.git'),
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`${defaultDir(repo, 'feat')}\n`);
    // Hooks do not inherit it either: a `git` in a hook must act on the new worktree.
    expect(readFileSync(join(defaultDir(repo, 'feat'), 'git-dir.txt'), 'utf8')).toBe('unset');
    expect(repo.git(['branch', '--list', 'feat'])).toContain('feat');
    expect(other.git(['branch', '--list', 'feat'])).toBe('');
    expect(other.git(['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });
});
