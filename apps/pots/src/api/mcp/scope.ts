// What `pots mcp` may touch: the repository it was started in (its worktrees, and the units and
// panes tagged with them) on the one tmux server it was given. Every tool resolves its worktree,
// unit and pane arguments here, so a request for anything else is refused in one place.
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { NotFoundError, RefusedError, isPlumError } from '@plumpots/core';
import { findWorktree, listWorktrees, type PlumContext, type Worktree } from '@plumpots/plum';
import { resolvePane } from '../agents.js';
import type { PaneState } from '../../tmux/pane-state.js';
import type { PotsContext } from '../context.js';
import { listUnits, type Unit } from '../units.js';

/** The repository and tmux server one MCP server acts on, and what its user allowed. */
export interface McpScope {
  readonly pots: PotsContext;
  readonly plum: PlumContext;
  /** The main worktree (or the current one of a bare layout): how messages name the repository. */
  readonly root: string;
  /** `--allow-remove`: worktree_remove and unit_kill are listed. */
  readonly allowRemove: boolean;
  /** `--allow-force`: those two accept `force`. */
  readonly allowForce: boolean;
  /** The longest agent_wait, in seconds (`--max-wait`). */
  readonly maxWaitSeconds: number;
}

/** Why a request was refused: it names something outside the server's repository (exit 4). */
export function outOfScope(what: string, root: string): RefusedError {
  return new RefusedError(
    'ERR_POTS_MCP_OUT_OF_SCOPE',
    `${what} is outside the repository this server acts on (${root}); nothing was done`,
    { hint: `start another \`pots mcp\` in that repository to act on it` },
  );
}

/**
 * The repository's worktrees (no status: one git call), read anew on every request because
 * worktrees come and go while the server runs.
 */
export async function scopeWorktrees(scope: McpScope): Promise<Worktree[]> {
  return listWorktrees(scope.plum, { status: false });
}

/**
 * The worktree `query` (a name, branch or path) names, among the repository's. A path outside every
 * worktree is refused (exit 4), not "not found": the server was asked to leave its repository.
 * @example const wt = await scopedWorktree(scope, 'feat-login'); wt.path
 */
export async function scopedWorktree(scope: McpScope, query: string): Promise<Worktree> {
  const worktrees = await scopeWorktrees(scope);
  if (looksLikePath(query) && !insideAny(worktrees, resolve(scope.root, query))) {
    throw outOfScope(`the path ${query}`, scope.root);
  }
  return findWorktree(worktrees, query, scope.root);
}

/** True when `query` names a worktree of the repository (by name, branch or path). */
export async function hasWorktree(scope: McpScope, query: string): Promise<boolean> {
  try {
    await scopedWorktree(scope, query);
    return true;
  } catch (error) {
    if (isPlumError(error) && error.exitCode === 3) return false;
    throw error;
  }
}

/**
 * The pane `target` names (a pane id or session[:window[.pane]], exactly), when it belongs to a
 * unit of one of the repository's worktrees; any other pane on the server is refused (exit 4).
 * @example const pane = await scopedPane(scope, '%12'); pane.log
 */
export async function scopedPane(scope: McpScope, target: string): Promise<PaneState> {
  const pane = await resolvePane(scope.pots, target);
  const worktrees = await scopeWorktrees(scope);
  if (pane.worktree === null || !worktrees.some((w) => samePath(w.path, pane.worktree!))) {
    throw outOfScope(`pane ${pane.id} (${pane.sessionName}:${pane.windowName})`, scope.root);
  }
  return pane;
}

/**
 * The units pots made for the repository's worktrees (orphans included: their worktree is gone
 * but they carry the repository's tag).
 */
export async function scopedUnits(scope: McpScope): Promise<Unit[]> {
  const [units, worktrees] = await Promise.all([listUnits(scope.pots), scopeWorktrees(scope)]);
  return units.filter((unit) => inRepository(scope, worktrees, unit));
}

/**
 * The unit named exactly `name` among the repository's; another repository's unit, or a session
 * pots did not make, is refused (exit 4); no unit of that name at all is exit 3.
 */
export async function scopedUnit(scope: McpScope, name: string): Promise<Unit> {
  const [all, worktrees] = await Promise.all([
    listUnits(scope.pots, { all: true, checkWorktrees: false }),
    scopeWorktrees(scope),
  ]);
  const unit = all.find((u) => u.name === name);
  if (!unit) {
    throw new NotFoundError('ERR_POTS_NOT_FOUND', `no unit named "${name}"; nothing was killed`, {
      hint: 'names match exactly: see units_list',
    });
  }
  if (!inRepository(scope, worktrees, unit)) {
    throw outOfScope(
      unit.managed ? `unit ${unit.name}` : `${unit.name} (a session pots did not make)`,
      scope.root,
    );
  }
  return unit;
}

function inRepository(scope: McpScope, worktrees: readonly Worktree[], unit: Unit): boolean {
  if (!unit.managed) return false;
  if (unit.repo !== null) return unit.repo === scope.plum.repo.commonDir;
  return worktrees.some((w) => samePath(w.path, unit.path));
}

function looksLikePath(query: string): boolean {
  return isAbsolute(query) || query.startsWith('.') || query.startsWith('~');
}

function insideAny(worktrees: readonly Worktree[], path: string): boolean {
  const real = existsSync(path) ? realpathSync(path) : path;
  return worktrees.some(
    (w) => real === w.path || real.startsWith(w.path.endsWith(sep) ? w.path : w.path + sep),
  );
}

function samePath(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
