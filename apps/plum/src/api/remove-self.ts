// `plum remove` with no name inside a linked worktree: removing the directory your shell (and, in
// tmux, your session) stands in. Nothing may be killed or deleted from inside it (killing
// its session hangs up plum itself; deleting it pulls the cwd from under the shell), so plum
// checks everything here, then hands the removal itself to a plugin that can run it
// from the main worktree (pots: a tmux pane there, hook `worktree:removeSelf`), or says exactly
// what to run by hand.
import { stat } from 'node:fs/promises';
import { NotFoundError, UsageError, isPlumError, type RemoveSelfResult } from '@plumpots/core';
import { openRepo, type PlumContext } from './context.js';
import { listWorktrees } from './list.js';
import {
  ensureRemovalTrusted,
  removalRefusal,
  removeWorktrees,
  type RemoveOptions,
  type RemoveResult,
} from './remove.js';
import { findWorktree } from './resolve.js';
import type { Worktree } from './types.js';

export interface RemoveSelfOptions extends Pick<
  RemoveOptions,
  'force' | 'deleteBranch' | 'dryRun' | 'confirmTrust'
> {
  /** Do not ask `confirm`: hand the removal over straight away. */
  yes?: boolean;
  /**
   * Asks "Remove this worktree from the main repo?" — only when a plugin can run the removal
   * elsewhere. Without it (and without `yes`) the answer is no.
   */
  confirm?: () => boolean | Promise<boolean>;
  /** The plum bin the handed-over removal runs (default `process.argv[1]`). */
  bin?: string;
  /** More flags for the handed-over removal, after `--yes` (`--verbose`, `--no-color`). */
  extraArgs?: readonly string[];
}

/**
 * What became of the removal: `spawned` (a plugin runs it, e.g. in a tmux pane), `dry-run`
 * (checked only), or why nothing was done — `not-in-tmux` (no plugin could run it elsewhere),
 * `no-plugin` (none offers to), `declined`, `failed` (the plugin could not start it: tmux said no).
 */
export type RemoveSelfOutcome =
  'spawned' | 'dry-run' | 'not-in-tmux' | 'no-plugin' | 'declined' | 'failed';

/** The `--json` contract of `plum remove` with no name in a linked worktree. */
export interface RemoveSelfReport {
  name: string;
  path: string;
  /** Where the removal runs: the main worktree (the common git dir of a bare layout). */
  main: string;
  outcome: RemoveSelfOutcome;
  /** The exit code the outcome calls for: 0 spawned or checked, 2 nothing done, 5 tmux failed. */
  exitCode: 0 | 2 | 5;
  /** Where the removal runs (a tmux pane id), when spawned. */
  pane: string | null;
  /** The plugin's word on a `not-in-tmux` or `failed` outcome. */
  message: string | null;
  /** The removal as run there: `[node, plum bin, 'remove', name, '--yes', …flags]`. */
  command: string[];
  /** The same, for a person: run `argv` (`plum remove <name> …`) in `cwd`. */
  manual: { cwd: string; argv: string[] };
  /** What the removal will do (and what it would lose), from a dry run. */
  plan: RemoveResult;
}

/**
 * Whether the context's directory is inside a linked worktree (not the main one, not a bare root):
 * there, `plum remove` with no name means "this worktree".
 * @example if (names.length === 0 && inLinkedWorktree(ctx)) await removeSelf(ctx, { yes: true });
 */
export function inLinkedWorktree(ctx: Pick<PlumContext, 'repo'>): boolean {
  const { currentWorktree, mainWorktree } = ctx.repo;
  return currentWorktree !== null && currentWorktree !== mainWorktree;
}

/**
 * Removes the linked worktree the context stands in, from the main worktree: opens the repository
 * there (main gone or not this repository: NotFoundError, exit 3), approves what the repository's
 * config would run (`confirmTrust`), checks the removal exactly as `plum remove <name>` would
 * (anything at risk: RefusedError, exit 4 — nothing spawned, nothing asked), then offers it to the
 * plugins' `worktree:removeSelf` hook, which asks `confirm` and runs `command` elsewhere. Returns
 * the outcome; changes nothing itself. A dry run stops after the check. Git: the main worktree's
 * `rev-parse`, one `worktree list`, and the checks of a dry run (see removeWorktrees).
 * @example
 * const report = await removeSelf(ctx, { yes: true });
 * if (report.outcome !== 'spawned') console.error(`cd ${report.manual.cwd} && ${report.manual.argv.join(' ')}`);
 */
export async function removeSelf(
  ctx: PlumContext,
  options: RemoveSelfOptions = {},
): Promise<RemoveSelfReport> {
  if (!inLinkedWorktree(ctx)) {
    throw new UsageError(
      'not inside a linked worktree: name the worktree to remove',
      { hint: 'plum remove <name> (names: plum list)' },
      'ERR_USAGE_MISSING_ARGUMENT',
    );
  }
  const here = ctx.repo.currentWorktree!;
  const mainDir = ctx.repo.mainWorktree ?? ctx.repo.commonDir;
  const main = await openMain(ctx, mainDir);
  const worktrees = await listWorktrees(main, { status: false });
  const worktree = worktrees.find((w) => w.path === here);
  if (!worktree) {
    throw new NotFoundError(
      'ERR_PLUM_WORKTREE_NOT_FOUND',
      `${here} is not one of the worktrees of ${mainDir}`,
      { hint: 'git worktree list' },
    );
  }
  const query = queryFor(worktree, worktrees, mainDir);
  const flags = [
    ...(options.force ? ['--force'] : []),
    ...(options.deleteBranch ? ['--delete-branch'] : []),
  ];
  const command = [
    process.execPath,
    options.bin ?? process.argv[1] ?? 'plum',
    'remove',
    query,
    '--yes',
    ...flags,
    ...(options.extraArgs ?? []),
  ];
  const removeOptions = {
    force: options.force === true,
    deleteBranch: options.deleteBranch === true,
  };
  if (!options.dryRun) await ensureRemovalTrusted(main, options.confirmTrust);
  const [plan] = await removeWorktrees(main, [worktree.path], { ...removeOptions, dryRun: true });
  const report = (
    outcome: RemoveSelfOutcome,
    extra: { pane?: string; message?: string } = {},
  ): RemoveSelfReport => ({
    name: worktree.name,
    path: worktree.path,
    main: mainDir,
    outcome,
    exitCode: outcome === 'spawned' || outcome === 'dry-run' ? 0 : outcome === 'failed' ? 5 : 2,
    pane: extra.pane ?? null,
    message: extra.message ?? null,
    command,
    manual: { cwd: mainDir, argv: ['plum', 'remove', query, ...flags] },
    plan: plan!,
  });
  if (options.dryRun) return report('dry-run');
  const refusal = removalRefusal([plan!]);
  if (refusal) throw refusal;

  const host = await main.plugins();
  const results = await host.run(
    'worktree:removeSelf',
    {
      repo: main.repo,
      worktree,
      cwd: mainDir,
      command,
      confirm: async () => options.yes === true || (await options.confirm?.()) === true,
    },
    await main.hookContext({ ...removeOptions, yes: options.yes === true }),
  );
  const answers = results.map((r) => r.result).filter((r): r is RemoveSelfResult => r != null);
  const spawned = answers.find((r) => r.handled);
  if (spawned?.handled) return report('spawned', { pane: spawned.pane });
  // The most telling refusal wins: a failure over "declined" over "not in tmux".
  for (const reason of ['failed', 'declined', 'not-in-tmux'] as const) {
    const answer = answers.find((r) => !r.handled && r.reason === reason);
    if (answer && !answer.handled) {
      return report(reason, answer.message === undefined ? {} : { message: answer.message });
    }
  }
  return report('no-plugin');
}

/** The main worktree's context; exit 3 when it is gone or belongs to another repository. */
async function openMain(ctx: PlumContext, mainDir: string): Promise<PlumContext> {
  const notFound = (why: string, cause?: unknown) =>
    new NotFoundError('ERR_PLUM_MAIN_NOT_FOUND', `the main worktree ${mainDir} ${why}`, {
      hint: 'git worktree repair, or remove this worktree with git worktree remove',
      ...(cause === undefined ? {} : { cause }),
    });
  const isDir = await stat(mainDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw notFound('is missing');
  let main: PlumContext;
  try {
    main = await openRepo({
      cwd: mainDir,
      env: ctx.env,
      log: (message) => ctx.log(message),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (error) {
    if (isPlumError(error) && error.code === 'ERR_NOT_A_REPO')
      throw notFound('is not a repository', error);
    throw error;
  }
  if (main.repo.commonDir !== ctx.repo.commonDir) throw notFound('belongs to another repository');
  return main;
}

/** The worktree's name when it names it unambiguously from the main worktree, else its path. */
function queryFor(worktree: Worktree, worktrees: readonly Worktree[], cwd: string): string {
  if (worktree.name.startsWith('-')) return worktree.path;
  try {
    return findWorktree(worktrees, worktree.name, cwd).path === worktree.path
      ? worktree.name
      : worktree.path;
  } catch {
    return worktree.path;
  }
}
