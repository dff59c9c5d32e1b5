// Where pane output is recorded: `$POTS_DATA_DIR` (default `$XDG_STATE_HOME/pots`, i.e.
// `~/.local/state/pots`), `logs/<session>/<name>-<pane>-<time>.log` for spawned panes and `tmp/`
// for the short-lived pipes `pots logs`/`wait` start on other panes.
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { sanitizeSegment } from '../names/index.js';
import { fmtLiteral, shellQuote } from '../tmux/index.js';

/**
 * Where pots keeps its state: `$POTS_DATA_DIR`, else `$XDG_STATE_HOME/pots`, else
 * `~/.local/state/pots`.
 * @example potsDataDir({ XDG_STATE_HOME: '/home/me/.state' }) // '/home/me/.state/pots'
 */
export function potsDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.POTS_DATA_DIR) return env.POTS_DATA_DIR;
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(state, 'pots');
}

/**
 * pots's data directory for an environment (`potsDataDir`), as an absolute path.
 * @example dataDirOf({ XDG_STATE_HOME: '/s' }) // '/s/pots'
 */
export function dataDirOf(env: Readonly<Record<string, string | undefined>>): string {
  return resolve(potsDataDir(env));
}

/**
 * A log path that tmux completes: `#{pane_id}`-free text is escaped (`##`), and the pane number is
 * a format (`#{s/%//:pane_id}`), so one invocation can create the pane and start its pipe before
 * its id is known. `resolvePaneLogPath` computes the same path once the id is known.
 */
export interface PaneLogPath {
  /** For tmux (pipe-pane commands, `set-option -F`): format-escaped, with a pane-number format. */
  format: string;
  /** `logEndMarker` of it, as a format. */
  endMarkerFormat: string;
  /** The real path of pane `%N`. */
  forPane(paneId: string): string;
}

const PANE_NUMBER_FORMAT = '#{s/%//:pane_id}';

/**
 * The log of a spawned pane: `<dataDir>/logs/<session>/<name>-<pane number>-<UTC time>.log`.
 * @example spawnLogPath('/d', 'app-main-dev', 'claude', new Date(0)).forPane('%7')
 *   // '/d/logs/app-main-dev/claude-7-1970-01-01T00-00-00-000Z.log'
 */
export function spawnLogPath(
  dataDir: string,
  session: string,
  name: string,
  at: Date = new Date(),
): PaneLogPath {
  const dir = join(dataDir, 'logs', sanitizeSegment(session, 100));
  const [before, after] = [`${sanitizeSegment(name, 40)}-`, `-${timestamp(at)}.log`];
  const format = (prefix: string) =>
    `${fmtLiteral(join(dir, prefix + before))}${PANE_NUMBER_FORMAT}${fmtLiteral(after)}`;
  return {
    format: format(''),
    endMarkerFormat: `${format('.')}.end`,
    forPane: (paneId) => join(dir, `${before}${paneId.replace(/^%/, '')}${after}`),
  };
}

/**
 * A temporary pipe log for a pane `pots` did not spawn: `<dataDir>/tmp/pane-<n>-<time>-<rand>.log`.
 * @example tempLogPath('/d', '%3') // '/d/tmp/pane-3-…-1a2b3c.log'
 */
export function tempLogPath(dataDir: string, paneId: string, at: Date = new Date()): string {
  const random = Math.random().toString(36).slice(2, 8);
  return join(dataDir, 'tmp', `pane-${paneId.slice(1)}-${timestamp(at)}-${random}.log`);
}

/**
 * The hidden file the pipe's shell creates once its `cat` has written everything and exited: the
 * sign that a log is complete (tmux keeps a dead pane's pipe open; its `cat` ends when the pipe is
 * closed or the pane destroyed).
 * @example logEndMarker('/d/logs/s/a-1-t.log') // '/d/logs/s/.a-1-t.log.end'
 */
export function logEndMarker(logPath: string): string {
  return join(dirname(logPath), `.${basename(logPath)}.end`);
}

/**
 * The pipe-pane command recording a pane's raw output to `log` (a path or a `PaneLogPath`
 * format): `cat >> 'log'; : > '.log.end'`. tmux format-expands it and runs it with `sh -c`, so the
 * paths are format-escaped and shell-quoted (reliability §1.2, §7.2).
 * @example pipeCommand('/d/x.log') // "cat >> '/d/x.log'; : > '/d/.x.log.end'"
 */
export function pipeCommand(log: string | PaneLogPath): string {
  if (typeof log === 'string') {
    return `cat >> ${shellQuote(fmtLiteral(log))}; : > ${shellQuote(fmtLiteral(logEndMarker(log)))}`;
  }
  return `cat >> ${shellQuote(log.format)}; : > ${shellQuote(log.endMarkerFormat)}`;
}

function timestamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}
