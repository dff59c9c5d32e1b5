// Creating and killing sessions, and setting options — by id, with every format-expanded argument
// escaped. tmux starts a pane somewhere else when its `-c` dir is missing or mangled, without an
// error (§2.6), so the dir is checked before and the pane's real cwd after.
import { realpath, stat } from 'node:fs/promises';
import { NotFoundError, RefusedError, UsageError } from '@plumpots/core';
import { chain } from './chain.js';
import { TmuxCommandError, isTmuxError } from './errors.js';
import { fmtLiteral } from './escape.js';
import { FIELD_SEPARATOR, RECORD_END, defineFormat } from './format.js';
import { target } from './resolve.js';
import type { Tmux } from './server.js';

export interface NewSessionOptions {
  /** The exact session name (see `sessionName()` in names/codec). */
  name: string;
  /** The first pane's directory; must exist. */
  cwd: string;
  /** Variables for the session's panes (`new-session -e`, tmux ≥ 3.2). */
  env?: Record<string, string>;
  /**
   * The first pane's command as argv. More than one element is exec'd directly (no shell); a single
   * element is run by tmux's default-shell. Without it the pane runs the default shell.
   */
  command?: readonly string[];
  /** Session user options (`@pots-worktree`, …), set in the same tmux invocation. */
  options?: Record<string, string>;
  /** User options of the first window (window mode tags windows, not sessions), same invocation. */
  windowOptions?: Record<string, string>;
  /** User options of the first pane (`@pots-command`), same invocation. */
  paneOptions?: Record<string, string>;
  windowName?: string;
  width?: number;
  height?: number;
}

export interface NewSessionResult {
  sessionId: string;
  windowId: string;
  paneId: string;
}

export type OptionScope = 'session' | 'window' | 'pane';

const CREATED = defineFormat({ sessionId: 'session_id', windowId: 'window_id', paneId: 'pane_id' });
const PANE_PATHS = defineFormat({
  id: 'pane_id',
  startPath: 'pane_start_path',
  currentPath: 'pane_current_path',
});
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPTION_NAME = /^@?[A-Za-z][A-Za-z0-9_-]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Throws UsageError (exit 2) for a name tmux would store differently (so an exact lookup would
 * miss it): empty, `.`/`:` (rewritten to `_` by tmux 3.2–3.6, refused by 3.7), `$`/`\`/control
 * characters (vis-escaped), unpaired surrogates. `#` is fine: it is escaped.
 * @example assertSessionName('app-main-dev')
 */
export function assertSessionName(name: string): void {
  let why: string | undefined;
  if (name === '') why = 'it is empty';
  else if (/[.:]/.test(name)) why = 'tmux rewrites or refuses "." and ":"';
  else if (/[$\\]/.test(name) || hasControl(name))
    why = 'tmux would store "$", "\\" and control characters escaped';
  else if (LONE_SURROGATE.test(name)) why = 'it is not valid Unicode';
  if (why) {
    throw new UsageError(
      `bad tmux session name ${JSON.stringify(name)}: ${why}`,
      {
        hint: 'use letters, digits, "-" and "_"',
      },
      'ERR_POTS_BAD_SESSION_NAME',
    );
  }
}

/**
 * Starts a detached session and returns the ids of its session, window and pane. A taken name is
 * RefusedError (exit 4) — created-and-caught, never checked first. A missing `cwd` is NotFoundError
 * (exit 3) before tmux runs. If the pane starts anywhere but `cwd`, the session is killed and a
 * TmuxCommandError (`wrong-cwd`) thrown.
 * @example const { sessionId } = await newSession(tmux, { name: 'app-main-dev', cwd: '/src/app', options: { '@pots-task': 'dev' } })
 */
export async function newSession(
  tmux: Tmux,
  options: NewSessionOptions,
): Promise<NewSessionResult> {
  assertSessionName(options.name);
  const dir = await realDirectory(options.cwd);
  const create = [
    'new-session',
    '-d',
    '-P',
    '-F',
    CREATED.format,
    '-s',
    fmtLiteral(options.name),
    '-c',
    fmtLiteral(dir),
  ];
  if (options.windowName !== undefined) {
    if (options.windowName === '' || hasControl(options.windowName)) {
      throw new UsageError(`bad tmux window name ${JSON.stringify(options.windowName)}`);
    }
    create.push('-n', fmtLiteral(options.windowName));
  }
  if (options.width !== undefined) create.push('-x', String(positive(options.width, 'width')));
  if (options.height !== undefined) create.push('-y', String(positive(options.height, 'height')));
  create.push(...envArgs(options.env ?? {}));
  if (options.command !== undefined) {
    if (options.command.length === 0) throw new UsageError('empty command for the new session');
    create.push('--', ...options.command);
  }
  // `=name:` (exact, then its current window) works for option targets where `=name` does not
  // (§1.3); the id is not known until new-session answers, and this keeps it one invocation.
  const exact = `=${options.name}:`;
  const commands = [
    create,
    ...optionCommands(exact, options.options ?? {}, 'session'),
    ...optionCommands(exact, options.windowOptions ?? {}, 'window'),
    ...optionCommands(exact, options.paneOptions ?? {}, 'pane'),
  ];

  let stdout: string;
  try {
    stdout = await tmux.run(chain(commands), { cwd: dir });
  } catch (error) {
    if (isTmuxError(error, 'duplicate')) {
      throw new RefusedError(
        'ERR_POTS_SESSION_EXISTS',
        `a tmux session named "${options.name}" already exists`,
        {
          hint: 'attach to it, or pick another name',
          cause: error,
        },
      );
    }
    throw error;
  }
  const [created] = CREATED.parse(stdout);
  if (!created)
    throw new TmuxCommandError({
      kind: 'bad-output',
      message: `tmux new-session printed nothing for "${options.name}"`,
    });
  await checkPaneDirectory(tmux, created, dir, `session "${options.name}"`, created.sessionId);
  return created;
}

export interface NewWindowOptions {
  /** `$N` of the session that gets the window. */
  sessionId: string;
  /** The window's name (display only: pots addresses windows by id). */
  name: string;
  /** The first pane's directory; must exist. */
  cwd: string;
  /** As for `newSession`. */
  command?: readonly string[];
  env?: Record<string, string>;
  /** Window user options, set in the same tmux invocation. */
  options?: Record<string, string>;
  /** User options of its pane (`@pots-command`), same invocation. */
  paneOptions?: Record<string, string>;
}

/**
 * Adds a window after the last one of a session, without selecting it, and returns its ids.
 * Window options are set in the same invocation (`{end}` is the new window until another is
 * added). Checks the directory as `newSession` does; a wrong one kills the window.
 * @example const { windowId } = await newWindow(tmux, { sessionId: '$0', name: 'app-feat-dev', cwd: '/src/app.worktrees/feat' })
 */
export async function newWindow(tmux: Tmux, options: NewWindowOptions): Promise<NewSessionResult> {
  if (options.name === '' || hasControl(options.name)) {
    throw new UsageError(`bad tmux window name ${JSON.stringify(options.name)}`);
  }
  const dir = await realDirectory(options.cwd);
  const end = `${target(options.sessionId)}:{end}`;
  const create = [
    'new-window',
    '-a',
    '-d',
    '-P',
    '-F',
    CREATED.format,
    '-t',
    end,
    '-n',
    fmtLiteral(options.name),
    '-c',
    fmtLiteral(dir),
    ...envArgs(options.env ?? {}),
  ];
  if (options.command !== undefined) {
    if (options.command.length === 0) throw new UsageError('empty command for the new window');
    create.push('--', ...options.command);
  }
  const stdout = await tmux.run(
    chain([
      create,
      ...optionCommands(end, options.options ?? {}, 'window'),
      ...optionCommands(end, options.paneOptions ?? {}, 'pane'),
    ]),
    { cwd: dir },
  );
  const [created] = CREATED.parse(stdout);
  if (!created)
    throw new TmuxCommandError({
      kind: 'bad-output',
      message: `tmux new-window printed nothing for "${options.name}"`,
    });
  await checkPaneDirectory(tmux, created, dir, `window "${options.name}"`, created.windowId);
  return created;
}

/**
 * Kills a window by id (`@N`). A window that is already gone is TmuxCommandError `not-found`.
 * @example await killWindow(tmux, window.id)
 */
export async function killWindow(tmux: Tmux, id: string): Promise<void> {
  if (!id.startsWith('@')) throw new Error(`not a window id: ${JSON.stringify(id)}`);
  await tmux.run(['kill-window', '-t', target(id)]);
}

/**
 * Kills a session by id (`$N`). A session that is already gone is TmuxCommandError `not-found` (exit 3).
 * @example await killSession(tmux, session.id)
 */
export async function killSession(tmux: Tmux, id: string): Promise<void> {
  if (!id.startsWith('$')) throw new Error(`not a session id: ${JSON.stringify(id)}`);
  await tmux.run(['kill-session', '-t', target(id)]);
}

/**
 * Sets options on a session (`$N`), window (`@N`) or pane (`%N`) in one tmux invocation. Values
 * are stored verbatim (set-option does not format-expand them).
 * @example await setOptions(tmux, '@7', { '@pots-task': 'api' }, 'window')
 */
export async function setOptions(
  tmux: Tmux,
  targetId: string,
  options: Record<string, string>,
  scope: OptionScope,
): Promise<void> {
  const commands = optionCommands(target(targetId), options, scope);
  if (commands.length > 0) await tmux.run(chain(commands));
}

function envArgs(env: Record<string, string>): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!ENV_NAME.test(key))
      throw new UsageError(`bad environment variable name ${JSON.stringify(key)}`);
    args.push('-e', `${key}=${value}`);
  }
  return args;
}

function optionCommands(
  targetArg: string,
  options: Record<string, string>,
  scope: OptionScope,
): string[][] {
  const flag = scope === 'window' ? ['-w'] : scope === 'pane' ? ['-p'] : [];
  return Object.entries(options).map(([name, value]) => {
    if (!OPTION_NAME.test(name))
      throw new UsageError(`bad tmux option name ${JSON.stringify(name)}`);
    return ['set-option', ...flag, '-t', targetArg, name, value];
  });
}

async function realDirectory(cwd: string): Promise<string> {
  let dir: string;
  try {
    dir = await realpath(cwd);
  } catch (error) {
    throw new NotFoundError('ERR_POTS_CWD_MISSING', `directory ${cwd} does not exist`, {
      cause: error,
    });
  }
  if (!(await stat(dir)).isDirectory()) {
    throw new NotFoundError('ERR_POTS_CWD_NOT_DIRECTORY', `${cwd} is not a directory`);
  }
  if (dir.includes(FIELD_SEPARATOR) || dir.includes(RECORD_END)) {
    throw new UsageError(
      `directory ${JSON.stringify(dir)} contains control characters pots cannot list safely`,
    );
  }
  return dir;
}

// Reads the new pane's directory back. The child chdirs right after fork, so the first read may
// land a moment early; poll briefly before calling it a mismatch.
async function checkPaneDirectory(
  tmux: Tmux,
  created: NewSessionResult,
  dir: string,
  what: string,
  /** What to kill when the pane is in the wrong place: the new session or window. */
  ownId: string,
): Promise<void> {
  const deadline = Date.now() + 1000;
  for (;;) {
    let stdout: string;
    try {
      stdout = await tmux.run([
        'list-panes',
        '-t',
        target(created.paneId),
        '-F',
        PANE_PATHS.format,
      ]);
    } catch (error) {
      if (!isTmuxError(error, 'not-found') && !isTmuxError(error, 'no-server')) throw error;
      throw new TmuxCommandError({
        kind: 'exited',
        message: `${what} ended as soon as it started (its command exited)`,
        cause: error,
      });
    }
    const pane = PANE_PATHS.parse(stdout).find((p) => p.id === created.paneId);
    if (!pane) {
      throw new TmuxCommandError({
        kind: 'exited',
        message: `${what} ended as soon as it started (its command exited)`,
      });
    }
    // pane_start_path is what tmux made of `-c` (a mangled path shows at once); pane_current_path
    // is where the process really is (a failed chdir shows there). Either may be empty where tmux
    // cannot tell; then the other decides.
    const startOk = pane.startPath === '' || (await samePath(pane.startPath, dir));
    if (startOk && pane.currentPath !== '' && (await samePath(pane.currentPath, dir))) return;
    if (startOk && pane.currentPath === '' && Date.now() > deadline) return;
    if (!startOk || Date.now() > deadline) {
      const kill = ownId.startsWith('@') ? 'kill-window' : 'kill-session';
      await tmux.probe([kill, '-t', target(ownId)]);
      throw new TmuxCommandError({
        kind: 'wrong-cwd',
        message: `tmux started ${what} in ${JSON.stringify(startOk ? pane.currentPath : pane.startPath)} instead of ${JSON.stringify(dir)}; it was killed`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function samePath(seen: string, dir: string): Promise<boolean> {
  if (seen === '') return false;
  if (seen === dir) return true;
  try {
    return (await realpath(seen)) === dir;
  } catch {
    return false;
  }
}

function positive(n: number, what: string): number {
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`bad ${what}: ${n}`);
  return n;
}

// C0 controls and DEL: tmux stores them escaped in names, and they break list-* parsing in paths.
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
