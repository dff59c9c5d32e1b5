// Everything pots's agent commands need to know about a pane, in one `list-panes` call: liveness and
// exit status, input state (copy-mode, input-off), the pipe, and pots's pane/window/session options
// (a `#{@opt}` format falls back pane → window → session, so one field reads whichever is set).
import { TmuxCommandError, isTmuxError } from './errors.js';
import { defineFormat, idField as id, intField as int } from './format.js';
import { target } from './resolve.js';
import type { Tmux } from './server.js';

/** The pane user options pots sets on panes it spawns or pipes. */
export const POTS_PANE_OPTIONS = {
  /** `1` on every pane `pots spawn` started. */
  agent: '@pots-agent',
  /** The name given to (or derived for) a spawned pane. */
  agentName: '@pots-agent-name',
  /** Absolute path of the pane's output log (pipe-pane), which outlives the pane. */
  log: '@pots-log',
  /** Absolute path of a temporary pipe-pane log a running `pots logs`/`wait` owns. */
  pipe: '@pots-pipe',
  /** The size of the pane's log when the last `pots send` to it began (where its answer starts). */
  sent: '@pots-sent',
  /** Which agent runs in the pane (`claude`, `codex`, …), from spawn or a hook report. */
  agentKind: '@pots-agent-kind',
  /** The last reported agent state (`working`, `waiting`, …). */
  state: '@pots-state',
  /** When it was reported: epoch milliseconds. */
  stateAt: '@pots-state-at',
  /** What reported it: `hook:<event>`, `screen:<rule>`, `spawn`, `report`. */
  stateBy: '@pots-state-by',
  /** The message that came with it (the agent's notification text), one line. */
  stateMessage: '@pots-state-msg',
} as const;

export interface PaneState {
  /** `%N`. */
  id: string;
  sessionId: string;
  sessionName: string;
  windowId: string;
  windowIndex: number;
  windowName: string;
  /** The current window of its session. */
  windowActive: boolean;
  index: number;
  /** The active pane of its window. */
  active: boolean;
  /** The pane's process (0 for an empty pane). */
  pid: number;
  currentCommand: string;
  /** The command the pane was started (or respawned) with; '' for the default shell. */
  startCommand: string;
  /**
   * The command a template or `--cmd` gave the pane, as the user wrote it (`@pots-command`),
   * whether it runs as the pane's process or was typed into its shell; null when none.
   */
  userCommand: string | null;
  currentPath: string;
  dead: boolean;
  /** Exit status of a dead pane's process; null while alive, when killed by a signal, or not yet reaped. */
  deadStatus: number | null;
  /** Signal that killed a dead pane's process, or null. */
  deadSignal: number | null;
  /** In copy-mode (or another mode): keys go to the mode, not the program. */
  inMode: boolean;
  /** `select-pane -d`: the pane ignores input. */
  inputOff: boolean;
  /** A pipe-pane is active. */
  pipe: boolean;
  /** tmux keeps activity per window (there is no pane_activity in 3.3a): the window's last output. */
  windowActivity: Date;
  /** `@pots-worktree`/`@pots-project`/`@pots-task`, from the pane, its window or its session. */
  worktree: string | null;
  project: string | null;
  task: string | null;
  /** `@pots-agent` is set: `pots spawn` started it. */
  spawned: boolean;
  agentName: string | null;
  log: string | null;
  potsPipe: string | null;
  /** `@pots-sent`: the log's size when the last `pots send` began, or null. */
  sent: number | null;
  /** The pane's terminal device (`/dev/pts/N`). */
  tty: string;
  /** `@pots-agent-kind`: which agent runs in it, when known. */
  agentKind: string | null;
  /** The raw state report (`@pots-state*`); null fields when none was made. */
  report: {
    state: string | null;
    at: number | null;
    by: string | null;
    message: string | null;
  };
}

const PANE_STATE = defineFormat({
  id: 'pane_id',
  sessionId: 'session_id',
  sessionName: 'session_name',
  windowId: 'window_id',
  windowIndex: 'window_index',
  windowName: 'window_name',
  windowActive: 'window_active',
  index: 'pane_index',
  active: 'pane_active',
  pid: 'pane_pid',
  currentCommand: 'pane_current_command',
  startCommand: 'pane_start_command',
  userCommand: '@pots-command',
  currentPath: 'pane_current_path',
  dead: 'pane_dead',
  deadStatus: 'pane_dead_status',
  deadSignal: 'pane_dead_signal',
  inMode: 'pane_in_mode',
  inputOff: 'pane_input_off',
  pipe: 'pane_pipe',
  windowActivity: 'window_activity',
  worktree: '@pots-worktree',
  project: '@pots-project',
  task: '@pots-task',
  spawned: POTS_PANE_OPTIONS.agent,
  agentName: POTS_PANE_OPTIONS.agentName,
  log: POTS_PANE_OPTIONS.log,
  potsPipe: POTS_PANE_OPTIONS.pipe,
  sent: POTS_PANE_OPTIONS.sent,
  tty: 'pane_tty',
  agentKind: POTS_PANE_OPTIONS.agentKind,
  state: POTS_PANE_OPTIONS.state,
  stateAt: POTS_PANE_OPTIONS.stateAt,
  stateBy: POTS_PANE_OPTIONS.stateBy,
  stateMessage: POTS_PANE_OPTIONS.stateMessage,
});

/** The `-F` format behind `PaneState`, for chaining a listing into a larger invocation. */
export const PANE_STATE_FORMAT = PANE_STATE.format;

/**
 * Parses the output of `list-panes … -F PANE_STATE_FORMAT`.
 * @example parsePaneStates(await tmux.run(['list-panes', '-a', '-F', PANE_STATE_FORMAT]))
 */
export function parsePaneStates(stdout: string): PaneState[] {
  return PANE_STATE.parse(stdout).map((r) => ({
    id: id(r.id, '%'),
    sessionId: id(r.sessionId, '$'),
    sessionName: r.sessionName,
    windowId: id(r.windowId, '@'),
    windowIndex: int(r.windowIndex, 'window_index'),
    windowName: r.windowName,
    windowActive: r.windowActive === '1',
    index: int(r.index, 'pane_index'),
    active: r.active === '1',
    pid: r.pid === '' ? 0 : int(r.pid, 'pane_pid'),
    currentCommand: r.currentCommand,
    startCommand: r.startCommand,
    userCommand: r.userCommand || null,
    currentPath: r.currentPath,
    dead: r.dead === '1',
    deadStatus: r.deadStatus === '' ? null : int(r.deadStatus, 'pane_dead_status'),
    deadSignal: r.deadSignal === '' ? null : int(r.deadSignal, 'pane_dead_signal'),
    inMode: r.inMode === '1',
    inputOff: r.inputOff === '1',
    pipe: r.pipe === '1',
    windowActivity: new Date(int(r.windowActivity, 'window_activity') * 1000),
    worktree: r.worktree || null,
    project: r.project || null,
    task: r.task || null,
    spawned: r.spawned === '1',
    agentName: r.agentName || null,
    log: r.log || null,
    potsPipe: r.potsPipe || null,
    sent: /^\d+$/.test(r.sent) ? Number(r.sent) : null,
    tty: r.tty,
    agentKind: r.agentKind || null,
    report: {
      state: r.state || null,
      at: /^\d+$/.test(r.stateAt) ? Number(r.stateAt) : null,
      by: r.stateBy || null,
      message: r.stateMessage || null,
    },
  }));
}

/**
 * Every pane on the server (`list-panes -a`) with its state, in one tmux call; [] without a server.
 * @example const agents = (await listPaneStates(tmux)).filter((p) => p.spawned)
 */
export async function listPaneStates(tmux: Tmux): Promise<PaneState[]> {
  let stdout: string;
  try {
    stdout = await tmux.run(['list-panes', '-a', '-F', PANE_STATE_FORMAT]);
  } catch (error) {
    if (isTmuxError(error, 'no-server')) return [];
    throw error;
  }
  return parsePaneStates(stdout);
}

/**
 * One pane's state, by id, in one tmux call (`list-panes -t %N` lists its window; the pane is
 * picked out by id — `display-message -t` silently falls back to another target when one is
 * missing). A missing pane (or server) is TmuxCommandError `not-found` (exit 3).
 *
 * tmux 3.3a sometimes misses the SIGCHLD of a command that exits at once: the pane is dead but its
 * status stays unknown (the zombie is unreaped) until another child of the server exits. With
 * `reap`, a dead pane without a status or signal is read again after `run-shell true` — a child
 * whose exit makes tmux reap every zombie — in one more invocation.
 * @example const pane = await readPaneState(tmux, '%12', { reap: true }); pane.deadStatus // 3
 */
export async function readPaneState(
  tmux: Tmux,
  paneId: string,
  options: { reap?: boolean } = {},
): Promise<PaneState> {
  const read = async (args: string[]): Promise<PaneState> => {
    let stdout: string;
    try {
      stdout = await tmux.run(args);
    } catch (error) {
      if (isTmuxError(error, 'no-server')) throw paneGone(paneId, error);
      throw error;
    }
    const pane = parsePaneStates(stdout).find((p) => p.id === paneId);
    if (!pane) throw paneGone(paneId);
    return pane;
  };
  const list = ['list-panes', '-t', target(paneId), '-F', PANE_STATE_FORMAT];
  const pane = await read(list);
  if (options.reap && needsReap(pane)) {
    // run-shell without -b waits for its job, so the listing after it sees the reaped status.
    return read(['run-shell', 'true', ';', ...list]);
  }
  return pane;
}

/** A dead pane whose exit status tmux has not collected yet (see `readPaneState`). */
export function needsReap(pane: PaneState): boolean {
  return pane.dead && pane.pid > 0 && pane.deadStatus === null && pane.deadSignal === null;
}

function paneGone(paneId: string, cause?: unknown): TmuxCommandError {
  return new TmuxCommandError({
    kind: 'not-found',
    message: `no tmux pane ${paneId}`,
    ...(cause === undefined ? {} : { cause }),
  });
}
