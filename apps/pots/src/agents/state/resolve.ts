// One pane's state from its evidence: the last report (hooks), the screen (rules), the process
// (dead or alive) and its silence. Pure, so every case reads as a table in the tests.
//
// When a report and the screen disagree, the screen wins if it shows a question or permission menu
// (hooks miss some: Claude Code's AskUserQuestion, an interrupted turn) or if the pane printed after
// the report (the screen is the newer evidence); otherwise the report wins. A report made by
// `pots spawn` (`starting`) is only a default: any screen match beats it.
import {
  REPORTABLE_STATES,
  type Evidence,
  type PaneStateName,
  type ReportableState,
  type ScreenMatch,
  type StateReport,
} from './model.js';

/** What `resolveState` needs to know about a pane. */
export interface StateInput {
  dead: boolean;
  /** The exit code of a dead pane (128 + signal), or null. */
  exitCode: number | null;
  /** Which agent runs in it; null for a plain pane. */
  agent: string | null;
  /** The raw report options, as listed (`PaneState.report`). */
  report: { state: string | null; at: number | null; by: string | null; message: string | null };
  /** The pane's last output. */
  activity: Date;
  /** The screen rule that matched: a match, null (read, nothing matched) or undefined (not read). */
  screen?: ScreenMatch | null;
  now: Date;
  idleSeconds: number;
  stuckSeconds: number;
}

export interface ResolvedState {
  state: PaneStateName;
  /** When the pane entered the state (as well as can be known). */
  since: Date;
  evidence: Evidence;
}

/** The screen counts as newer than a report when the pane printed this long after it. */
const NEWER_MS = 2000;

/**
 * A stored report, validated (null when there is none or it is malformed).
 * @example parseReport({ state: 'waiting', at: 1, by: 'hook:Notification', message: null })?.state // 'waiting'
 */
export function parseReport(raw: StateInput['report']): StateReport | null {
  if (raw.state === null || raw.at === null) return null;
  if (!(REPORTABLE_STATES as readonly string[]).includes(raw.state)) return null;
  return {
    state: raw.state as ReportableState,
    at: raw.at,
    by: raw.by ?? 'report',
    message: raw.message,
  };
}

/**
 * The pane's state, since when, and the evidence that decided it.
 * @example resolveState({ dead: false, exitCode: null, agent: 'claude', report: { state: 'waiting', at: Date.now(), by: 'hook:Notification', message: null }, activity: new Date(), now: new Date(), idleSeconds: 30, stuckSeconds: 600 }).state // 'waiting'
 */
export function resolveState(input: StateInput): ResolvedState {
  const now = input.now.getTime();
  const activity = input.activity.getTime();
  const silentSeconds = Math.max(0, Math.floor((now - activity) / 1000));
  const report = parseReport(input.report);
  const screen = input.screen ?? null;
  const base = { report, screen, conflict: null, silentSeconds };

  if (input.dead) {
    return {
      state: 'exited',
      since: new Date(report?.state === 'exited' ? report.at : activity),
      evidence: {
        ...base,
        source: 'exit',
        summary:
          input.exitCode === null
            ? 'the process exited (status unknown)'
            : input.exitCode > 128
              ? `the process was killed by signal ${input.exitCode - 128}`
              : `the process exited with status ${input.exitCode}`,
      },
    };
  }

  if (input.agent === null && report === null) {
    const idle = now - activity >= input.idleSeconds * 1000;
    return {
      state: idle ? 'idle' : 'running',
      since: idle ? new Date(activity + input.idleSeconds * 1000) : input.activity,
      evidence: {
        ...base,
        source: idle ? 'silence' : 'output',
        summary: idle
          ? `no output for ${duration(silentSeconds)} (idle after ${input.idleSeconds} s)`
          : `printed ${duration(silentSeconds)} ago`,
      },
    };
  }

  let decided: Omit<ResolvedState, 'evidence'> & {
    evidence: Omit<Evidence, 'silentSeconds' | 'report' | 'screen'>;
  };
  const fromReport = (r: StateReport) => ({
    state: r.state,
    since: new Date(r.at),
    evidence: {
      source: r.by === 'spawn' ? ('spawn' as const) : ('hook' as const),
      summary: describeReport(r, now),
      conflict: null,
    },
  });
  const fromScreen = (s: ScreenMatch) => ({
    state: s.state,
    since: report?.state === s.state ? new Date(report.at) : input.activity,
    evidence: {
      source: 'screen' as const,
      summary: `screen rule ${s.rule} matched: ${JSON.stringify(s.line)}`,
      conflict: null,
    },
  });

  if (report && screen && report.state !== screen.state && report.by !== 'spawn') {
    const screenWins = screen.state === 'waiting' || activity - report.at > NEWER_MS;
    const why =
      screen.state === 'waiting'
        ? 'a question or permission menu is on the screen'
        : screenWins
          ? 'the pane printed after the report'
          : 'the report is newer than the screen';
    const winner = screenWins ? fromScreen(screen) : fromReport(report);
    decided = {
      ...winner,
      evidence: {
        ...winner.evidence,
        conflict: {
          hook: `${report.state} (${report.by}, ${clock(report.at)})`,
          screen: `${screen.state} (${screen.rule}: ${JSON.stringify(screen.line)})`,
          winner: screenWins ? 'screen' : 'hook',
          why,
        },
      },
    };
  } else if (report && (report.by !== 'spawn' || !screen)) {
    decided = fromReport(report);
  } else if (screen) {
    decided = fromScreen(screen);
  } else {
    const idle = now - activity >= input.idleSeconds * 1000;
    decided = {
      state: idle ? 'idle' : 'working',
      since: idle ? new Date(activity + input.idleSeconds * 1000) : input.activity,
      evidence: {
        source: idle ? 'silence' : 'output',
        summary: idle
          ? `no report and no screen rule matched; no output for ${duration(silentSeconds)}`
          : `no report and no screen rule matched; printed ${duration(silentSeconds)} ago`,
        conflict: null,
      },
    };
  }

  // Working, but nothing printed and nothing reported for stuckSeconds: stuck.
  const lastEvent = Math.max(activity, report?.at ?? 0);
  if (decided.state === 'working' && now - lastEvent >= input.stuckSeconds * 1000) {
    return {
      state: 'stuck',
      since: new Date(lastEvent + input.stuckSeconds * 1000),
      evidence: {
        ...base,
        conflict: decided.evidence.conflict,
        source: 'silence',
        summary: `working (${decided.evidence.summary}), but no output and no hook event for ${duration(Math.floor((now - lastEvent) / 1000))} (stuck after ${input.stuckSeconds} s)`,
      },
    };
  }
  return { ...decided, evidence: { ...base, ...decided.evidence } };
}

function describeReport(report: StateReport, now: number): string {
  const who = report.by.startsWith('hook:')
    ? `hook ${report.by.slice(5)}`
    : report.by === 'spawn' || report.by === 'report'
      ? `pots ${report.by}`
      : report.by;
  const message = report.message ? `: ${JSON.stringify(report.message)}` : '';
  return `${who} reported ${report.state} at ${clock(report.at)} (${duration(Math.floor((now - report.at) / 1000))} ago)${message}`;
}

/** `12:03:04` in UTC: a reader comparing with `date -u` sees the same. */
function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)}Z`;
}

/**
 * Seconds as people say them: `45 s`, `3m 5s`, `2h 10m`.
 * @example duration(185) // '3m 5s'
 */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
}
