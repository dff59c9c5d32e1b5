// One text to many agents: the agent panes (or else the active pane) of every managed session or
// window-mode window, picked from ONE `list-panes -a`, each reported as delivered or skipped.
import { listPaneStates, type PaneState } from '../tmux/pane-state.js';
import type { Tmux } from '../tmux/index.js';
import { globMatcher } from './glob.js';
import { sendText } from './send.js';

export interface BroadcastOptions {
  /** Only sessions/windows of this project (`@pots-project`). */
  project?: string;
  /** A glob (`*`, `?`, `[…]`) on the session name — or, in window mode, the window name. */
  filter?: string;
  /** Press Enter after the text (default true). */
  enter?: boolean;
  /**
   * Only these panes (ids of agent panes): every managed agent pane in the set gets the text, and
   * the panes a broadcast would otherwise pick that are not in it are reported as skipped.
   */
  agents?: ReadonlySet<string>;
}

export interface BroadcastTarget {
  /** `session:window.pane`, for people. */
  target: string;
  /** `%N`. */
  pane: string;
  session: string;
  worktree: string | null;
  delivered: boolean;
  /** Why it was not delivered: `dead`, `input-off`, `not an agent pane`, or what tmux said. */
  reason?: string;
  /** With confirmation: the agent took it (its state left idle/waiting). */
  confirmed?: boolean;
  /** With confirmation: its state then (or at the timeout). */
  state?: string | null;
}

/**
 * The panes a broadcast goes to, without sending: per managed unit (the panes sharing a session,
 * worktree and task — a session in session mode, a window in window mode) its `pots spawn` panes,
 * or, when it has none, its active pane; plus agent panes outside managed sessions.
 * @example broadcastTargets(await listPaneStates(tmux), { filter: 'app-*' }).map((p) => p.id)
 */
export function broadcastTargets(
  panes: readonly PaneState[],
  options: Pick<BroadcastOptions, 'project' | 'filter'> = {},
): PaneState[] {
  const match = options.filter === undefined ? () => true : globMatcher(options.filter);
  const units = new Map<string, PaneState[]>();
  for (const pane of panes) {
    if (pane.worktree === null && !pane.spawned) continue;
    if (options.project !== undefined && pane.project !== options.project) continue;
    if (!match(pane.sessionName) && !match(pane.windowName)) continue;
    const key =
      pane.worktree === null
        ? `agent\0${pane.id}`
        : `${pane.sessionId}\0${pane.worktree}\0${pane.task ?? ''}`;
    const unit = units.get(key) ?? [];
    unit.push(pane);
    units.set(key, unit);
  }
  const chosen: PaneState[] = [];
  for (const unit of units.values()) {
    const agents = unit.filter((p) => p.spawned);
    if (agents.length > 0) {
      chosen.push(...agents);
      continue;
    }
    const active =
      unit.find((p) => p.windowActive && p.active) ??
      [...unit].sort((a, b) => a.windowIndex - b.windowIndex).find((p) => p.active) ??
      unit[0]!;
    chosen.push(active);
  }
  return chosen.sort(
    (a, b) =>
      a.sessionName.localeCompare(b.sessionName) ||
      a.windowIndex - b.windowIndex ||
      a.index - b.index,
  );
}

/**
 * Sends `text` (as `sendText` does) to every `broadcastTargets` pane, in parallel; dead panes and
 * panes with input off are skipped. One `list-panes` plus one or two tmux calls per target.
 * @example const results = await broadcast(tmux, 'run the tests again', { project: 'app' }); results.filter((r) => !r.delivered)
 */
export async function broadcast(
  tmux: Tmux,
  text: string,
  options: BroadcastOptions = {},
): Promise<BroadcastTarget[]> {
  const panes = await listPaneStates(tmux);
  let targets = broadcastTargets(panes, options);
  const agents = options.agents;
  const skipped = new Set<string>();
  if (agents) {
    // Agent panes only: each one matching the other options, and the rest reported as skipped.
    const chosen = broadcastTargets(
      panes.filter((p) => agents.has(p.id)).map((p) => ({ ...p, spawned: true })),
      options,
    );
    for (const pane of targets) if (!agents.has(pane.id)) skipped.add(pane.id);
    targets = [...chosen, ...targets.filter((p) => skipped.has(p.id))].sort(
      (a, b) =>
        a.sessionName.localeCompare(b.sessionName) ||
        a.windowIndex - b.windowIndex ||
        a.index - b.index,
    );
  }
  return Promise.all(
    targets.map(async (pane): Promise<BroadcastTarget> => {
      const result: BroadcastTarget = {
        target: `${pane.sessionName}:${pane.windowName}.${pane.index}`,
        pane: pane.id,
        session: pane.sessionName,
        worktree: pane.worktree,
        delivered: false,
      };
      if (skipped.has(pane.id)) return { ...result, reason: 'not an agent pane' };
      if (pane.dead) return { ...result, reason: 'dead' };
      if (pane.inputOff) return { ...result, reason: 'input-off' };
      try {
        await sendText(tmux, pane.id, text, { enter: options.enter ?? true, log: pane.log });
        return { ...result, delivered: true };
      } catch (error) {
        return { ...result, reason: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}
