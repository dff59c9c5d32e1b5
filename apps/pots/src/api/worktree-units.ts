// Units by worktree, whatever the mode they were made in — for the plum plugin, which acts on a
// worktree (create, remove, list) rather than on a name: matched by `@pots-worktree` (at the scope
// `@pots-unit` names), never by name.
import type { ListColumn, WorktreeRef } from '@plumpots/core';
import { listSessions, listWindows } from '../tmux/index.js';
import type { PotsContext, PotsSettings } from './context.js';
import { openUnit, type OpenResult } from './create.js';
import { executeKill, planKillOf } from './kill.js';
import { sessionUnit, windowUnit, type Unit } from './units.js';

/**
 * Every unit recording a worktree path, sessions and windows alike. Two tmux calls.
 * @example const byPath = await unitsByWorktree(pots); byPath.get('/src/app.worktrees/feat')
 */
export async function unitsByWorktree(pots: PotsContext): Promise<Map<string, Unit[]>> {
  const sessions = (await listSessions(pots.tmux)).map(sessionUnit);
  // Window units live only in sessions that are not session units themselves.
  const windows = sessions.every((s) => s.managed) ? [] : await listWindows(pots.tmux);
  const units = [...sessions, ...windows.map(windowUnit)].filter((unit) => unit.managed);
  const byPath = new Map<string, Unit[]>();
  for (const unit of units) byPath.set(unit.path, [...(byPath.get(unit.path) ?? []), unit]);
  return byPath;
}

/**
 * Opens (creates when missing, never attaches) the default-task unit of a new worktree.
 * @example await startWorktreeUnit(openPots({ cwd: worktree.path }), worktree)
 */
export async function startWorktreeUnit(
  pots: PotsContext,
  worktree: Pick<WorktreeRef, 'path'>,
): Promise<OpenResult> {
  return openUnit(pots, { worktree: worktree.path });
}

export interface KillWorktreeResult {
  killed: Unit[];
  /** The unit holding the caller's pane, left alive because `spareSelf` was set. */
  spared: Unit | null;
}

/**
 * Kills every unit of a worktree (matched by `@pots-worktree`, never by name). The caller's own
 * unit goes last, after its client was switched away — or is spared for a later call.
 * @example await killWorktreeUnits(pots, '/src/app.worktrees/feat', { spareSelf: true })
 */
export async function killWorktreeUnits(
  pots: PotsContext,
  worktreePath: string,
  options: {
    spareSelf?: boolean;
    /** Called just before the caller's own unit is killed, which hangs up this process. */
    beforeSelfKill?: () => void;
  } = {},
): Promise<KillWorktreeResult> {
  const targets = (await unitsByWorktree(pots)).get(worktreePath) ?? [];
  if (targets.length === 0) return { killed: [], spared: null };
  const settings: Pick<PotsSettings, 'mode'> = await pots.settings();
  const plan = await planKillOf(pots, settings.mode, targets);
  const killed = await executeKill(pots, plan, {
    spareSelf: options.spareSelf ?? false,
    ...(options.beforeSelfKill ? { beforeSelfKill: options.beforeSelfKill } : {}),
  });
  return { killed, spared: options.spareSelf ? plan.self : null };
}

/**
 * The `session` column of `plum list`: unit names per worktree path, comma-joined; null for a
 * worktree without any.
 * @example (await sessionColumn(pots, worktrees)).values['/src/app'] // 'app-main-dev'
 */
export async function sessionColumn(
  pots: PotsContext,
  worktrees: readonly Pick<WorktreeRef, 'path'>[],
): Promise<ListColumn> {
  const byPath = await unitsByWorktree(pots);
  const values: Record<string, string | null> = {};
  for (const { path } of worktrees) {
    const names = (byPath.get(path) ?? []).map((unit) => unit.name).sort();
    values[path] = names.length > 0 ? names.join(',') : null;
  }
  return { key: 'session', header: 'SESSION', values };
}
