// The units with what a picker shows of each: whether it belongs to the worktree holding the cwd,
// and how many of the commands `pots spawn` started in it are running or exited. Two tmux calls
// (the units, one `list-panes -a`); no git status.
import { listPaneStates } from '../tmux/pane-state.js';
import type { PotsContext } from './context.js';
import { listUnits, type Unit } from './units.js';

export interface UnitOverview {
  unit: Unit;
  /** The unit is of the worktree holding the cwd. */
  here: boolean;
  /** Its `pots spawn` panes, by state. */
  agents: { running: number; exited: number };
}

/**
 * Every unit pots made on the server, with its agents' states and whether it is the cwd's.
 * @example (await unitOverview(pots)).filter((o) => o.agents.running > 0).map((o) => o.unit.name)
 */
export async function unitOverview(pots: PotsContext): Promise<UnitOverview[]> {
  const [units, panes, here] = await Promise.all([
    listUnits(pots, { checkWorktrees: false }),
    listPaneStates(pots.tmux),
    currentWorktree(pots),
  ]);
  return units.map((unit) => {
    const agents = panes.filter(
      (pane) =>
        pane.spawned &&
        (unit.mode === 'session' ? pane.sessionId === unit.id : pane.windowId === unit.id),
    );
    const running = agents.filter((pane) => !pane.dead).length;
    return { unit, here: unit.path === here, agents: { running, exited: agents.length - running } };
  });
}

/** The worktree holding the cwd, or null (outside a repository, at a bare root). */
async function currentWorktree(pots: PotsContext): Promise<string | null> {
  try {
    return (await pots.tryRepo())?.repo.currentWorktree ?? null;
  } catch {
    return null;
  }
}
