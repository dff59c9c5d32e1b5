// `plum prune`: forgets worktrees whose directory is gone and, with --merged, removes clean
// worktrees whose branch is merged into the base (squash merges included), with remove's checks.
import { stat } from 'node:fs/promises';
import { git, isMergedInto, NotFoundError, resolveRef } from '@plumpots/core';
import type { PlumContext } from './context.js';
import { gitCwd, listWorktrees } from './list.js';
import { withRepoLock } from './lock.js';
import {
  defaultBase,
  ensureRemovalTrusted,
  executeRemovals,
  isBaseBranch,
  toResult,
  type RemovalTarget,
  type RemoveResult,
} from './remove.js';
import { assessRemoval, checkConcurrency, mapLimit, type RemovalRisk } from './safety.js';
import type { EnsureTrustedOptions } from './trust.js';
import type { Worktree } from './types.js';

export interface PruneOptions {
  /** Also remove clean worktrees whose branch is merged into the base (and delete the branch). */
  merged?: boolean;
  /** The base for `merged` (default: config `worktrees.base`, else `origin/HEAD`, else the main
   *  worktree's branch). */
  base?: string;
  /** Change nothing; report what would be pruned, removed and skipped. */
  dryRun?: boolean;
  /** Do not ask `confirm`. */
  yes?: boolean;
  /**
   * With `merged`: also remove a merged worktree with live processes inside, or whose branch has no
   * commit of its own (created and never committed to, so "merged" by accident). Work at risk
   * still keeps a worktree.
   */
  force?: boolean;
  /** Asked once before merged worktrees are removed (not for gone directories, which lose
   *  nothing), with the dry-run result. Without it (or with `yes`) nothing is asked. */
  confirm?: (plan: PruneResult) => boolean | Promise<boolean>;
  /** See RemoveOptions.confirmTrust. */
  confirmTrust?: EnsureTrustedOptions['confirm'];
}

export type PruneSkipReason =
  /** The directory is gone but the worktree is locked (e.g. on an unmounted drive). */
  | 'locked'
  /** Removing it would lose work (see `risks`). */
  | 'at-risk'
  /** The worktree plum runs in. */
  | 'current'
  /** Detached HEAD: no branch to compare with the base. */
  | 'detached'
  /** Its branch is the base itself. */
  | 'base-branch'
  /** Its branch has work that is not in the base. */
  | 'not-merged'
  /** Processes work inside it (an agent, a dev server, an editor): --force removes it anyway. */
  | 'live-processes'
  /** Its branch never had a commit of its own (just created, e.g. for an agent that has not
   *  written anything yet): "merged" only by accident. --force removes it anyway. */
  | 'no-own-commits';

/** A worktree prune left alone, and why. */
export interface PruneSkip {
  name: string;
  path: string;
  branch: string | null;
  reason: PruneSkipReason;
  message: string;
  risks: RemovalRisk[];
}

/** What `plum prune` did (the `--json` contract: add fields, never rename). */
export interface PruneResult {
  dryRun: boolean;
  /** The base merged branches were compared with; null without `merged`. */
  base: string | null;
  /** Worktrees whose directory was gone: their entries were dropped (or would be). */
  pruned: RemoveResult[];
  /** Merged, clean worktrees removed with their branch (or that would be). */
  removed: RemoveResult[];
  skipped: PruneSkip[];
}

/**
 * Drops the entries of worktrees whose directory is gone (never a locked one, nor one whose
 * detached HEAD holds commits no ref reaches), and with `merged` removes every linked worktree —
 * not the main one, not the current one — whose branch is merged into the base (also
 * squash-merged) and that has nothing at risk (see assessRemoval), deleting its branch too; the
 * others are listed in `skipped` with the reason. Fires the same plugin hooks as remove, under the
 * repository lock. Git processes: one listing; per gone entry none (or one rev-list when
 * detached) plus one `worktree remove`; with `merged`, per linked worktree at most 5 to compare
 * with the base and, when merged, about one `status`, then one `worktree remove` and one `branch -D`.
 * @example
 * const { pruned, removed, skipped } = await pruneWorktrees(ctx, { merged: true, yes: true });
 */
export async function pruneWorktrees(
  ctx: PlumContext,
  options: PruneOptions = {},
): Promise<PruneResult> {
  if (options.dryRun) return resultOf(await planPrune(ctx, options), true);

  let confirmed: Set<string> | undefined;
  const first = await planPrune(ctx, options);
  // Nothing to do: no lock, no second look.
  if (first.gone.length + first.merged.length === 0) return resultOf(first, false);
  await ensureRemovalTrusted(ctx, options.confirmTrust);
  if (first.merged.length > 0 && !options.yes && options.confirm) {
    if (!(await options.confirm(resultOf(first, true)))) {
      return resultOf({ ...first, gone: [], merged: [] }, false);
    }
    confirmed = new Set(first.merged.map((t) => t.worktree.path));
  }

  return withRepoLock(ctx, async () => {
    const plan = await planPrune(ctx, options);
    if (confirmed) {
      // Remove only what the user said yes to; anything newly merged waits for the next run.
      plan.merged = plan.merged.filter((t) => confirmed.has(t.worktree.path));
    }
    const results = await executeRemovals(ctx, [...plan.gone, ...plan.merged], {
      force: false,
      // --force here consents to stopping the processes found inside (the pots plugin reaps them).
      hookOptions: {
        merged: options.merged === true,
        yes: true,
        prune: true,
        reapAll: options.force === true,
      },
    });
    const gonePaths = new Set(plan.gone.map((t) => t.worktree.path));
    return {
      dryRun: false,
      base: plan.base,
      pruned: results.filter((r) => gonePaths.has(r.path)),
      removed: results.filter((r) => !gonePaths.has(r.path)),
      skipped: plan.skipped,
    };
  });
}

interface PrunePlan {
  base: string | null;
  gone: RemovalTarget[];
  merged: RemovalTarget[];
  skipped: PruneSkip[];
}

async function planPrune(ctx: PlumContext, options: PruneOptions): Promise<PrunePlan> {
  const worktrees = await listWorktrees(ctx, { status: false });
  const { config } = await ctx.config();
  const disposable = config.worktrees.disposable;
  const linked = worktrees.filter((w) => !w.isMain);
  // A locked worktree whose directory is gone is not "prunable" to git: look at the disk too.
  const missing = await Promise.all(linked.map(async (w) => w.prunable || !(await isDir(w.path))));
  const plan: PrunePlan = { base: null, gone: [], merged: [], skipped: [] };

  let base: string | null = null;
  if (options.merged) {
    base = options.base ?? (await defaultBase(ctx, worktrees));
    if ((await resolveRef(gitCwd(ctx), base)) === null) {
      throw new NotFoundError('ERR_PLUM_BASE_NOT_FOUND', `base ${base} names no commit`, {
        hint: 'pass --base <branch>, or set worktrees.base in the config',
      });
    }
    plan.base = base;
  }

  const limit = checkConcurrency();
  const gone = await mapLimit(
    linked.filter((_, i) => missing[i]),
    limit,
    (worktree) => checkGone(ctx, worktree, disposable),
  );
  const merged =
    base === null
      ? []
      : await mapLimit(
          linked.filter((_, i) => !missing[i]),
          limit,
          (worktree) => checkMerged(ctx, worktree, base, disposable, options.force === true),
        );
  for (const outcome of gone) {
    if ('reason' in outcome) plan.skipped.push(outcome);
    else plan.gone.push(outcome);
  }
  for (const outcome of merged) {
    if ('reason' in outcome) plan.skipped.push(outcome);
    else plan.merged.push(outcome);
  }
  return plan;
}

async function checkGone(
  ctx: PlumContext,
  worktree: Worktree,
  disposable: readonly string[],
): Promise<RemovalTarget | PruneSkip> {
  // For a gone directory this reads the lock and, when detached, the commits only its HEAD keeps.
  const risks = await assessRemoval(ctx, worktree, { disposable });
  if (risks.length === 0) return { worktree, risks, branch: null };
  const locked = risks.some((risk) => risk.kind === 'locked');
  const moved = risks.find((risk) => risk.kind === 'moved')?.paths?.[0];
  return skip(
    worktree,
    locked ? 'locked' : 'at-risk',
    locked
      ? 'its directory is gone but it is locked (an unmounted drive?): plum never prunes a locked worktree'
      : moved
        ? `its directory was moved to ${moved}: run \`git worktree repair ${moved}\` to reconnect it`
        : 'its directory is gone, but dropping its entry would lose work only it still holds',
    risks,
  );
}

async function checkMerged(
  ctx: PlumContext,
  worktree: Worktree,
  base: string,
  disposable: readonly string[],
  force: boolean,
): Promise<RemovalTarget | PruneSkip> {
  const name = worktree.branch;
  if (worktree.isCurrent) return skip(worktree, 'current', 'you are in it');
  if (name === null) return skip(worktree, 'detached', 'detached HEAD: no branch to compare');
  if (isBaseBranch(name, base)) return skip(worktree, 'base-branch', `${name} is the base`);
  const merged = await isMergedInto(gitCwd(ctx), `refs/heads/${name}`, base);
  if (!merged.merged) return skip(worktree, 'not-merged', `${name} is not merged into ${base}`);
  const risks = await assessRemoval(ctx, worktree, { disposable });
  const how = merged.how === 'ancestor' ? 'merged' : 'squash-merged';
  if (risks.length > 0) {
    return skip(
      worktree,
      'at-risk',
      `${name} is ${how} into ${base}, but removing it would lose work`,
      risks,
    );
  }
  if (!force && !(await hasOwnCommits(gitCwd(ctx), name, base))) {
    return skip(
      worktree,
      'no-own-commits',
      `${name} has no commit of its own yet (merged only because nothing was committed): --force removes it`,
    );
  }
  if (!force) {
    const { processesInside } = await import('./live-processes.js');
    const live = await processesInside(worktree.path);
    if (live.length > 0) {
      const shown = live
        .slice(0, 5)
        .map((p) => `${p.pid} ${p.command}`)
        .join(', ');
      return skip(
        worktree,
        'live-processes',
        `${live.length} process${live.length === 1 ? '' : 'es'} work inside it (${shown}${live.length > 5 ? ', …' : ''}): --force removes it anyway`,
      );
    }
  }
  return { worktree, risks, branch: { name, delete: true, reason: `${how} into ${base}` } };
}

/**
 * Whether `branch` ever had a commit of its own: its reflog's first entry (its creation) is not
 * its tip now. Without a reflog, a tip equal to the base's tip counts as none.
 */
async function hasOwnCommits(cwd: string, branch: string, base: string): Promise<boolean> {
  const ref = `refs/heads/${branch}`;
  const log = await git(cwd).probe([
    'reflog',
    'show',
    '--format=%H',
    '--end-of-options',
    ref,
    '--',
  ]);
  const entries = log.exitCode === 0 ? log.stdout.split('\n').filter(Boolean) : [];
  const [tip, baseTip] = await Promise.all([resolveRef(cwd, ref), resolveRef(cwd, base)]);
  if (entries.length === 0) return tip !== baseTip;
  return entries.at(-1) !== tip;
}

function skip(
  worktree: Worktree,
  reason: PruneSkipReason,
  message: string,
  risks: RemovalRisk[] = [],
): PruneSkip {
  return {
    name: worktree.name,
    path: worktree.path,
    branch: worktree.branch,
    reason,
    message,
    risks,
  };
}

function resultOf(plan: PrunePlan, dryRun: boolean): PruneResult {
  const flags = { dryRun, refused: false };
  return {
    dryRun,
    base: plan.base,
    pruned: plan.gone.map((t) => toResult(t, flags)),
    removed: plan.merged.map((t) => toResult(t, flags)),
    skipped: plan.skipped,
  };
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
