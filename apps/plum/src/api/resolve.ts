// Which worktree a user means: every command accepts a name (the directory name), a branch or a path.
import { existsSync, realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { NotFoundError, UsageError } from '@plumpots/core';
import type { PlumContext } from './context.js';
import { listWorktrees, type ListOptions } from './list.js';
import type { Worktree } from './types.js';

/**
 * Finds the worktree `query` names: an exact name, else an exact branch, else a path (absolute or
 * relative to `cwd`; a path inside a worktree means that worktree, the innermost when they nest).
 * Several worktrees with that name → UsageError (exit 2) listing them; none → NotFoundError
 * ERR_PLUM_WORKTREE_NOT_FOUND (exit 3).
 * @example const wt = findWorktree(await listWorktrees(ctx, { status: false }), 'feat/login', process.cwd());
 */
export function findWorktree(worktrees: readonly Worktree[], query: string, cwd: string): Worktree {
  if (query === '') throw notFound(query);

  const byName = worktrees.filter((w) => w.name === query);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) {
    throw new UsageError(
      `"${query}" names ${byName.length} worktrees`,
      {
        details: byName.map((w) => `${w.path}${w.branch === null ? '' : ` (${w.branch})`}`),
        hint: 'pass the branch or the path instead',
      },
      'ERR_PLUM_WORKTREE_AMBIGUOUS',
    );
  }

  const byBranch = worktrees.find((w) => w.branch === query);
  if (byBranch) return byBranch;

  const byPath = findByPath(worktrees, resolve(cwd, query));
  if (byPath) return byPath;
  throw notFound(query);
}

/**
 * Lists the worktrees and finds the one `query` names (see {@link findWorktree}), relative to ctx.cwd.
 * @example const wt = await resolveWorktree(ctx, 'feat', { status: false }); wt.path
 */
export async function resolveWorktree(
  ctx: Pick<PlumContext, 'repo' | 'cwd'>,
  query: string,
  options: ListOptions = {},
): Promise<Worktree> {
  return findWorktree(await listWorktrees(ctx, options), query, resolve(ctx.cwd));
}

function findByPath(worktrees: readonly Worktree[], target: string): Worktree | undefined {
  const exists = existsSync(target);
  const candidates = exists ? [target, realpathSync(target)] : [target];
  // Exact first: a registered worktree whose directory is gone still answers to its own path.
  for (const path of candidates) {
    const exact = worktrees.find((w) => w.path === path);
    if (exact) return exact;
  }
  // Inside one only when the path exists: `plum path typo` from the main worktree must not
  // silently mean the main worktree.
  if (!exists) return undefined;
  const real = candidates[1]!;
  let best: Worktree | undefined;
  for (const w of worktrees) {
    if (real.startsWith(w.path.endsWith(sep) ? w.path : w.path + sep)) {
      if (!best || w.path.length > best.path.length) best = w;
    }
  }
  return best;
}

function notFound(query: string): NotFoundError {
  return new NotFoundError('ERR_PLUM_WORKTREE_NOT_FOUND', `no worktree named "${query}"`, {
    hint: 'plum list',
  });
}
