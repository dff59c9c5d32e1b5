// `plum remove`: removes worktrees only when nothing would be lost (or with --force), under the
// repository lock, checking again after plugins and hooks ran; deletes a branch only when its work
// is merged into the base (squash merges included) or pushed to its upstream.
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  currentBranch,
  defaultRemoteBranch,
  git,
  InterruptedError,
  isAncestor,
  isMergedInto,
  isPlumError,
  PlumError,
  RefusedError,
  upstreamOf,
  UsageError,
  type HookContext,
  type PluginHost,
  isDirectory,
  mapLimit,
} from '@plumpots/core';
import type { PlumContext } from './context.js';
import { gitCwd, listWorktrees } from './list.js';
import { withRepoLock } from './lock.js';
import { findWorktree } from './resolve.js';
import {
  assessRemoval,
  checkConcurrency,
  formatRisks,
  type RemovalRisk,
  type RemovalRiskKind,
} from './safety.js';
import { ensureTrusted, hasPendingCodeConfig, type EnsureTrustedOptions } from './trust.js';
import type { Worktree } from './types.js';

export interface RemoveOptions {
  /** Remove even when work would be lost (modified, untracked or ignored files, orphan commits,
   *  an operation in progress, submodules, a lock) and delete unmerged branches. Never the main worktree. */
  force?: boolean;
  /** Also delete each worktree's branch, when merged into the base or pushed to its upstream. */
  deleteBranch?: boolean;
  /** Change nothing; report what would be removed and what would refuse. */
  dryRun?: boolean;
  /** Do not ask `confirm`. */
  yes?: boolean;
  /** Tells plugins (pots) to also stop processes they did not start that work inside the
   *  worktree; without it they refuse (exit 4). `force` implies it. */
  reapAll?: boolean;
  /** Asked once, after the checks passed and before anything changes, with the dry-run results
   *  of what is about to happen. Without it (or with `yes`) nothing is asked. */
  confirm?: (plan: readonly RemoveResult[]) => boolean | Promise<boolean>;
  /** Asked when the repository's config would run plugins or `hooks.preRemove` not yet trusted;
   *  without it an untrusted repository fails closed (exit 4). See ensureTrusted. */
  confirmTrust?: EnsureTrustedOptions['confirm'];
}

/** What happened to one worktree (the `--json` contract: add fields, never rename). */
export interface RemoveResult {
  name: string;
  path: string;
  branch: string | null;
  /** The worktree is gone (always false in a dry run). */
  removed: boolean;
  /** Its branch was deleted (always false in a dry run). */
  branchDeleted: boolean;
  /** With --delete-branch: what happens (or in a dry run would happen) to the branch; null
   *  without the flag or for a detached worktree. */
  branchAction: 'delete' | 'keep' | null;
  /** Why the branch is deleted or kept, e.g. "squash-merged into main"; null like branchAction. */
  branchReason: string | null;
  /** What removing it loses: with --force, what was discarded. */
  risks: RemovalRisk[];
  /** This worktree stops the removal. Only dry runs report it: a real run throws instead. */
  refused: boolean;
  dryRun: boolean;
}

/** A worktree about to be removed (internal to remove and prune). */
export interface RemovalTarget {
  worktree: Worktree;
  /** From assessRemoval, plus an unmerged branch's risk. */
  risks: RemovalRisk[];
  branch: BranchPlan | null;
}

/** What happens to a target's branch with --delete-branch (or prune --merged). */
export interface BranchPlan {
  name: string;
  delete: boolean;
  reason: string;
}

/**
 * Removes the worktrees `queries` name (names, branches or paths). Resolves every name first
 * (unknown: NotFoundError, exit 3, nothing changed); then, holding the repository lock, refuses with
 * RefusedError ERR_PLUM_WOULD_LOSE_WORK (exit 4, changing nothing; `details` list every file,
 * commit and operation at risk) unless `force`; the main worktree is refused even with `force`
 * (ERR_PLUM_MAIN_WORKTREE). Fires `worktree:beforeRemove`, runs `hooks.preRemove`, checks again,
 * runs `git worktree remove`, deletes branches, fires `worktree:afterRemove`. A dry run returns
 * the plan (with `refused` set) and changes nothing. A `confirm` answered no returns results with
 * nothing removed. Git processes: one listing, then per worktree about one `status` (see
 * assessRemoval), twice (before and after hooks), one `worktree remove`, and with `deleteBranch` up
 * to 7 to decide about its branch plus one `branch -D`.
 * @example
 * const [result] = await removeWorktrees(ctx, ['feat/login'], { deleteBranch: true, yes: true });
 * result.removed // true; result.branchReason // "squash-merged into main"
 */
export async function removeWorktrees(
  ctx: PlumContext,
  queries: readonly string[],
  options: RemoveOptions = {},
): Promise<RemoveResult[]> {
  if (queries.length === 0) throw missingTarget(ctx);
  const force = options.force === true;
  if (options.dryRun) {
    const targets = await planRemoval(ctx, queries, options);
    return targets.map((t) => toResult(t, { dryRun: true, refused: blocks(t, force) }));
  }

  await ensureRemovalTrusted(ctx, options.confirmTrust);
  let confirmed: Set<string> | undefined;
  if (!options.yes && options.confirm) {
    // Ask before taking the lock, so that a pondering user does not block other plum runs.
    const targets = await planRemoval(ctx, queries, options);
    assertNothingLost(targets, force);
    const plan = targets.map((t) => toResult(t, { dryRun: true, refused: false }));
    if (!(await options.confirm(plan))) {
      return plan.map((result) => ({ ...result, dryRun: false }));
    }
    confirmed = new Set(targets.map((t) => t.worktree.path));
  }

  return withRepoLock(ctx, async () => {
    // Re-read everything: another process may have changed the worktrees since.
    const targets = await planRemoval(ctx, queries, options);
    if (confirmed && !samePaths(targets, confirmed)) {
      throw new RefusedError(
        'ERR_PLUM_WORKTREES_CHANGED',
        'the worktrees changed while you were answering; nothing was removed',
        { hint: 'run the command again' },
      );
    }
    assertNothingLost(targets, force);
    return executeRemovals(ctx, targets, {
      force,
      hookOptions: {
        force,
        deleteBranch: options.deleteBranch === true,
        yes: true,
        reapAll: force || options.reapAll === true,
      },
    });
  });
}

/**
 * The RefusedError (exit 4) a set of results calls for, or null when none is refused: what the
 * CLI throws after printing a dry run, and what a real run throws before changing anything.
 * @example const error = removalRefusal(await removeWorktrees(ctx, names, { dryRun: true })); if (error) throw error;
 */
export function removalRefusal(
  results: readonly Pick<RemoveResult, 'name' | 'path' | 'risks' | 'refused'>[],
): RefusedError | null {
  const refused = results.filter((r) => r.refused);
  if (refused.length === 0) return null;
  const main = refused.find((r) => r.risks.some((risk) => risk.kind === 'main'));
  if (main) {
    return new RefusedError(
      'ERR_PLUM_MAIN_WORKTREE',
      `refusing to remove the main worktree ${main.path}`,
      { hint: 'the main worktree holds the repository; name a linked worktree (see plum list)' },
    );
  }
  const details = refused.flatMap((r) => [
    `${r.name} (${r.path}):`,
    ...formatRisks(r.risks).map((line) => `  ${line}`),
  ]);
  const names = refused.map((r) => r.name).join(', ');
  return new RefusedError(
    'ERR_PLUM_WOULD_LOSE_WORK',
    `refusing to remove ${names}: ${refused.length === 1 ? 'it holds' : 'they hold'} work that would be lost; nothing was removed`,
    { details, hint: refusalHint(refused.flatMap((r) => r.risks)) },
  );
}

/**
 * The branch a merged branch is compared with: config `worktrees.base`, else the remote's default
 * branch (`origin/HEAD`), else the main worktree's branch (its HEAD when detached).
 * @example await defaultBase(ctx, worktrees) // "origin/main"
 */
export async function defaultBase(
  ctx: PlumContext,
  worktrees: readonly Worktree[],
): Promise<string> {
  const { config } = await ctx.config();
  if (config.worktrees.base) return config.worktrees.base;
  const cwd = gitCwd(ctx);
  const remote = await defaultRemoteBranch(cwd);
  if (remote) return remote;
  const main = worktrees.find((w) => w.isMain);
  if (main) return main.branch ?? main.head ?? 'HEAD';
  // Bare layout: the bare repository's HEAD.
  return (await currentBranch(ctx.repo.commonDir)) ?? 'HEAD';
}

/**
 * Decides about `worktree`'s branch: delete it when merged into `base` (also squash-merged) or when
 * its tip is on its upstream; otherwise keep it and return the commits that deleting would lose as
 * a risk (deleted anyway with `force`). Never the base branch or a branch checked out elsewhere.
 */
export async function planBranch(
  ctx: PlumContext,
  worktree: Worktree,
  worktrees: readonly Worktree[],
  base: string,
  force: boolean,
): Promise<{ plan: BranchPlan | null; risk: RemovalRisk | null }> {
  const name = worktree.branch;
  if (name === null) return { plan: null, risk: null };
  if (isBaseBranch(name, base)) {
    return { plan: { name, delete: false, reason: `kept: it is the base branch` }, risk: null };
  }
  const elsewhere = worktrees.find((w) => w.path !== worktree.path && w.branch === name);
  if (elsewhere) {
    return {
      plan: { name, delete: false, reason: `kept: also checked out in ${elsewhere.path}` },
      risk: null,
    };
  }
  const cwd = gitCwd(ctx);
  const ref = `refs/heads/${name}`;
  const merged = await isMergedInto(cwd, ref, base);
  if (merged.merged) {
    const how = merged.how === 'ancestor' ? 'merged' : 'squash-merged';
    return { plan: { name, delete: true, reason: `${how} into ${base}` }, risk: null };
  }
  const upstream = await upstreamOf(cwd, name);
  // A gone upstream (deleted on the remote) makes git fail here: that is "not pushed" too.
  const pushed = upstream === null ? null : await isAncestor(cwd, ref, upstream).catch(() => null);
  if (pushed) {
    return { plan: { name, delete: true, reason: `pushed to ${upstream}` }, risk: null };
  }
  const exclude = [`^${base}`, ...(pushed === false ? [`^${upstream}`] : [])];
  const out = await git(cwd).run([
    'log',
    '--max-count=101',
    '--format=%H%x00%s',
    '--end-of-options',
    ref,
    ...exclude,
  ]);
  const rows = out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\0') as [string, string]);
  const shown = rows.slice(0, 100);
  const many = rows.length > 100 ? 'more than 100' : String(rows.length);
  const where =
    upstream === null
      ? ' (no upstream)'
      : pushed === false
        ? ` to ${upstream}`
        : ` (its upstream ${upstream} is gone)`;
  const what = `neither merged into ${base} nor pushed${where}`;
  const risk: RemovalRisk = {
    kind: 'unmerged-branch',
    message: `branch ${name} has ${many} commit${rows.length === 1 ? '' : 's'} ${what}`,
    commits: shown.map(([sha]) => sha),
    subjects: shown.map(([, subject]) => subject),
  };
  const reason = force ? `forced: ${what}` : what;
  return { plan: { name, delete: force, reason }, risk };
}

/**
 * Fires the hooks and removes `targets` (already checked and, unless `force`, free of risks):
 * `worktree:beforeRemove` for every target, `hooks.preRemove` in each, a second assessment
 * (refusing on anything new unless `force`), `git worktree remove`, `git branch -D` where planned,
 * then `worktree:afterRemove` for every removed one. Call it holding the repository lock.
 */
export async function executeRemovals(
  ctx: PlumContext,
  targets: readonly RemovalTarget[],
  options: { force: boolean; hookOptions: Record<string, unknown> },
): Promise<RemoveResult[]> {
  if (targets.length === 0) return [];
  const { config } = await ctx.config();
  const host = await ctx.plugins();
  const hookContext = await ctx.hookContext(options.hookOptions);
  for (const target of targets) {
    throwIfAborted(ctx, []);
    await host.run(
      'worktree:beforeRemove',
      { repo: ctx.repo, worktree: target.worktree },
      hookContext,
    );
  }
  for (const { worktree } of targets) {
    // A gone directory (deleted, or a locked worktree's unmounted drive) has nowhere to run them.
    if (config.hooks.preRemove.length === 0 || !(await isDirectory(worktree.path))) continue;
    // Lazy: hooks pull in execa, which no other part of remove needs.
    const { runHooks } = await import('./hooks.js');
    await runHooks(ctx, config.hooks.preRemove, {
      cwd: worktree.path,
      vars: { path: worktree.path, name: worktree.name, branch: worktree.branch },
      label: 'preRemove',
    });
  }

  // Plugins and hooks may have stopped processes that were still writing: look again.
  const disposable = config.worktrees.disposable;
  const rechecked = await mapLimit(targets, checkConcurrency(), async (target) => {
    const branchRisks = target.risks.filter((risk) => risk.kind === 'unmerged-branch');
    const risks = await assessRemoval(ctx, target.worktree, { disposable });
    return { ...target, risks: [...risks, ...branchRisks] };
  });
  if (!options.force) {
    const error = removalRefusal(
      rechecked.map((t) => toResult(t, { dryRun: false, refused: t.risks.length > 0 })),
    );
    if (error) {
      throw new RefusedError(error.code, `${error.message} (found after plugins and hooks ran)`, {
        details: error.details,
        hint: error.hint,
      });
    }
  }

  const results: RemoveResult[] = [];
  const removed: Worktree[] = [];
  const leftovers: Leftover[] = [];
  const repoGit = git(gitCwd(ctx));
  for (const target of rechecked) {
    throwIfAborted(ctx, results);
    let trash: { path: string; error: string } | null;
    try {
      trash = await removeWorktreeDir(repoGit, target);
    } catch (error) {
      throw withProgress(error, results);
    }
    const result = toResult(target, { dryRun: false, refused: false });
    result.removed = true;
    if (trash !== null) leftovers.push({ name: target.worktree.name, ...trash });
    results.push(result);
    removed.push(target.worktree);
    if (target.branch?.delete) {
      try {
        await repoGit.run(['branch', '-D', '--', target.branch.name]);
      } catch (error) {
        throw withProgress(error, results);
      }
      result.branchDeleted = true;
    }
  }
  await afterRemove(ctx, host, hookContext, removed, results);
  if (leftovers.length > 0) throw leftoversError(leftovers, results);
  return results;
}

interface Leftover {
  name: string;
  path: string;
  error: string;
}

/**
 * Removes a worktree all-or-nothing from the user's view: its directory is first renamed aside
 * (a sibling on the same filesystem: atomic), then git forgets it (`git worktree remove` of the now
 * missing path), then the moved copy is deleted. A rename that fails changes nothing; a delete that
 * fails leaves the worktree removed (the path is free, git consistent) and returns where the
 * leftovers are. A directory already gone is only deregistered.
 */
async function removeWorktreeDir(
  repoGit: ReturnType<typeof git>,
  target: RemovalTarget,
): Promise<{ path: string; error: string } | null> {
  const path = target.worktree.path;
  if (!(await isDirectory(path))) {
    await repoGit.run(worktreeRemoveArgs(target));
    return null;
  }
  const aside = join(dirname(path), `.${basename(path)}.plum-removing-${process.pid}`);
  try {
    await rename(path, aside);
  } catch (error) {
    throw new PlumError(
      'ERR_PLUM_REMOVE_FAILED',
      `cannot remove ${path}: moving it aside failed (${(error as Error).message}); nothing was removed`,
      1,
      { hint: 'check the permissions of the directory and of its parent', cause: error },
    );
  }
  try {
    await repoGit.run(worktreeRemoveArgs(target));
  } catch (error) {
    // git refused: put the directory back, as it was.
    await rename(aside, path).catch(() => undefined);
    throw error;
  }
  try {
    await rm(aside, { recursive: true, force: true, maxRetries: 2 });
    return null;
  } catch (error) {
    return { path: aside, error: (error as Error).message };
  }
}

function leftoversError(leftovers: readonly Leftover[], done: readonly RemoveResult[]): PlumError {
  const details = [
    ...progressLines(done),
    ...leftovers.map((l) => `left over: ${l.path} (${l.error})`),
  ];
  const paths = leftovers.map((l) => l.path);
  return new PlumError(
    'ERR_PLUM_LEFTOVERS',
    `removed ${leftovers.map((l) => l.name).join(', ')}, but could not delete everything: the rest is in ${paths.join(', ')}`,
    1,
    {
      details,
      hint: `git and the worktree paths are consistent; delete the rest with: rm -rf ${paths.join(' ')} (an immutable file needs chattr -i first, a read-only directory chmod u+w)`,
    },
  );
}

/** Lists, resolves and checks the targets; the branch decisions too with `deleteBranch`. */
async function planRemoval(
  ctx: PlumContext,
  queries: readonly string[],
  options: RemoveOptions,
): Promise<RemovalTarget[]> {
  const worktrees = await listWorktrees(ctx, { status: false });
  const targets: Worktree[] = [];
  for (const query of queries) {
    const found = findWorktree(worktrees, query, ctx.cwd);
    if (!targets.some((t) => t.path === found.path)) targets.push(found);
  }
  const current = targets.find((t) => t.isCurrent && !t.isMain);
  if (current) throw removingCurrent(current);
  const { config } = await ctx.config();
  const disposable = config.worktrees.disposable;
  const base = options.deleteBranch ? await defaultBase(ctx, worktrees) : null;
  const force = options.force === true;
  return mapLimit(targets, checkConcurrency(), async (worktree) => {
    const [risks, branch] = await Promise.all([
      assessRemoval(ctx, worktree, { disposable }),
      base === null || worktree.isMain
        ? { plan: null, risk: null }
        : planBranch(ctx, worktree, worktrees, base, force),
    ]);
    return {
      worktree,
      risks: branch.risk ? [...risks, branch.risk] : risks,
      branch: branch.plan,
    };
  });
}

/** A target stops the removal: the main worktree always, anything at risk without --force. */
function blocks(target: RemovalTarget, force: boolean): boolean {
  if (target.worktree.isMain) return true;
  return !force && target.risks.length > 0;
}

function assertNothingLost(targets: readonly RemovalTarget[], force: boolean): void {
  const error = removalRefusal(
    targets.map((t) => toResult(t, { dryRun: false, refused: blocks(t, force) })),
  );
  if (error) throw error;
}

export function toResult(
  target: RemovalTarget,
  flags: { dryRun: boolean; refused: boolean },
): RemoveResult {
  const { worktree } = target;
  return {
    name: worktree.name,
    path: worktree.path,
    branch: worktree.branch,
    removed: false,
    branchDeleted: false,
    branchAction: target.branch ? (target.branch.delete ? 'delete' : 'keep') : null,
    branchReason: target.branch?.reason ?? null,
    risks: target.risks,
    refused: flags.refused,
    dryRun: flags.dryRun,
  };
}

const GIT_REFUSES: readonly RemovalRiskKind[] = [
  'modified',
  'untracked',
  'in-progress',
  'submodules',
];
const UNCOMMITTED: readonly RemovalRiskKind[] = [...GIT_REFUSES, 'ignored'];

// git refuses modified/untracked files and submodules without --force, and a lock without two.
// Without risks plum passes no --force at all, so git's own check stays a second line of defence.
function worktreeRemoveArgs(target: RemovalTarget): string[] {
  const kinds = new Set(target.risks.map((risk) => risk.kind));
  const args = ['worktree', 'remove'];
  if (kinds.has('locked')) args.push('--force', '--force');
  else if (GIT_REFUSES.some((kind) => kinds.has(kind))) args.push('--force');
  return [...args, '--', target.worktree.path];
}

async function afterRemove(
  ctx: PlumContext,
  host: PluginHost,
  hookContext: HookContext,
  removed: readonly Worktree[],
  results: readonly RemoveResult[],
): Promise<void> {
  for (const worktree of removed) {
    try {
      await host.run('worktree:afterRemove', { repo: ctx.repo, worktree }, hookContext);
    } catch (error) {
      throw withProgress(error, results);
    }
  }
}

/**
 * Whether `branch` is the base itself, or the local branch the remote base tracks (`main` for
 * `origin/main`): neither remove --delete-branch nor prune --merged deletes it.
 * @example isBaseBranch('main', 'origin/main') // true
 */
export function isBaseBranch(branch: string, base: string): boolean {
  const short = base.replace(/^refs\/(heads|remotes)\//, '');
  return short === branch || short.endsWith(`/${branch}`);
}

/** Approves (or refuses) what the repository's config would run during a removal. */
export async function ensureRemovalTrusted(
  ctx: PlumContext,
  confirm: EnsureTrustedOptions['confirm'],
): Promise<void> {
  const resolved = await ctx.config();
  const { repoCommands } = await import('@plumpots/core/config');
  // Only what remove runs needs approving: a repository's postCreate hooks must not block removal.
  const runs =
    hasPendingCodeConfig(resolved) ||
    repoCommands(resolved).some(
      (command) => command.kind === 'plugin' || command.key.startsWith('hooks.preRemove.'),
    );
  if (runs) await ensureTrusted(ctx, confirm ? { confirm } : {});
}

function throwIfAborted(ctx: PlumContext, done: readonly RemoveResult[]): void {
  if (!ctx.signal?.aborted) return;
  throw new InterruptedError(
    done.length === 0 ? 'interrupted: nothing was removed' : 'interrupted',
    { details: progressLines(done) },
  );
}

/** The error, with the worktrees already removed listed first (a half-done run is never silent). */
function withProgress(error: unknown, done: readonly RemoveResult[]): unknown {
  if (done.length === 0 || !isPlumError(error)) return error;
  return new PlumError(error.code, error.message, error.exitCode, {
    details: [...progressLines(done), ...error.details],
    hint: error.hint,
    cause: error,
  });
}

function progressLines(done: readonly RemoveResult[]): string[] {
  return done.map(
    (r) =>
      `already removed: ${r.name} (${r.path})${r.branchDeleted ? `, branch ${r.branch} deleted` : ''}`,
  );
}

function refusalHint(risks: readonly RemovalRisk[]): string {
  const kinds = new Set(risks.map((risk) => risk.kind));
  const steps: string[] = [];
  if (UNCOMMITTED.some((kind) => kinds.has(kind))) {
    steps.push('commit or stash it (or copy what you need elsewhere)');
  }
  if (kinds.has('unreachable-commits'))
    steps.push('put a branch on the commits (git branch <name> <sha>)');
  if (kinds.has('unmerged-branch'))
    steps.push('merge or push the branch (or drop --delete-branch)');
  if (kinds.has('locked')) steps.push('unlock it (git worktree unlock <path>)');
  if (kinds.has('moved'))
    steps.push('reconnect the moved directory (git worktree repair <new path>)');
  if (kinds.has('staged')) steps.push('find the moved directory and run git worktree repair in it');
  return `${steps.join('; ')}, or pass --force`;
}

function samePaths(targets: readonly RemovalTarget[], paths: ReadonlySet<string>): boolean {
  return targets.length === paths.size && targets.every((t) => paths.has(t.worktree.path));
}

function missingTarget(ctx: PlumContext): UsageError {
  const { currentWorktree, mainWorktree } = ctx.repo;
  if (currentWorktree !== null && currentWorktree !== mainWorktree) {
    return new UsageError(
      'removeWorktrees cannot remove the worktree you are in: use removeSelf (`plum remove` with no name), or run `plum remove <name>` from the main worktree',
      { hint: mainWorktree ? `cd ${mainWorktree}` : undefined },
      'ERR_PLUM_REMOVE_CURRENT',
    );
  }
  return new UsageError(
    'missing argument: which worktree to remove?',
    { hint: 'plum remove <name> (names: plum list)' },
    'ERR_USAGE_MISSING_ARGUMENT',
  );
}

function removingCurrent(worktree: Worktree): UsageError {
  return new UsageError(
    `${worktree.name} is the worktree you are in: run \`plum remove\` with no name (it hands the removal to the main worktree), or \`plum remove ${worktree.name}\` from the main worktree`,
    { hint: 'cd to the main worktree first (or pass -C <main worktree>)' },
    'ERR_PLUM_REMOVE_CURRENT',
  );
}
