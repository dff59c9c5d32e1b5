// What an agent pane is doing, and the evidence for it. The states and the evidence kinds are a
// contract (`pots ps --json`, `pots report`, the MCP server and the dashboard read them).

/** The states of a pane that runs a known agent. */
export const AGENT_STATES = ['starting', 'working', 'waiting', 'idle', 'exited', 'stuck'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** What `pots report` accepts: every agent state but `stuck`, which only silence can prove. */
export const REPORTABLE_STATES = ['starting', 'working', 'waiting', 'idle', 'exited'] as const;
export type ReportableState = (typeof REPORTABLE_STATES)[number];

/** The states of a pane that runs no known agent (as `pots ps` always had them). */
export type PlainState = 'running' | 'idle' | 'exited';

/** Any pane's state. */
export type PaneStateName = AgentState | PlainState;

/** The states worth telling the user about when a pane enters them. */
export const NOTIFY_STATES: ReadonlySet<PaneStateName> = new Set([
  'waiting',
  'idle',
  'stuck',
  'exited',
]);

/** The agents pots knows by name: rules, hook installers, detection. */
export const KNOWN_AGENTS = ['claude', 'codex', 'gemini', 'aider', 'opencode'] as const;
export type KnownAgent = (typeof KNOWN_AGENTS)[number];

/** A state report as stored on the pane (`pots report`, a hook, `pots spawn`). */
export interface StateReport {
  state: ReportableState;
  /** Epoch milliseconds. */
  at: number;
  /** `hook:<event>` (an agent hook), `report` (a plain `pots report`), `spawn`, `screen:<rule>`. */
  by: string;
  message: string | null;
}

/** One line of the screen that a rule matched. */
export interface ScreenMatch {
  /** `<agent>/<rule name>`. */
  rule: string;
  state: 'working' | 'waiting' | 'idle';
  /** The matching line, trimmed. */
  line: string;
}

/** Why a pane has its state: what `pots ps --explain` prints and `--json` carries. */
export interface Evidence {
  /**
   * What decided: `hook` (a reported state), `screen` (a rule matched the screen), `exit` (the
   * process ended), `silence` (no output: idle / stuck), `output` (recent output, no rule),
   * `spawn` (started, nothing else known yet).
   */
  source: 'hook' | 'screen' | 'exit' | 'silence' | 'output' | 'spawn';
  /** One line for people: the event and its time, the rule and line, or the silence. */
  summary: string;
  /** The last report on the pane, if any (its `by` says which hook event). */
  report: StateReport | null;
  /** The screen rule that matched, if the screen was read and one did. */
  screen: ScreenMatch | null;
  /** When report and screen disagree: what each said and which won. */
  conflict: { hook: string; screen: string; winner: 'hook' | 'screen'; why: string } | null;
  /** Seconds since the pane last printed. */
  silentSeconds: number;
}
