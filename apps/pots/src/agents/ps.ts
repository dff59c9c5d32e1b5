// Every pane pots manages — panes of sessions/windows tagged with a worktree, and panes it spawned —
// with a state: running, idle (no output for `pots.idleSeconds`), or exited with its status.
// One `list-panes -a`; the pots log's mtime is the pane's last output where there is one (tmux
// 3.3a has no pane_activity, and window_activity covers every pane of the window).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { literalDefaults } from '@plumpots/core/config/defaults';
import type { Tmux } from '../tmux/index.js';
import type { ScreenRule } from './rules/index.js';
import { detectAgent } from './state/detect.js';
import type { Evidence, PaneStateName } from './state/model.js';
import { resolveState } from './state/resolve.js';
import { readScreens, screenMatch } from './state/screen.js';
import {
  PANE_STATE_FORMAT,
  listPaneStates,
  needsReap,
  parsePaneStates,
  type PaneState,
} from '../tmux/pane-state.js';

/** A pane's state: an agent's (`starting` … `stuck`), or a plain pane's (`running`, `idle`, `exited`). */
export type PaneRunState = PaneStateName;

export interface ManagedPane {
  /** `%N`. */
  id: string;
  session: string;
  /** The worktree's name (its directory name, as `pots list` shows it); null outside pots units. */
  worktree: string | null;
  /** The worktree's absolute path (`@pots-worktree`). */
  path: string | null;
  task: string | null;
  /** The command it was started with (spawned panes) or runs in the foreground now. */
  command: string;
  pid: number;
  state: PaneRunState;
  /** When it entered that state (as well as can be known: see `evidence`). */
  stateSince: Date;
  /** Which agent runs in it (`claude`, `codex`, `gemini`, `aider`, `opencode`, or a reported name); null for a plain pane. */
  agent: string | null;
  /** Why it has that state. */
  evidence: Evidence;
  /** With `exited`: the status (128 + signal when killed by one; null if unknown). */
  exitCode?: number | null;
  /** When it last printed (its log's mtime), or its window's last activity. */
  activity: Date;
  /** Started by `pots spawn` (whatever it runs; `agent` says which agent, if one). */
  spawned: boolean;
  /** `@pots-agent-name`. */
  name: string | null;
  /** The pane's pots log, if it has one. */
  log: string | null;
  window: string;
}

export interface PsOptions {
  /** Seconds without output after which a live pane is `idle` (default 30: `pots.idleSeconds`). */
  idleSeconds?: number;
  /** `working` with no output and no report this long is `stuck` (default 600: `pots.agents.stuckSeconds`). */
  stuckSeconds?: number;
  /** Read agent panes' screens for the rules (one more tmux call; default true). */
  screen?: boolean;
  /** The user's screen rules (`pots.agents.rules`). */
  rules?: Readonly<Record<string, readonly ScreenRule[]>>;
  now?: Date;
}

/**
 * The managed panes, in session/window/pane order. One tmux call (two when a dead pane's status
 * still has to be reaped, see `readPaneState`), plus one stat per log.
 * @example (await ps(tmux)).filter((p) => p.state === 'exited' && p.exitCode !== 0)
 */
export async function ps(tmux: Tmux, options: PsOptions = {}): Promise<ManagedPane[]> {
  let panes = (await listPaneStates(tmux)).filter(isManaged);
  if (panes.some(needsReap)) {
    panes = parsePaneStates(
      await tmux.run(['run-shell', 'true', ';', 'list-panes', '-a', '-F', PANE_STATE_FORMAT]),
    ).filter(isManaged);
  }
  const now = options.now ?? new Date();
  const defaults = literalDefaults().pots;
  const idleSeconds = options.idleSeconds ?? defaults.idleSeconds;
  const stuckSeconds = options.stuckSeconds ?? defaults.agents.stuckSeconds;
  const facts = await Promise.all(
    panes.map(async (pane) => {
      const logTime =
        pane.log === null
          ? null
          : await stat(pane.log).then(
              (s) => s.mtime,
              () => null,
            );
      return { pane, activity: logTime ?? pane.windowActivity, agentKind: await detectAgent(pane) };
    }),
  );
  const live = facts.filter((f) => f.agentKind !== null && !f.pane.dead).map((f) => f.pane.id);
  const screens = options.screen === false ? null : await readScreens(tmux, live).catch(() => null);
  const rows = facts.map(({ pane, activity, agentKind }): ManagedPane => {
    const lines = screens?.get(pane.id);
    const resolved = resolveState({
      dead: pane.dead,
      exitCode: pane.dead ? exitCode(pane) : null,
      agent: agentKind,
      report: pane.report,
      activity,
      ...(lines === undefined || agentKind === null
        ? {}
        : { screen: screenMatch(agentKind, lines, options.rules) }),
      now,
      idleSeconds,
      stuckSeconds,
    });
    const row: ManagedPane = {
      id: pane.id,
      session: pane.sessionName,
      worktree: pane.worktree === null ? null : basename(pane.worktree),
      path: pane.worktree,
      task: pane.task,
      // What the user wrote, not the wrapper that runs it (or the shell it was typed into).
      command: pane.userCommand ?? (pane.startCommand || pane.currentCommand),
      pid: pane.pid,
      state: resolved.state,
      stateSince: resolved.since,
      agent: agentKind,
      evidence: resolved.evidence,
      activity,
      spawned: pane.spawned,
      name: pane.agentName,
      log: pane.log,
      window: pane.windowName,
    };
    if (pane.dead) row.exitCode = exitCode(pane);
    return row;
  });
  return rows;
}

/** A pane pots manages: tagged with a worktree (session or window), spawned by pots, or one a state was reported for. */
export function isManaged(pane: PaneState): boolean {
  return pane.worktree !== null || pane.spawned || pane.report.state !== null;
}

/**
 * A dead pane's exit code as a shell reports it: the status, or 128 + the signal.
 * @example exitCode(pane) // 3
 */
export function exitCode(pane: Pick<PaneState, 'deadStatus' | 'deadSignal'>): number | null {
  if (pane.deadStatus !== null) return pane.deadStatus;
  if (pane.deadSignal !== null) return 128 + pane.deadSignal;
  return null;
}
