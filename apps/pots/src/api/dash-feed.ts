// Pushed updates for the dashboard: one tmux control-mode client per session that holds panes it
// shows (a control client sees the output and subscriptions of its own session only), each with a
// subscription to the panes' liveness and state options (`refresh-client -B`, which tmux checks
// once a second). Nothing is polled per pane; the caller adds at most one listing a second as a
// safety net for what tmux does not announce (a pane of another session closing).
import { listSessions } from '../tmux/index.js';
import { openControlClient, type ControlClient, type ControlEvent } from '../tmux/control.js';
import type { PotsContext } from './context.js';

/** What changed: `output` from a pane, a pane's subscribed `state` format, or the `structure`. */
export type DashFeedEvent =
  | { type: 'output'; pane: string }
  | { type: 'state'; pane: string; value: string }
  | { type: 'structure' };

export interface DashFeed {
  /** Keeps one control client on each of these sessions (by name), and none on any other. */
  track(sessionNames: readonly string[]): Promise<void>;
  /** Ends every client. */
  close(): Promise<void>;
  /** How many control clients are open (for tests and bench/). */
  readonly clients: number;
  /**
   * Every session tracked has an attached client, and at least one is tracked: changes are being
   * pushed, so the caller's safety-net listing can be rare.
   */
  readonly healthy: boolean;
}

/** The subscription each control client makes: everything about a pane whose change matters. */
export const DASH_SUBSCRIPTION = 'pots-dash';
export const DASH_SUBSCRIPTION_FORMAT =
  '#{pane_dead}|#{pane_dead_status}|#{@pots-state}|#{@pots-state-at}';

/**
 * Starts the feed; `onEvent` is called for every pushed change, except output of `ignorePane`
 * (the dashboard's own pane: its drawing must not wake it).
 * @example const feed = createDashFeed(pots, { onEvent: () => refresh() }); await feed.track(['app-main-dev'])
 */
export function createDashFeed(
  pots: PotsContext,
  options: { onEvent: (event: DashFeedEvent) => void; ignorePane?: string | null },
): DashFeed {
  const clients = new Map<string, ControlClient>(); // by session id
  let wanted = new Set<string>();
  let trackedKey: string | null = null;
  let closed = false;

  const handle = (sessionId: string) => (event: ControlEvent) => {
    if (closed) return;
    if (event.type === 'output' || event.type === 'pause') {
      if (event.pane !== options.ignorePane) options.onEvent({ type: 'output', pane: event.pane });
    } else if (event.type === 'subscription') {
      if (event.name === DASH_SUBSCRIPTION && event.pane !== '-') {
        options.onEvent({ type: 'state', pane: event.pane, value: event.value });
      }
    } else if (event.type === 'structure') {
      options.onEvent({ type: 'structure' });
    } else if (event.type === 'exit') {
      // The session went (or tmux did): forget the client; the next track() opens it again if
      // the session is still wanted.
      clients.delete(sessionId);
      options.onEvent({ type: 'structure' });
    }
  };

  return {
    get clients() {
      return clients.size;
    },
    get healthy() {
      if (closed || wanted.size === 0 || clients.size !== wanted.size) return false;
      for (const client of clients.values()) if (!client.attached) return false;
      return true;
    },
    async track(sessionNames) {
      if (closed) return;
      // The same sessions as last time, every client still up: nothing to ask tmux.
      const key = [...new Set(sessionNames)].sort().join('\n');
      if (key === trackedKey && clients.size === wanted.size) return;
      trackedKey = key;
      const names = new Set(sessionNames);
      const sessions = await listSessions(pots.tmux);
      wanted = new Set(sessions.filter((s) => names.has(s.name)).map((s) => s.id));
      for (const [id, client] of clients) {
        if (!wanted.has(id)) {
          clients.delete(id);
          void client.close();
        }
      }
      for (const id of wanted) {
        if (clients.has(id)) continue;
        const client = openControlClient(pots.tmux, id, { onEvent: handle(id) });
        client.command([
          'refresh-client',
          '-B',
          `${DASH_SUBSCRIPTION}:%*:${DASH_SUBSCRIPTION_FORMAT}`,
        ]);
        clients.set(id, client);
      }
    },
    async close() {
      closed = true;
      const all = [...clients.values()];
      clients.clear();
      await Promise.all(all.map((client) => client.close()));
    },
  };
}
