// `plum list`: every worktree from ONE `git worktree list --porcelain -z`, each worktree's status
// read concurrently, and the columns plugins add.
import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import {
  getStatus,
  isPlumError,
  listWorktreeRecords,
  type ListColumn,
  type WorktreeRecord,
  mapLimit,
} from '@plumpots/core';
import { takeOpeningListing, type PlumContext } from './context.js';
import type { EnsureTrustedOptions } from './trust.js';
import type { Worktree } from './types.js';

export interface ListOptions {
  /** Read each worktree's status (dirty, untracked, ahead/behind, upstream). Default true. */
  status?: boolean;
}

/** Built-in fields of a listed worktree, in `--json` order: a plugin column never replaces one. */
export const WORKTREE_FIELDS = [
  'name',
  'path',
  'branch',
  'head',
  'isMain',
  'isCurrent',
  'detached',
  'locked',
  'lockReason',
  'prunable',
  'dirty',
  'untracked',
  'ahead',
  'behind',
  'upstream',
] as const satisfies readonly (keyof Worktree)[];

/**
 * Every worktree of the repository (the bare entry of a bare layout excluded), the main worktree
 * first, the others by path. One git
 * call for the listing, plus one `git status` per worktree, run concurrently, unless
 * `status: false`.
 * @example const worktrees = await listWorktrees(ctx); worktrees.filter((w) => w.dirty)
 */
export async function listWorktrees(
  ctx: Pick<PlumContext, 'repo' | 'cwd'>,
  options: ListOptions = {},
): Promise<Worktree[]> {
  const records = takeOpeningListing(ctx) ?? (await listWorktreeRecords(gitCwd(ctx)));
  const [first, ...rest] = records
    .filter((record) => !record.bare)
    .map((record) => fromRecord(ctx, record, record === records[0]));
  // git lists linked worktrees in directory-read order; sorted, the output is stable.
  rest.sort(byPath);
  const worktrees = first ? (first.isMain ? [first, ...rest] : [first, ...rest].sort(byPath)) : [];
  if (options.status === false) return worktrees;
  return mapLimit(worktrees, statusConcurrency(), withStatus);
}

/**
 * The extra columns plugins add to `plum list` (hook `list:columns`), each with its values keyed by
 * worktree path. A plugin that throws is reported as a PluginError naming it. Plugins named by the
 * repository's config are its authors' code: unless approved (`confirm` may ask), RefusedError
 * ERR_PLUM_UNTRUSTED (exit 4) and no plugin is loaded.
 * @example const columns = await listColumns(ctx, worktrees); columns[0]?.values[worktrees[0].path]
 */
export async function listColumns(
  ctx: PlumContext,
  worktrees: readonly Worktree[],
  options: Pick<EnsureTrustedOptions, 'confirm'> = {},
): Promise<ListColumn[]> {
  const resolved = await ctx.config();
  // No plugin configured: no host to build, no hook to run.
  if (resolved.config.plugins.length === 0) return [];
  const { repoCommands } = await import('@plumpots/core/config');
  if (repoCommands(resolved).some((entry) => entry.kind === 'plugin')) {
    const { ensureTrusted } = await import('./trust.js');
    await ensureTrusted(ctx, options);
  }
  const host = await ctx.plugins();
  const results = await host.run(
    'list:columns',
    { repo: ctx.repo, worktrees },
    await ctx.hookContext(),
  );
  const columns: ListColumn[] = [];
  for (const { result } of results) {
    const list = Array.isArray(result) ? result : result ? [result] : [];
    for (const column of list) if (isColumn(column)) columns.push(column);
  }
  return columns;
}

/**
 * Fills in the status fields of one worktree (one `git status`); a missing directory leaves them null.
 * @example const fresh = await withStatus(worktree); fresh.dirty // false
 */
export async function withStatus(worktree: Worktree): Promise<Worktree> {
  if (worktree.prunable) return worktree;
  try {
    const status = await getStatus(worktree.path);
    return {
      ...worktree,
      dirty: status.dirty,
      untracked: status.untracked,
      ahead: status.branch.ahead,
      behind: status.branch.behind,
      upstream: status.branch.upstream,
    };
  } catch (error) {
    // A locked worktree on an unmounted drive is missing but not prunable: show it, without status.
    if (isPlumError(error) && error.code === 'ERR_CWD_MISSING') return worktree;
    throw error;
  }
}

/** Where plum runs repository-wide git commands: the current worktree, else the common dir. */
export function gitCwd(ctx: Pick<PlumContext, 'repo'>): string {
  return ctx.repo.currentWorktree ?? ctx.repo.commonDir;
}

function fromRecord(
  ctx: Pick<PlumContext, 'repo'>,
  record: WorktreeRecord,
  first: boolean,
): Worktree {
  const path = physical(record.path);
  return {
    name: basename(path),
    path,
    branch: record.branch,
    head: record.head,
    // git lists the main worktree first; in a bare layout that first entry is the bare repo.
    isMain: first && !record.bare,
    isCurrent: ctx.repo.currentWorktree !== null && path === ctx.repo.currentWorktree,
    detached: record.detached,
    locked: record.locked,
    lockReason: record.lockReason,
    prunable: record.prunable,
    dirty: null,
    untracked: null,
    ahead: null,
    behind: null,
    upstream: null,
  };
}

/** The real path (git records what it was given; the cwd is compared physically), else as listed. */
function physical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path; // gone (prunable) or unreachable: report what git has on record
  }
}

function byPath(a: Worktree, b: Worktree): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function isColumn(value: unknown): value is ListColumn {
  if (typeof value !== 'object' || value === null) return false;
  const column = value as Partial<ListColumn>;
  return (
    typeof column.key === 'string' &&
    column.key !== '' &&
    typeof column.header === 'string' &&
    typeof column.values === 'object' &&
    column.values !== null
  );
}

function statusConcurrency(): number {
  return Math.max(4, Math.min(16, availableParallelism()));
}
