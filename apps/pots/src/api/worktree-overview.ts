// `pots list --worktrees`: the other direction from orphans — every worktree of the repository with
// its units, including worktrees that have none.
import { sep } from 'node:path';
import { isDirectorySync } from '@plumpots/core';
import { listWorktrees, type Worktree } from '@plumpots/plum';
import type { PotsContext } from './context.js';
import { listUnits, type Unit } from './units.js';

/** One worktree and its units (`pots list --worktrees --json`). */
export interface WorktreeUnits {
  worktree: Pick<Worktree, 'name' | 'path' | 'branch'>;
  /** Its sessions (windows in window mode), sorted by name; `orphan` when its directory is gone. */
  units: Unit[];
}

/**
 * Every worktree of the repository around the cwd (main first), each with the units recording it
 * in `@pots-worktree`; with `all`, also the units pots did not make whose directory lies inside it.
 * Outside a repository: NotFoundError (exit 3). One tmux call, and one `git worktree list` besides
 * opening the repository.
 * @example for (const { worktree, units } of await listWorktreeUnits(pots)) console.log(worktree.name, units.length)
 */
export async function listWorktreeUnits(
  pots: PotsContext,
  options: { all?: boolean } = {},
): Promise<WorktreeUnits[]> {
  const plum = await pots.repo();
  const [units, worktrees] = await Promise.all([
    listUnits(pots, { all: options.all ?? false, checkWorktrees: false }),
    listWorktrees(plum, { status: false }),
  ]);
  const { commonDir, projectName } = plum.repo;
  const rows = worktrees.map((worktree) => ({
    worktree: { name: worktree.name, path: worktree.path, branch: worktree.branch },
    units: [] as Unit[],
    gone: worktree.prunable || !isDirectorySync(worktree.path),
  }));
  for (const unit of units) {
    if (unit.managed) {
      const row = rows.find((r) => r.worktree.path === unit.path);
      if (row && (unit.repo === null || unit.repo === commonDir)) {
        row.units.push({ ...unit, orphan: row.gone });
      }
      continue;
    }
    const row = innermost(rows, unit.path);
    if (row)
      row.units.push({
        ...unit,
        worktree: row.worktree.name,
        project: projectName,
        repo: commonDir,
      });
  }
  return rows.map(({ worktree, units: list }) => ({
    worktree,
    units: list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  }));
}

function innermost<T extends { worktree: { path: string } }>(
  rows: readonly T[],
  path: string,
): T | undefined {
  let best: T | undefined;
  for (const row of rows) {
    const dir = row.worktree.path;
    if (path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) {
      if (!best || dir.length > best.worktree.path.length) best = row;
    }
  }
  return best;
}

/** One worktree the open picker offers: with its status, whether it holds the cwd, its units. */
export interface WorktreeChoice {
  worktree: Worktree;
  /** It holds the cwd (the picker lists it first). */
  here: boolean;
  /** Its sessions (windows in window mode). */
  units: Unit[];
}

/**
 * The worktrees `pots open` offers when none is named: the live ones with their status (as
 * `plum list` shows it), the one holding the cwd first, each with its units. One `git worktree
 * list` plus a status per worktree, and one tmux call, at the same time.
 * @example const choices = await worktreeChoices(pots); choices[0]?.here // true inside a worktree
 */
export async function worktreeChoices(pots: PotsContext): Promise<WorktreeChoice[]> {
  const plum = await pots.repo();
  const [worktrees, units] = await Promise.all([
    listWorktrees(plum, { status: true }),
    listUnits(pots, { checkWorktrees: false }),
  ]);
  const here = plum.repo.currentWorktree;
  return worktrees
    .filter((w) => !w.prunable)
    .sort((a, b) => Number(b.path === here) - Number(a.path === here))
    .map((worktree) => ({
      worktree,
      here: worktree.path === here,
      units: units.filter((unit) => unit.path === worktree.path),
    }));
}

export type { Worktree };
