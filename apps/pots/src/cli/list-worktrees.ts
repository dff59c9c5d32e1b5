// `pots list --worktrees`: every worktree of the repository with its sessions (windows in window
// mode), worktrees without any included.
import type { Ui } from '@plumpots/core/ui';
import type { PotsContext } from '../api/context.js';
import { listWorktreeUnits, type WorktreeUnits } from '../api/worktree-overview.js';

/** Prints the worktrees and their units: JSON, or a table with one row per worktree. */
export async function printWorktreeUnits(
  ui: Ui,
  pots: PotsContext,
  options: { all: boolean },
): Promise<void> {
  const rows = await listWorktreeUnits(pots, options);
  if (ui.mode.json) return ui.json(rows);
  const { stdout: c } = ui.colors;
  await ui.printTable(rows, [
    { key: 'worktree', header: 'WORKTREE', format: (_v, row: WorktreeUnits) => row.worktree.name },
    {
      key: 'worktree',
      header: 'BRANCH',
      format: (_v, row: WorktreeUnits) => row.worktree.branch ?? c.dim('(detached)'),
    },
    {
      key: 'units',
      header: (await pots.settings()).mode === 'window' ? 'WINDOWS' : 'SESSIONS',
      format: (_v, row: WorktreeUnits) =>
        row.units.length === 0
          ? c.dim('-')
          : row.units
              .map((unit) => {
                const name = unit.attached ? c.green(unit.name) : unit.name;
                return unit.orphan ? `${name} ${c.yellow('(orphan)')}` : name;
              })
              .join(', '),
    },
    { key: 'worktree', header: 'PATH', format: (_v, row: WorktreeUnits) => row.worktree.path },
  ]);
}
