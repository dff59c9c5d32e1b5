// The dashboard's one door into pots and plum: its data (worktrees and panes), its pushed feed, its
// actions, the preview and log readers, and the popup. `pots dash` and its screen use only this.
import { formatRisks } from '@plumpots/plum';
import { capture, stream } from './agents.js';
import { whereAmI } from './attach.js';
import type { PotsContext } from './context.js';

export { openPots, type PotsContext, type PotsOptions } from './context.js';
export { supervisionSettings, type SupervisionSettings } from './supervision.js';
export {
  loadDashPanes,
  loadDashWorktrees,
  mergeDash,
  sortDash,
  stateCounts,
  STATE_ORDER,
  type DashPane,
  type DashScope,
  type DashWorktree,
} from './dash-view.js';
export {
  createDashFeed,
  DASH_SUBSCRIPTION,
  DASH_SUBSCRIPTION_FORMAT,
  type DashFeed,
  type DashFeedEvent,
} from './dash-feed.js';
export {
  checkRemoval,
  DASH_CLIENT_VAR,
  goTo,
  killPane,
  newWorktreeAgent,
  planGoTo,
  pressKeys,
  removeWorktree,
  sendPrompt,
  stopPane,
  userClient,
  type GoToPlan,
  type NewAgentOptions,
  type RemovalCheck,
} from './dash-actions.js';
export { formatRisks };
export { DASH_POPUP_VAR } from './popup.js';

/**
 * The selected pane's screen for the preview: the visible screen, colours (SGR) kept and every
 * other control sequence removed (no terminal queries, no OSC 52 clipboard writes).
 * @example const lines = (await previewPane(pots, '%12')).split('\n')
 */
export function previewPane(pots: PotsContext, pane: string): Promise<string> {
  return capture(pots, pane, { ansi: true });
}

/**
 * The pane's output from its first byte, as it is produced (raw: the reader sanitizes).
 * @example for await (const e of followPane(pots, '%12', signal)) if (e.type === 'output') show(e.data)
 */
export function followPane(pots: PotsContext, pane: string, signal: AbortSignal) {
  return stream(pots, pane, { sinceStart: true, signal });
}

/** The pane the caller runs in (`$TMUX_PANE` on pots's server), if any. */
export function ownPane(pots: PotsContext): string | null {
  const place = whereAmI(pots);
  return place.kind === 'same-server' ? place.pane : null;
}
