// The state store: tmux pane user options (`@pots-state`, `@pots-state-at`, `@pots-state-by`,
// `@pots-state-msg`, `@pots-agent-kind`). Every pots process reads them all with the one
// `list-panes -a` it makes anyway; no daemon has to run, and they vanish with the pane.
import {
  FIELD_SEPARATOR,
  RECORD_END,
  TmuxCommandError,
  chain,
  defineFormat,
  isTmuxError,
  type Tmux,
} from '../../tmux/index.js';
import { POTS_PANE_OPTIONS } from '../../tmux/pane-state.js';
import type { ReportableState } from './model.js';

/** A state report to record. */
export interface ReportInput {
  state: ReportableState;
  /** `hook:<event>`, `report`, `spawn`, `screen:<rule>`. */
  by: string;
  message?: string | null;
  /** Which agent runs in the pane, when the reporter knows (a hook does). */
  agent?: string | null;
  /** Default: now. */
  at?: Date;
}

/** The pane as it was just before the report: for edge-triggered notifications. */
export interface ReportedPane {
  id: string;
  /** The state stored before this report, or null. */
  previous: string | null;
  session: string;
  window: string;
  worktree: string | null;
  tty: string;
  agent: string | null;
  /** The attached clients' names (for display-message). */
  clients: string[];
}

const BEFORE = defineFormat({
  id: 'pane_id',
  state: POTS_PANE_OPTIONS.state,
  session: 'session_name',
  window: 'window_name',
  worktree: '@pots-worktree',
  tty: 'pane_tty',
  agent: POTS_PANE_OPTIONS.agentKind,
});
const CLIENT = defineFormat({ name: 'client_name' });

/**
 * One line of at most 200 characters, no control characters: it is stored in a tmux option and
 * listed between separators.
 * @example oneLine('Claude needs\nyour permission') // 'Claude needs your permission'
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/**
 * The tmux commands that store `report` on pane `%N` (for chaining into a larger invocation).
 * @example tmux.run(chain(reportCommands('%3', { state: 'starting', by: 'spawn' })))
 */
export function reportCommands(paneId: string, report: ReportInput): string[][] {
  const set = (option: string, value: string) => ['set-option', '-p', '-t', paneId, option, value];
  const commands = [
    set(POTS_PANE_OPTIONS.state, report.state),
    set(POTS_PANE_OPTIONS.stateAt, String((report.at ?? new Date()).getTime())),
    set(POTS_PANE_OPTIONS.stateBy, oneLine(report.by)),
  ];
  const message = report.message ? oneLine(report.message) : '';
  commands.push(
    message === ''
      ? ['set-option', '-p', '-u', '-t', paneId, POTS_PANE_OPTIONS.stateMessage]
      : set(POTS_PANE_OPTIONS.stateMessage, message),
  );
  if (report.agent) commands.push(set(POTS_PANE_OPTIONS.agentKind, report.agent));
  return commands;
}

/**
 * Records `report` on pane `%N` and returns what the pane looked like just before, in ONE tmux
 * invocation. A missing pane is TmuxCommandError `not-found`; no server is `no-server`.
 * @example const before = await writeReport(tmux, '%3', { state: 'waiting', by: 'hook:Notification' })
 */
export async function writeReport(
  tmux: Tmux,
  paneId: string,
  report: ReportInput,
): Promise<ReportedPane> {
  if (!/^%\d+$/.test(paneId)) {
    throw new TmuxCommandError({ kind: 'not-found', message: `not a pane id: ${paneId}` });
  }
  const stdout = await tmux.run(
    chain([
      // list-panes -t lists the pane's window (display-message -t falls back to another pane
      // when one is missing); the pane is picked out by id below.
      ['list-panes', '-t', paneId, '-F', BEFORE.format],
      ['list-clients', '-F', CLIENT.format],
      ...reportCommands(paneId, report),
    ]),
  );
  // Two listings in one stdout: panes have BEFORE's field count, clients one field.
  const records = stdout
    .split(`${FIELD_SEPARATOR}${RECORD_END}\n`)
    .filter(Boolean)
    .map((record) => record.split(FIELD_SEPARATOR));
  const mine = records.find((f) => f.length === BEFORE.keys.length && f[0] === paneId);
  if (!mine) throw new TmuxCommandError({ kind: 'not-found', message: `no tmux pane ${paneId}` });
  const clients = records.filter((f) => f.length === 1 && f[0] !== '').map((f) => f[0]!);
  const [, previous, session, window, worktree, tty, agent] = mine;
  return {
    id: paneId,
    previous: previous || null,
    session: session ?? '',
    window: window ?? '',
    worktree: worktree || null,
    tty: tty ?? '',
    agent: report.agent || agent || null,
    clients,
  };
}

/**
 * Whether `error` means tmux or the pane is gone (a report then only warns).
 * @example isGone(error) // true for no server, no pane
 */
export function isGone(error: unknown): boolean {
  return isTmuxError(error, 'no-server') || isTmuxError(error, 'not-found');
}
