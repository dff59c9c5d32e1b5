// Getting the user to a unit: `switch-client` when they are already in a tmux client of this
// server (never a nested attach), `attach-session` on their terminal otherwise, and the command to
// run when neither is possible (no terminal, or inside another tmux server).
import { realpathSync } from 'node:fs';
import { PlumError, UsageError } from '@plumpots/core';
import {
  defineFormat,
  runInteractive,
  target,
  shellQuote,
  socketPathFromTmuxEnv,
  tmuxSocketPath,
} from '../tmux/index.js';
import type { PotsContext } from './context.js';
import { unitTarget, type Unit } from './units.js';

/** Where the caller is, as far as tmux goes. */
export type TmuxPlace =
  /** Not inside tmux. */
  | { kind: 'outside' }
  /** In a pane of the server pots uses (`pane`: `$TMUX_PANE`, when set). */
  | { kind: 'same-server'; pane: string | null }
  /** In a pane of another tmux server. */
  | { kind: 'other-server'; socketPath: string };

/**
 * Whether `$TMUX` is set, and whether it names the server pots talks to (compared by socket path).
 * @example if (whereAmI(pots).kind === 'same-server') …
 */
export function whereAmI(pots: Pick<PotsContext, 'env' | 'tmux'>): TmuxPlace {
  const theirs = socketPathFromTmuxEnv(pots.env.TMUX);
  if (!theirs) return { kind: 'outside' };
  const ours = tmuxSocketPath(pots.tmux.server, pots.env);
  if (real(theirs) !== real(ours)) return { kind: 'other-server', socketPath: theirs };
  const pane = pots.env.TMUX_PANE;
  return { kind: 'same-server', pane: pane && /^%\d+$/.test(pane) ? pane : null };
}

/** The pane pots runs in, on pots's server. */
export interface CallerPane {
  /** `%N`. */
  pane: string;
  sessionId: string;
  windowId: string;
  /** A client shows the pane's session: there is a "current client" to switch or detach. */
  attached: boolean;
}

const CALLER = defineFormat({
  pane: 'pane_id',
  sessionId: 'session_id',
  windowId: 'window_id',
  attached: 'session_attached',
});

/**
 * The pane pots runs in when it runs inside a pane of pots's own server (one tmux call), else null.
 * Without an attached client, tmux's "current client" would be whichever client was used last —
 * possibly someone else's terminal — so callers switch or detach only when `attached`.
 * @example const me = await callerPane(pots); if (me?.attached) …
 */
export async function callerPane(
  pots: Pick<PotsContext, 'env' | 'tmux'>,
): Promise<CallerPane | null> {
  const place = whereAmI(pots);
  if (place.kind !== 'same-server' || !place.pane) return null;
  const result = await pots.tmux.probe([
    'display-message',
    '-p',
    '-t',
    target(place.pane),
    CALLER.format,
  ]);
  if (result.exitCode !== 0) return null;
  // display-message falls back to another pane when the target is gone: check it answered for ours.
  const [row] = CALLER.parse(result.stdout);
  if (!row || row.pane !== place.pane) return null;
  return {
    pane: row.pane,
    sessionId: row.sessionId,
    windowId: row.windowId,
    attached: Number(row.attached) > 0,
  };
}

export type AttachAction = 'switch' | 'attach' | 'print';

export interface AttachPlan {
  /** `switch`: switch-client; `attach`: attach-session on this terminal; `print`: tell the user. */
  action: AttachAction;
  /** The tmux arguments for `switch` and `attach`. */
  args: string[];
  /** A command a person can paste to attach (`tmux -L work attach -t '=app-main-dev'`). */
  command: string;
  /** Why the command is printed instead of attaching. */
  reason: string | null;
}

/**
 * Decides how to reach `unit` (`interactive`: stdin is a terminal). Inside a pane of this server
 * whose session a client shows: switch that client. Inside tmux otherwise: print (never nest).
 * @example (await planAttach(pots, unit, { interactive: process.stdin.isTTY === true })).action // 'switch'
 */
export async function planAttach(
  pots: Pick<PotsContext, 'env' | 'tmux'>,
  unit: Unit,
  options: { interactive: boolean },
): Promise<AttachPlan> {
  const command = attachCommand(pots, unit);
  const tgt = unitTarget(unit);
  const place = whereAmI(pots);
  if (place.kind === 'same-server') {
    const me = await callerPane(pots);
    if (me?.attached) {
      return { action: 'switch', args: ['switch-client', '-t', tgt], command, reason: null };
    }
    return {
      action: 'print',
      args: [],
      command,
      reason: 'no tmux client shows the pane pots runs in, so there is no client to switch',
    };
  }
  if (place.kind === 'other-server') {
    return {
      action: 'print',
      args: [],
      command,
      reason: `you are inside another tmux server (${place.socketPath}); pots does not nest clients`,
    };
  }
  if (!options.interactive) {
    return { action: 'print', args: [], command, reason: 'stdin is not a terminal' };
  }
  return { action: 'attach', args: ['attach-session', '-t', tgt], command, reason: null };
}

/**
 * Carries out a plan: switches the current client, or attaches this terminal until the client
 * detaches. A `print` plan does nothing (the caller shows `plan.command`).
 * @example const plan = planAttach(pots, unit, { interactive: true }); await attach(pots, plan);
 */
export async function attach(pots: PotsContext, plan: AttachPlan): Promise<void> {
  if (plan.action === 'switch') {
    await pots.tmux.run(plan.args, { env: paneEnv(pots) });
  } else if (plan.action === 'attach') {
    const code = await runInteractive(pots.tmux, plan.args);
    if (code !== 0) {
      throw new PlumError('ERR_POTS_ATTACH', `tmux attach-session exited with code ${code}`, 1, {
        hint: `try it by hand: ${plan.command}`,
      });
    }
  }
}

/**
 * Detaches the client the caller is in. Outside tmux, or in another server's client, UsageError
 * (exit 2).
 * @example await detachClient(pots)
 */
export async function detachClient(pots: PotsContext): Promise<void> {
  const place = whereAmI(pots);
  if (place.kind === 'outside') {
    throw new UsageError('not inside tmux: there is no client to detach', {
      hint: 'run pots detach from a pane of a tmux session',
    });
  }
  if (place.kind === 'other-server') {
    throw new UsageError(
      `your tmux client is on another server (${place.socketPath}) than pots uses`,
      { hint: 'press your tmux prefix then d, or pass the same -L/-S' },
    );
  }
  const me = await callerPane(pots);
  if (!me?.attached) {
    throw new UsageError('no tmux client shows the pane pots runs in: nothing to detach', {
      hint: 'run pots detach from the terminal attached to tmux',
    });
  }
  await pots.tmux.run(['detach-client'], { env: paneEnv(pots) });
}

/**
 * The shell command that attaches to `unit` on pots's server, exact names only.
 * @example attachCommand(pots, unit) // "tmux -L work attach -t '=app-main-dev'"
 */
export function attachCommand(pots: Pick<PotsContext, 'tmux'>, unit: Unit): string {
  const { server } = pots.tmux;
  const flags = server.socketPath
    ? ['-S', quoteIfNeeded(server.socketPath)]
    : server.socketName
      ? ['-L', quoteIfNeeded(server.socketName)]
      : [];
  const tgt = unit.mode === 'session' ? `=${unit.name}` : `=${unit.session}:=${unit.name}`;
  return ['tmux', ...flags, 'attach', '-t', shellQuote(tgt)].join(' ');
}

/**
 * Extra environment for tmux commands that act on the caller's own client (`switch-client`,
 * `detach-client`): tmux finds "the current client" of a command-line client through `TMUX_PANE`
 * (its stdin is no tty), which the gateway otherwise scrubs.
 */
export function paneEnv(pots: Pick<PotsContext, 'env' | 'tmux'>): Record<string, string> {
  const place = whereAmI(pots);
  return place.kind === 'same-server' && place.pane ? { TMUX_PANE: place.pane } : {};
}

function quoteIfNeeded(s: string): string {
  return /^[\w./:@%+,-]+$/.test(s) ? s : shellQuote(s);
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
