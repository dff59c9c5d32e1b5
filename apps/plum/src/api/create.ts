// `plum create`: a worktree for a branch (new, existing, or tracking a remote one). The git part runs
// under the repo lock and is rolled back on failure or Ctrl-C, removing only what this run made;
// copying files, hooks and plugins come after, and a failure there leaves the worktree (it is the
// user's now) and says so.
import { lstat, readFile, realpath, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import {
  getStatus,
  git,
  GitError,
  InterruptedError,
  isPlumError,
  NotFoundError,
  PlumError,
  RefusedError,
  remotesWithBranch,
  defaultRemoteBranch,
  resolveRef,
  UsageError,
  validateBranchName,
  type SpawnResult,
} from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import type { PlumContext } from './context.js';
import { gitCwd, listWorktrees, withStatus } from './list.js';
import { withRepoLock } from './lock.js';
import { worktreeDirFor } from './naming.js';
import { ensureTrusted, hasPendingCodeConfig } from './trust.js';
import type { Worktree } from './types.js';

export interface CreateOptions {
  /** The branch: checked out if it exists, tracked if only a remote has it, else created. */
  branch: string;
  /** Start point of a new branch (default: config `worktrees.base`, the remote's default branch, HEAD). */
  base?: string | undefined;
  /** Directory for the worktree (relative to ctx.cwd); default from config `worktrees.dir`. */
  path?: string | undefined;
  /** Run config `hooks.postCreate` (default true). */
  hooks?: boolean | undefined;
  /** Copy config `worktrees.copy` files from the main worktree (default true). */
  copy?: boolean | undefined;
  /** Passed to the trust check and to plugins (it never approves a repository's commands). */
  yes?: boolean | undefined;
  /** Asks the user to trust the repository's commands; absent without a terminal. */
  confirm?: ((message: string, details: string[]) => Promise<boolean>) | undefined;
  /** Where step lines go (`copied .env`, `postCreate: pnpm install`); default ctx.log. */
  onProgress?: ((message: string) => void) | undefined;
}

export interface CreateResult {
  /** The new worktree, with its status. */
  worktree: Worktree;
  /** Files copied from the main worktree, relative to the worktree. */
  copied: string[];
  /** The postCreate commands that ran. */
  hooksRun: string[];
  /** `new`: created from `base`; `local`: an existing branch; `remote`: created tracking `base`. */
  branchSource: 'new' | 'local' | 'remote';
  /** Where a new branch started (`origin/main`, `HEAD`…) or the remote branch it tracks; null for `local`. */
  base: string | null;
}

/**
 * The worktree was created but a later step (copying, a hook, a plugin) failed. It keeps the
 * failure's code, exit code and details; `result` holds the worktree and what did run.
 */
export class AfterCreateError extends PlumError {
  constructor(
    readonly result: CreateResult,
    failure: unknown,
  ) {
    const inner = isPlumError(failure)
      ? failure
      : new PlumError('ERR_PLUM_AFTER_CREATE', messageOf(failure), 1, { cause: failure });
    super(inner.code, `created ${result.worktree.path}, but ${inner.message}`, inner.exitCode, {
      details: inner.details,
      hint: inner.hint,
      cause: failure,
    });
  }
}

interface Made {
  path: string;
  branchSource: CreateResult['branchSource'];
  base: string | null;
}

interface Plan {
  branch: string;
  dir: string;
  args: string[];
  branchSource: CreateResult['branchSource'];
  base: string | null;
  /** Commit the branch points at before git runs (for `new`/`remote`: where it will start). */
  startOid: string;
  /** This run creates the branch (`-b`). */
  createsBranch: boolean;
}

/**
 * Creates a worktree for `options.branch` and returns it. Refusals change nothing: the branch is
 * checked out in another worktree → RefusedError ERR_PLUM_BRANCH_CHECKED_OUT (exit 4); the
 * directory exists or is a registered worktree → ERR_PLUM_PATH_EXISTS (exit 4); a base that names
 * no commit → NotFoundError (exit 3). A git failure or ctx.signal during the git step rolls back
 * what this run made (worktree, directories, the branch it created) and throws (exit 1 / 130). A
 * failure after the worktree exists throws {@link AfterCreateError} and leaves the worktree.
 * @example const { worktree } = await createWorktree(ctx, { branch: 'feat/login', base: 'origin/main' });
 */
export async function createWorktree(
  ctx: PlumContext,
  options: CreateOptions,
): Promise<CreateResult> {
  throwIfAborted(ctx, 'before anything was created');
  const cwd = gitCwd(ctx);
  const branch = await validateBranchName(cwd, options.branch);
  if (options.base !== undefined && (options.base === '' || options.base.startsWith('-'))) {
    throw new UsageError(`invalid base: ${options.base}`, {
      hint: 'a base is a branch, tag or commit',
    });
  }
  if (options.path === '') throw new UsageError('--path may not be empty');
  const hooks = options.hooks !== false;
  const progress = options.onProgress ?? ((message: string) => ctx.log(message));

  // Trust comes first: an unapproved repository gets nothing, not even the worktree.
  if (await needsTrust(await ctx.config(), hooks)) {
    await ensureTrusted(ctx, {
      ...(options.yes === undefined ? {} : { yes: options.yes }),
      ...(options.confirm ? { confirm: options.confirm } : {}),
    });
  }
  const { config } = await ctx.config(); // again: a just-approved code config loads now
  const copier =
    options.copy !== false && config.worktrees.copy.length > 0 ? await import('./copy.js') : null;
  copier?.checkCopyGlobs(config.worktrees.copy); // a bad pattern fails before anything is made
  // Likewise a plugin that is missing or fails to load.
  if (config.plugins.length > 0) await (await ctx.plugins()).load();
  const dir = await physicalPath(
    options.path === undefined
      ? worktreeDirFor(ctx, branch, config.worktrees.dir)
      : resolve(resolve(ctx.cwd), options.path),
  );

  const made = await withRepoLock(ctx, async () => {
    const plan = await planCreate(ctx, {
      branch,
      dir,
      base: options.base,
      configBase: config.worktrees.base,
    });
    return runPlan(ctx, plan);
  });

  // The worktree exists: from here on a failure is reported, never rolled back.
  const result: CreateResult = {
    worktree: provisional(made.path, branch),
    copied: [],
    hooksRun: [],
    branchSource: made.branchSource,
    base: made.base,
  };
  try {
    const from = ctx.repo.mainWorktree ?? ctx.repo.currentWorktree;
    if (copier && from !== null) {
      result.copied = await copier.copyIntoWorktree(from, made.path, config.worktrees.copy);
      if (result.copied.length > 0) progress(`copied ${result.copied.join(', ')}`);
    }
    if (hooks && config.hooks.postCreate.length > 0) {
      const { runHooks } = await import('./hooks.js');
      const vars = { path: made.path, name: basename(made.path), branch, base: made.base };
      for (const command of config.hooks.postCreate) {
        await runHooks(ctx, [command], {
          cwd: made.path,
          vars,
          label: 'postCreate',
          log: progress,
        });
        result.hooksRun.push(command);
      }
    }
    result.worktree = await describe(ctx, made.path, branch);
    throwIfAborted(ctx, 'before plugins ran');
    const host = await ctx.plugins();
    // Plugins' lines are steps like the hooks' (after them, in the order things happen).
    const hookContext = await ctx.hookContext({
      branch,
      base: made.base,
      hooks,
      copy: options.copy !== false,
      yes: options.yes ?? false,
    });
    await host.run(
      'worktree:afterCreate',
      { repo: ctx.repo, worktree: result.worktree },
      { ...hookContext, log: progress },
    );
  } catch (error) {
    throw new AfterCreateError(result, error);
  }
  return result;
}

// --- the git step (under the lock) ----------------------------------------------------------------

async function planCreate(
  ctx: PlumContext,
  input: { branch: string; dir: string; base: string | undefined; configBase: string | null },
): Promise<Plan> {
  const { branch, dir } = input;
  const cwd = gitCwd(ctx);
  // Re-read under the lock: another plum may have just created this very worktree.
  const worktrees = await listWorktrees(ctx, { status: false });

  const holder = worktrees.find((w) => w.branch === branch) ?? (await busyWith(worktrees, branch));
  if (holder) {
    throw new RefusedError(
      'ERR_PLUM_BRANCH_CHECKED_OUT',
      `branch ${branch} is already checked out at ${holder.path}`,
      { hint: `use that worktree (plum path ${holder.name}), or create another branch` },
    );
  }
  const registered = worktrees.find((w) => w.path === dir);
  if (registered) {
    throw new RefusedError(
      'ERR_PLUM_PATH_EXISTS',
      `${dir} is already a worktree (${registered.branch ?? 'detached'})${registered.prunable ? ' whose directory is gone' : ''}`,
      {
        hint: registered.prunable
          ? 'plum prune drops it'
          : 'pass --path <dir> to put this one elsewhere',
      },
    );
  }
  if (await exists(dir)) {
    throw new RefusedError('ERR_PLUM_PATH_EXISTS', `${dir} already exists`, {
      hint: 'move it away, or pass --path <dir>',
    });
  }

  const localOid = await resolveRef(cwd, `refs/heads/${branch}`);
  if (localOid !== null) {
    if (input.base !== undefined) {
      throw new UsageError(`branch ${branch} already exists; --base applies to a new branch only`, {
        hint: `omit --base to check out ${branch}`,
      });
    }
    return {
      branch,
      dir,
      args: ['worktree', 'add', '--quiet', '--', dir, branch],
      branchSource: 'local',
      base: null,
      startOid: localOid,
      createsBranch: false,
    };
  }

  const remotes = await remotesWithBranch(cwd, branch);
  const tracked =
    input.base !== undefined
      ? remotes.find((remote) => remote === input.base || `refs/remotes/${remote}` === input.base)
      : remotes.length === 1
        ? remotes[0]
        : undefined;
  if (input.base === undefined && remotes.length > 1) {
    throw new UsageError(
      `branch ${branch} exists on ${remotes.length} remotes: ${remotes.join(', ')}`,
      {
        hint: `say which one to track: --base ${remotes[0]}`,
      },
    );
  }
  if (tracked !== undefined) {
    // The full ref: a local branch named "origin/feat" must not shadow the remote one.
    const ref = `refs/remotes/${tracked}`;
    const oid = await resolveRef(cwd, ref);
    if (oid === null) throw baseNotFound(tracked);
    return {
      branch,
      dir,
      args: ['worktree', 'add', '--quiet', '--track', '-b', branch, '--', dir, ref],
      branchSource: 'remote',
      base: tracked,
      startOid: oid,
      createsBranch: true,
    };
  }

  const base = input.base ?? input.configBase ?? (await defaultRemoteBranch(cwd)) ?? 'HEAD';
  const oid = await resolveRef(cwd, base);
  if (oid === null) throw baseNotFound(base);
  return {
    branch,
    dir,
    // The resolved commit, not the name: what git checks out is exactly what rollback compares
    // against, and a feature branch does not silently start tracking origin/main.
    args: ['worktree', 'add', '--quiet', '--no-track', '-b', branch, '--', dir, oid],
    branchSource: 'new',
    base,
    startOid: oid,
    createsBranch: true,
  };
}

async function runPlan(ctx: PlumContext, plan: Plan): Promise<Made> {
  const cwd = gitCwd(ctx);
  const firstNew = await firstMissing(plan.dir);
  throwIfAborted(ctx, 'before git ran');
  let result: SpawnResult | undefined;
  let failure: unknown;
  try {
    result = await git(cwd).probe(plan.args);
  } catch (error) {
    failure = error;
  }
  const interrupted = ctx.signal?.aborted === true;
  if (result?.exitCode === 0 && !interrupted) {
    return { path: plan.dir, branchSource: plan.branchSource, base: plan.base };
  }

  // Another process created the branch between our check and `-b`: it is not ours to delete.
  const branchWasTaken =
    result !== undefined && /a branch named .* already exists/.test(result.stderr);
  const undone = await rollback(ctx, plan, firstNew, plan.createsBranch && !branchWasTaken);
  const details = undone.map((line) => `rolled back: ${line}`);
  if (interrupted) throw new InterruptedError('interrupted', { details });
  if (failure !== undefined) {
    if (isPlumError(failure)) throw withDetails(failure, details);
    throw failure instanceof Error ? failure : new Error('unexpected failure', { cause: failure });
  }
  const said =
    result!.stderr
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '' && !line.startsWith('Preparing worktree')) ?? '';
  throw new GitError(
    'ERR_PLUM_CREATE_FAILED',
    `git worktree add failed: ${said.replace(/^(fatal|error): /, '') || `exit ${result!.exitCode ?? result!.signal}`}`,
    result!.command,
    result!.exitCode,
    result!.stderr,
    { details },
  );
}

/**
 * Undoes what this run's `git worktree add` left: the worktree (only while it still is the fresh
 * checkout), directories it created, and the branch it created (only while it still points at the
 * start commit). Returns what it did, and what it left and why.
 */
async function rollback(
  ctx: PlumContext,
  plan: Plan,
  firstNew: string | null,
  ownsBranch: boolean,
): Promise<string[]> {
  const cwd = gitCwd(ctx);
  const g = git(cwd);
  const done: string[] = [];
  const listed = (await listWorktrees(ctx, { status: false })).find((w) => w.path === plan.dir);
  if (listed) {
    const present = await exists(plan.dir);
    if (!present || (await isFreshCheckout(plan.dir, plan.startOid))) {
      const removed = await g.probe(['worktree', 'remove', '--force', '--', plan.dir]);
      done.push(
        removed.exitCode === 0
          ? `worktree ${plan.dir} removed`
          : `could not remove worktree ${plan.dir}: ${removed.stderr.trim()}`,
      );
    } else {
      done.push(`kept ${plan.dir}: it no longer looks like a fresh checkout`);
    }
  }
  if (firstNew !== null) {
    // Empty directories this run created (git creates the leading ones), innermost first.
    for (let d = plan.dir; ; d = dirname(d)) {
      if (
        !(await rmdir(d).then(
          () => true,
          () => false,
        ))
      ) {
        if (await exists(d)) break;
      }
      if (d === firstNew || dirname(d) === d) break;
    }
  }
  if (ownsBranch) {
    const now = await resolveRef(cwd, `refs/heads/${plan.branch}`).catch(() => null);
    if (now === plan.startOid) {
      const deleted = await g.probe(['branch', '--quiet', '-D', '--', plan.branch]);
      done.push(
        deleted.exitCode === 0
          ? `branch ${plan.branch} deleted`
          : `could not delete branch ${plan.branch}: ${deleted.stderr.trim()}`,
      );
    } else if (now !== null) {
      done.push(`kept branch ${plan.branch}: it moved since this run created it`);
    }
  }
  return done;
}

async function isFreshCheckout(dir: string, startOid: string): Promise<boolean> {
  try {
    const status = await getStatus(dir);
    return !status.dirty && status.untracked === 0 && status.branch.oid === startOid;
  } catch {
    return false;
  }
}

// --- checks ---------------------------------------------------------------------------------------

async function needsTrust(resolved: ResolvedConfig, hooks: boolean): Promise<boolean> {
  const { repoCommands } = await import('@plumpots/core/config');
  // An unapproved JS/TS config is not loaded, so its hooks are unknown: approval first, never defaults.
  if (hasPendingCodeConfig(resolved)) return true;
  return repoCommands(resolved).some(
    (entry) => entry.kind === 'plugin' || (hooks && entry.key.startsWith('hooks.postCreate.')),
  );
}

/**
 * A worktree where `branch` is being rebased or bisected: listed as detached, yet git still
 * counts the branch as checked out there.
 */
async function busyWith(
  worktrees: readonly Worktree[],
  branch: string,
): Promise<Worktree | undefined> {
  for (const w of worktrees) {
    if (!w.detached || w.prunable) continue;
    const gitDir = await worktreeGitDir(w.path);
    if (gitDir === null) continue;
    for (const file of ['rebase-merge/head-name', 'rebase-apply/head-name']) {
      const head = await readTrimmed(join(gitDir, file));
      if (head === `refs/heads/${branch}`) return w;
    }
    const bisected = await readTrimmed(join(gitDir, 'BISECT_START'));
    if (bisected === branch || bisected === `refs/heads/${branch}`) return w;
  }
  return undefined;
}

async function worktreeGitDir(worktree: string): Promise<string | null> {
  const dotGit = join(worktree, '.git');
  try {
    if ((await stat(dotGit)).isDirectory()) return dotGit;
    const match = /^gitdir: (.*)$/m.exec(await readFile(dotGit, 'utf8'));
    if (!match?.[1]) return null;
    return isAbsolute(match[1]) ? match[1] : resolve(worktree, match[1]);
  } catch {
    return null;
  }
}

async function readTrimmed(file: string): Promise<string | null> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return null;
  }
}

// --- helpers --------------------------------------------------------------------------------------

async function describe(ctx: PlumContext, path: string, branch: string): Promise<Worktree> {
  const found = (await listWorktrees(ctx, { status: false })).find((w) => w.path === path);
  return withStatus(found ?? provisional(path, branch));
}

function provisional(path: string, branch: string): Worktree {
  return {
    name: basename(path),
    path,
    branch,
    head: null,
    isMain: false,
    isCurrent: false,
    detached: false,
    locked: false,
    lockReason: null,
    prunable: false,
    dirty: null,
    untracked: null,
    ahead: null,
    behind: null,
    upstream: null,
  };
}

/** `path` with its existing part resolved to the physical directory git will record. */
async function physicalPath(path: string): Promise<string> {
  const rest: string[] = [];
  let probe = path;
  for (;;) {
    try {
      return join(await realpath(probe), ...rest.reverse());
    } catch {
      const parent = dirname(probe);
      if (parent === probe) return path;
      rest.push(basename(probe));
      probe = parent;
    }
  }
}

/** The outermost ancestor of `path` (itself included) that does not exist yet, or null. */
async function firstMissing(path: string): Promise<string | null> {
  let missing: string | null = null;
  for (let d = path; ; d = dirname(d)) {
    if (await exists(d)) return missing;
    missing = d;
    if (dirname(d) === d) return missing;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path); // a dangling symlink is in the way too
    return true;
  } catch {
    return false;
  }
}

function throwIfAborted(ctx: PlumContext, when: string): void {
  if (ctx.signal?.aborted) throw new InterruptedError(`interrupted ${when}`);
}

function baseNotFound(base: string): NotFoundError {
  return new NotFoundError('ERR_PLUM_BASE_NOT_FOUND', `base ${base} names no commit`, {
    hint: 'pass --base <branch|tag|commit> (git fetch first for a remote branch)',
  });
}

function withDetails(error: PlumError, details: string[]): PlumError {
  if (details.length === 0) return error;
  return new PlumError(error.code, error.message, error.exitCode, {
    details: [...error.details, ...details],
    hint: error.hint,
    cause: error,
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
