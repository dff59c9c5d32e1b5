// Sessions, windows and panes: ONE tmux process per listing (`-a` for windows and panes), typed.
// No server running means nothing to list, not an error (exit-empty stops the server with its last
// session).
import {
  defineFormat,
  FIELD_SEPARATOR,
  idField as id,
  intField as int,
  RECORD_END,
} from './format.js';
import { isTmuxError } from './errors.js';
import type { Tmux } from './server.js';

/**
 * The user options pots records on the sessions (and windows) it makes. `unit` says at which scope
 * the others were set (`session` or `window`): a format's `#{@opt}` looks at the pane, then the
 * window, then the session, so `list-sessions` shows a session's current window's options and
 * `list-windows` a window's session's — `unit` tells whose they are.
 */
export const POTS_OPTIONS = {
  worktree: '@pots-worktree',
  project: '@pots-project',
  task: '@pots-task',
  repo: '@pots-repo',
  unit: '@pots-unit',
} as const;

/** pots's user options as read back; an unset (or empty) option is null. */
export interface PotsOptions {
  /** Absolute path of the worktree. */
  worktree: string | null;
  project: string | null;
  task: string | null;
  repo: string | null;
  /** `session` or `window`: the scope the options were set at (see POTS_OPTIONS). */
  unit: string | null;
}

export interface TmuxSession {
  /** `$N`: target every later command with it. */
  id: string;
  name: string;
  path: string;
  /** Number of clients attached. */
  attached: number;
  windows: number;
  created: Date;
  activity: Date;
  options: PotsOptions;
}

export interface TmuxWindow {
  /** `@N`. */
  id: string;
  sessionId: string;
  sessionName: string;
  /** Number of clients attached to the window's session. */
  sessionAttached: number;
  index: number;
  name: string;
  /** The current window of its session. */
  active: boolean;
  layout: string;
  panes: number;
  /** The active pane's current directory. */
  path: string;
  activity: Date;
  /** Window options; tmux formats fall back to the session's value when the window has none. */
  options: PotsOptions;
}

export interface TmuxPane {
  /** `%N`. */
  id: string;
  sessionId: string;
  windowId: string;
  windowIndex: number;
  windowName: string;
  index: number;
  active: boolean;
  pid: number;
  currentCommand: string;
  /** `@pots-command`: the command a template or `--cmd` gave the pane, as written; null when none. */
  userCommand: string | null;
  currentPath: string;
  dead: boolean;
  /** Exit status of a dead pane's process (null while alive or when it was killed by a signal). */
  deadStatus: number | null;
  title: string;
  inMode: boolean;
  width: number;
  height: number;
  /** tmux keeps activity per window, not per pane: this is the pane's window's last activity. */
  activity: Date;
}

const optionFields = {
  optWorktree: POTS_OPTIONS.worktree,
  optProject: POTS_OPTIONS.project,
  optTask: POTS_OPTIONS.task,
  optRepo: POTS_OPTIONS.repo,
  optUnit: POTS_OPTIONS.unit,
} as const;

const SESSION_FORMAT = defineFormat({
  id: 'session_id',
  name: 'session_name',
  path: 'session_path',
  attached: 'session_attached',
  windows: 'session_windows',
  created: 'session_created',
  activity: 'session_activity',
  ...optionFields,
});

const WINDOW_FORMAT = defineFormat({
  id: 'window_id',
  sessionId: 'session_id',
  sessionName: 'session_name',
  sessionAttached: 'session_attached',
  index: 'window_index',
  name: 'window_name',
  active: 'window_active',
  layout: 'window_layout',
  panes: 'window_panes',
  path: 'pane_current_path',
  activity: 'window_activity',
  ...optionFields,
});

const PANE_FORMAT = defineFormat({
  id: 'pane_id',
  sessionId: 'session_id',
  windowId: 'window_id',
  windowIndex: 'window_index',
  windowName: 'window_name',
  index: 'pane_index',
  active: 'pane_active',
  pid: 'pane_pid',
  currentCommand: 'pane_current_command',
  userCommand: '@pots-command',
  currentPath: 'pane_current_path',
  dead: 'pane_dead',
  deadStatus: 'pane_dead_status',
  title: 'pane_title',
  inMode: 'pane_in_mode',
  width: 'pane_width',
  height: 'pane_height',
  activity: 'window_activity',
});

/**
 * Every session on the server, in one tmux call.
 * @example const sessions = await listSessions(tmux); sessions.find((s) => s.options.worktree === dir)
 */
export async function listSessions(tmux: Tmux): Promise<TmuxSession[]> {
  return sessionsFrom(await listOrNothing(tmux, ['list-sessions', '-F', SESSION_FORMAT.format]));
}

function sessionsFrom(stdout: string): TmuxSession[] {
  return SESSION_FORMAT.parse(stdout).map((r) => ({
    id: id(r.id, '$'),
    name: r.name,
    path: r.path,
    attached: int(r.attached, 'session_attached'),
    windows: int(r.windows, 'session_windows'),
    created: time(r.created, 'session_created'),
    activity: time(r.activity, 'session_activity'),
    options: potsOptions(r),
  }));
}

/**
 * Every window of every session (`list-windows -a`), in one tmux call.
 * @example const windows = await listWindows(tmux); windows.filter((w) => w.sessionId === '$3')
 */
export async function listWindows(tmux: Tmux): Promise<TmuxWindow[]> {
  return windowsFrom(await listOrNothing(tmux, ['list-windows', '-a', '-F', WINDOW_FORMAT.format]));
}

function windowsFrom(stdout: string): TmuxWindow[] {
  return WINDOW_FORMAT.parse(stdout).map((r) => ({
    id: id(r.id, '@'),
    sessionId: id(r.sessionId, '$'),
    sessionName: r.sessionName,
    sessionAttached: int(r.sessionAttached, 'session_attached'),
    index: int(r.index, 'window_index'),
    name: r.name,
    active: flag(r.active),
    layout: r.layout,
    panes: int(r.panes, 'window_panes'),
    path: r.path,
    activity: time(r.activity, 'window_activity'),
    options: potsOptions(r),
  }));
}

/**
 * Every session and every window, in one tmux call (`list-sessions ; list-windows -a`): a record
 * starting with a session id (`$N`) is a session's, one starting with a window id (`@N`) a window's.
 * @example const { sessions, windows } = await listSessionsAndWindows(tmux);
 */
export async function listSessionsAndWindows(
  tmux: Tmux,
): Promise<{ sessions: TmuxSession[]; windows: TmuxWindow[] }> {
  const stdout = await listOrNothing(tmux, [
    'list-sessions',
    '-F',
    SESSION_FORMAT.format,
    ';',
    'list-windows',
    '-a',
    '-F',
    WINDOW_FORMAT.format,
  ]);
  const end = `${FIELD_SEPARATOR}${RECORD_END}\n`;
  const records = stdout === '' ? [] : stdout.split(end).slice(0, -1);
  const of = (sigil: string) =>
    records
      .filter((record) => record.startsWith(sigil))
      .map((record) => `${record}${end}`)
      .join('');
  return {
    sessions: sessionsFrom(of('$')),
    windows: windowsFrom(of('@')),
  };
}

/**
 * Every pane on the server (`list-panes -a`), in one tmux call.
 * @example const dead = (await listPanes(tmux)).filter((p) => p.dead)
 */
export async function listPanes(tmux: Tmux): Promise<TmuxPane[]> {
  const stdout = await listOrNothing(tmux, ['list-panes', '-a', '-F', PANE_FORMAT.format]);
  return PANE_FORMAT.parse(stdout).map((r) => ({
    id: id(r.id, '%'),
    sessionId: id(r.sessionId, '$'),
    windowId: id(r.windowId, '@'),
    windowIndex: int(r.windowIndex, 'window_index'),
    windowName: r.windowName,
    index: int(r.index, 'pane_index'),
    active: flag(r.active),
    pid: int(r.pid, 'pane_pid'),
    currentCommand: r.currentCommand,
    userCommand: r.userCommand || null,
    currentPath: r.currentPath,
    dead: flag(r.dead),
    deadStatus: r.deadStatus === '' ? null : int(r.deadStatus, 'pane_dead_status'),
    title: r.title,
    inMode: flag(r.inMode),
    width: int(r.width, 'pane_width'),
    height: int(r.height, 'pane_height'),
    activity: time(r.activity, 'window_activity'),
  }));
}

async function listOrNothing(tmux: Tmux, args: string[]): Promise<string> {
  try {
    return await tmux.run(args);
  } catch (error) {
    if (isTmuxError(error, 'no-server')) return '';
    throw error;
  }
}

function potsOptions(r: Record<keyof typeof optionFields, string>): PotsOptions {
  return {
    worktree: r.optWorktree || null,
    project: r.optProject || null,
    task: r.optTask || null,
    repo: r.optRepo || null,
    unit: r.optUnit || null,
  };
}

function flag(value: string): boolean {
  return value === '1';
}

function time(value: string, name: string): Date {
  return new Date(int(value, name) * 1000);
}
