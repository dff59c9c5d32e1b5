// What the plum plugin does around `plum remove`: before the worktree goes, reap its processes (its
// units' panes and descendants, anything working inside it) and kill its units — except the one
// plum itself runs in, killed after the removal (reliability §3.8, §5.5). When plum runs in the
// pane `plum remove` (no name) handed the removal to, that pane finishes the job itself: its
// client is not switched away early (the user watches the output) and its unit is left to it.
import type { PotsContext } from './context.js';
import { callerPane } from './attach.js';
import { executeKill, type KillPlan } from './kill.js';
import { reapUnitProcesses, type ReapResult } from './reap.js';
import type { Unit } from './units.js';
import { killWorktreeUnits, unitsByWorktree } from './worktree-units.js';

/**
 * Set by the removal pane (`remove-pane.js`) on the `plum remove` it runs: that pane's id. With
 * `$TMUX_PANE` equal to it, plum runs in the pane that switches the client and kills the last
 * unit itself.
 */
export const REMOVE_PANE_VAR = 'POTS_REMOVE_PANE';

/**
 * The removal pane plum runs in (`%N`), or null when plum runs anywhere else.
 * @example removalPaneOf({ POTS_REMOVE_PANE: '%7', TMUX_PANE: '%7' }) // '%7'
 */
export function removalPaneOf(env: NodeJS.ProcessEnv): string | null {
  const pane = env[REMOVE_PANE_VAR];
  return pane && /^%\d+$/.test(pane) && env.TMUX_PANE === pane ? pane : null;
}

export interface PrepareRemovalResult {
  reaped: ReapResult;
  killed: Unit[];
  /** The unit holding the caller's pane: it goes after the removal. */
  spared: Unit | null;
}

/**
 * Before a worktree is removed: stops every process of its units (SIGTERM, `graceSeconds`,
 * SIGKILL) — sparing the caller's own pane and process tree; any other process working inside it
 * is refused (RefusedError, exit 4, nothing stopped) unless `reapAll` —
 * then kills its units, the caller's own last or (`spared`) not at all. Outside the removal pane
 * the caller's client is switched away first; inside it, it stays to show the output.
 * @example const { reaped, killed } = await prepareWorktreeRemoval(pots, wt.path, { graceSeconds: 5 });
 */
export async function prepareWorktreeRemoval(
  pots: PotsContext,
  worktreePath: string,
  options: {
    graceSeconds?: number;
    /** Also stop processes pots did not start that work inside it (else: refused, exit 4). */
    reapAll?: boolean;
  } = {},
): Promise<PrepareRemovalResult> {
  const me = await callerPane(pots);
  const units = (await unitsByWorktree(pots)).get(worktreePath) ?? [];
  const reaped = await reapUnitProcesses(pots, units, {
    ...(options.graceSeconds === undefined ? {} : { graceSeconds: options.graceSeconds }),
    spare: { panes: me ? [me.pane] : [] },
    cwdInside: worktreePath,
    foreign: options.reapAll ? 'reap' : 'refuse',
  });
  const helper = removalPaneOf(pots.env);
  if (!helper || !me) {
    const { killed, spared } = await killWorktreeUnits(pots, worktreePath, { spareSelf: true });
    return { reaped, killed, spared };
  }
  // Reaping emptied panes and windows: whatever is left is listed afresh.
  const left = (await unitsByWorktree(pots)).get(worktreePath) ?? [];
  const self =
    left.find((unit) => unit.id === (unit.mode === 'session' ? me.sessionId : me.windowId)) ?? null;
  const plan: KillPlan = {
    mode: (await pots.settings()).mode,
    targets: left,
    self,
    clientLosesSession: false,
    switchTo: null,
  };
  const killed = await executeKill(pots, plan, { spareSelf: true });
  return { reaped, killed, spared: self };
}

/**
 * After the removal: kills the worktree's units that are left (the caller's own last, SIGHUP
 * ignored) — unless plum runs in the removal pane, which does that itself once it has moved the
 * client.
 * @example await finishWorktreeRemoval(pots, wt.path)
 */
export async function finishWorktreeRemoval(
  pots: PotsContext,
  worktreePath: string,
  options: {
    /** Called just before the caller's own unit is killed, which hangs up this process. */
    beforeSelfKill?: () => void;
  } = {},
): Promise<Unit[]> {
  if (removalPaneOf(pots.env)) return [];
  return (await killWorktreeUnits(pots, worktreePath, options)).killed;
}
