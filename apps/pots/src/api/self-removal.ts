// Removing the worktree you stand in, inside tmux (plum hook `worktree:removeSelf`): nothing may
// die or be deleted from inside it (reliability §3.8), so the removal runs in a new pane whose cwd
// is the main worktree, split from the caller's (`split-window -h`), with its output in view. When
// `plum remove` succeeds, that pane moves the client to the main worktree's unit (made if missing),
// says so there, and kills the worktree's unit — its own, so last, with SIGHUP ignored. When it
// fails, the pane keeps the output until a key is pressed, and nothing is killed.
import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RemoveSelfPayload, RemoveSelfResult } from '@plumpots/core';
import {
  chain,
  defineFormat,
  fmtLiteral,
  isTmuxError,
  socketPathFromTmuxEnv,
  target,
} from '../tmux/index.js';
import { callerPane, whereAmI } from './attach.js';
import { openPots, type PotsContext } from './context.js';
import { openUnit } from './create.js';
import { executeKill } from './kill.js';
import { unitTarget, type Unit } from './units.js';
import { unitsByWorktree } from './worktree-units.js';
import { REMOVE_PANE_VAR } from './worktree-removal.js';

/** What the removal pane is told (one argv element, JSON). */
export interface RemovalPaneSpec {
  /** The worktree being removed (absolute path). */
  worktree: string;
  /** Its name, for messages. */
  name: string;
  /** The main worktree: the pane's cwd, and whose unit the client moves to. */
  main: string;
  /** The removal: `[node, plum bin, 'remove', name, '--yes', …]`. */
  command: string[];
}

// Values that decide what plum and pots read (config, trust, names): the pane gets plum's, not the
// tmux server's (which may be older than the shell that ran plum).
const PASSED_ENV = /^(PLUM_|POTS_|XDG_CONFIG_HOME$|XDG_STATE_HOME$|NO_COLOR$)/;
const NOT_PASSED = new Set(['POTS_TMUX_SOCKET_NAME', REMOVE_PANE_VAR]);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The `worktree:removeSelf` hook: inside a pane of pots's tmux server, asks `payload.confirm()`,
 * then splits the caller's window (`split-window -h`, cwd the main worktree) with a pane running
 * `payload.command` through the removal pane program. Returns `{ handled: true, pane }`; not in
 * such a pane → `not-in-tmux`; no → `declined`; tmux said no → `failed` (nothing spawned).
 * @example const result = await handOffRemoval(openPots(), payload); if (result.handled) result.pane
 */
export async function handOffRemoval(
  pots: PotsContext,
  payload: Pick<RemoveSelfPayload, 'worktree' | 'cwd' | 'command' | 'confirm'>,
  options: { script?: string } = {},
): Promise<RemoveSelfResult> {
  const place = whereAmI(pots);
  if (place.kind === 'outside')
    return { handled: false, reason: 'not-in-tmux', message: 'not inside tmux' };
  if (place.kind === 'other-server') {
    return {
      handled: false,
      reason: 'not-in-tmux',
      message: `inside another tmux server (${place.socketPath}) than pots uses`,
    };
  }
  let me;
  try {
    me = await callerPane(pots);
  } catch (error) {
    return failed(error);
  }
  if (!me) {
    return {
      handled: false,
      reason: 'not-in-tmux',
      message: 'the tmux pane plum runs in is unknown',
    };
  }
  if (!(await payload.confirm())) return { handled: false, reason: 'declined' };
  try {
    const dir = await realDirectory(payload.cwd);
    const spec: RemovalPaneSpec = {
      worktree: payload.worktree.path,
      name: payload.worktree.name,
      main: dir,
      command: [...payload.command],
    };
    const env = Object.entries(pots.env)
      .filter(([key, value]) => value !== undefined && ENV_NAME.test(key))
      .filter(([key]) => PASSED_ENV.test(key) && !NOT_PASSED.has(key))
      .flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    const split = [
      'split-window',
      '-h',
      '-t',
      target(me.pane),
      '-c',
      fmtLiteral(dir),
      '-P',
      '-F',
      PANE.format,
      ...env,
      '--',
      process.execPath,
      options.script ?? removalPaneScript(),
      JSON.stringify(spec),
    ];
    const [created] = PANE.parse(await pots.tmux.run(chain([split]), { cwd: dir }));
    if (!created)
      return { handled: false, reason: 'failed', message: 'tmux split-window printed nothing' };
    return { handled: true, pane: created.pane };
  } catch (error) {
    return failed(error);
  }
}

const PANE = defineFormat({ pane: 'pane_id' });
const CLIENT = defineFormat({ name: 'client_name', session: 'session_id' });

export interface FinishSelfRemovalResult {
  /** Where the client went; null when no client showed the pane's unit (or nowhere to go). */
  movedTo: Unit | null;
  killed: Unit[];
}

/**
 * In the removal pane, once `plum remove` succeeded: moves every client showing the pane's session
 * to the main worktree's unit (opened — made when missing — through the pots API), shows a message
 * there, then kills the worktree's units that are left: the pane's own last (SIGHUP ignored), so
 * that this is the very last thing done.
 * @example await finishSelfRemoval(openPots({ cwd: spec.main }), spec)
 */
export async function finishSelfRemoval(
  pots: PotsContext,
  spec: Pick<RemovalPaneSpec, 'worktree' | 'name' | 'main'>,
  options: {
    /** Called just before the pane's own unit is killed, which hangs up this process. */
    beforeSelfKill?: () => void;
  } = {},
): Promise<FinishSelfRemovalResult> {
  const me = await callerPane(pots);
  const units = (await unitsByWorktree(pots)).get(spec.worktree) ?? [];
  const self = me
    ? (units.find((unit) => unit.id === (unit.mode === 'session' ? me.sessionId : me.windowId)) ??
      null)
    : null;
  const clients = me ? (await listClients(pots)).filter((c) => c.session === me.sessionId) : [];
  let movedTo: Unit | null = null;
  if (self && clients.length > 0) {
    movedTo = await openUnit(pots, { worktree: spec.main }).then(
      (opened) => opened.unit,
      () => null, // e.g. an unapproved template: the client then leaves with the session
    );
  }
  const message = `plum: removed worktree ${spec.name} (${spec.worktree})`;
  const commands = clients.flatMap((client) => [
    ...(movedTo ? [['switch-client', '-c', client.name, '-t', unitTarget(movedTo)]] : []),
    ['display-message', '-c', client.name, '-d', '6000', fmtLiteral(message)],
  ]);
  // A client that detached meanwhile is not a reason to keep the unit.
  if (commands.length > 0) await pots.tmux.probe(chain(commands));
  const killed = await executeKill(
    pots,
    {
      mode: (await pots.settings()).mode,
      targets: units,
      self,
      clientLosesSession: false,
      switchTo: null,
    },
    options,
  );
  return { movedTo, killed };
}

/**
 * The context the removal pane acts in: the pane's own tmux server (`$TMUX`) whatever the server's
 * environment says, at the main worktree.
 * @example await finishSelfRemoval(removalPaneContext(spec, process.env), spec)
 */
export function removalPaneContext(
  spec: Pick<RemovalPaneSpec, 'main'>,
  env: NodeJS.ProcessEnv,
): PotsContext {
  const socketPath = socketPathFromTmuxEnv(env.TMUX);
  // Outside tmux (never, in the pane): the default server, not POTS_TMUX_SOCKET_NAME's.
  return openPots({ cwd: spec.main, env, server: socketPath ? { socketPath } : {} });
}

async function listClients(pots: PotsContext): Promise<Array<{ name: string; session: string }>> {
  try {
    return CLIENT.parse(await pots.tmux.run(['list-clients', '-F', CLIENT.format]));
  } catch (error) {
    if (isTmuxError(error, 'no-server')) return [];
    throw error;
  }
}

/** `dist/remove-pane.js`, next to the module that spawns it (src → the built file). */
function removalPaneScript(): string {
  for (const candidate of ['./remove-pane.js', '../../dist/remove-pane.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('pots is not built: dist/remove-pane.js is missing');
}

async function realDirectory(dir: string): Promise<string> {
  const real = await realpath(dir);
  if (!(await stat(real)).isDirectory()) throw new Error(`${dir} is not a directory`);
  return real;
}

function failed(error: unknown): RemoveSelfResult {
  return {
    handled: false,
    reason: 'failed',
    message: error instanceof Error ? error.message : String(error),
  };
}
