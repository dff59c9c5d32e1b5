// The agent operations as pots's library exports them: on a PotsContext (server, cwd, env, config)
// with targets as the CLI takes them (`%12`, `session`, `session:window`, `session:window.pane`,
// resolved exactly) or as a pane already resolved. The CLI commands are these plus rendering.
import { createReadStream } from 'node:fs';
import { ExitCode, UsageError, isPlumError } from '@plumpots/core';
import { HOOK_AGENTS, type HookAgent } from '../agents/hooks/model.js';
import {
  broadcast as broadcastText,
  type BroadcastOptions,
  type BroadcastTarget,
} from '../agents/broadcast.js';
import { capturePane, type CaptureOptions } from '../agents/capture.js';
import { dataDirOf } from '../agents/paths.js';
import type { ManagedPane } from '../agents/ps.js';
import { sendText, type SendTextResult } from '../agents/send.js';
import { focusSpawnedWindow, spawnAgent, type SpawnedPane } from '../agents/spawn.js';
import { streamPane, type PaneStreamEvent, type StreamPaneOptions } from '../agents/stream.js';
import { resolveTarget } from '../agents/targets.js';
import { waitFor, type WaitCondition, type WaitOptions, type WaitResult } from '../agents/wait.js';

export type { WaitCondition, WaitResult } from '../agents/wait.js';
import { POTS_OPTIONS } from '../tmux/index.js';
import type { PaneState } from '../tmux/pane-state.js';
import type { PotsContext } from './context.js';
import { openUnit } from './create.js';
import { agentFromCommand } from '../agents/state/detect.js';
import { agentStates, installHooks, supervisionSettings } from './supervision.js';
import { ensureWatcher } from './watcher.js';

/** A target string (`%12`, `session[:window[.pane]]`) or a pane `resolvePane` returned. */
export type PaneRef = string | PaneState;

/**
 * The one pane a target names, from one `list-panes -a`: names match exactly, no match is
 * NotFoundError (exit 3), two panes is UsageError (exit 2).
 * @example const pane = await resolvePane(pots, 'app-feat-login-dev:claude'); pane.id // '%12'
 */
export async function resolvePane(pots: PotsContext, target: PaneRef): Promise<PaneState> {
  return typeof target === 'string' ? resolveTarget(pots.tmux, target) : target;
}

export interface SpawnOptions {
  /**
   * argv, exec'd directly (no shell): `['sh', '-c', '…']` for shell syntax. May be empty with
   * `agent`: the agent's own name is run.
   */
  command: readonly string[];
  /**
   * A known agent (`claude`, `codex`, `gemini`, `aider`: `SPAWN_AGENTS`): its hooks are installed
   * for the worktree first (merged beside the user's own), and the pane is recorded as that agent.
   */
  agent?: string;
  /** A worktree name, branch or path (default: the one holding the cwd). */
  worktree?: string;
  /** The unit's task (default `pots.defaultTask`). */
  task?: string;
  /** Window name, `@pots-agent-name` and log-file stem (default: the program's name). */
  name?: string;
  env?: Record<string, string>;
  /** Split the unit's current pane instead of opening a window. */
  split?: 'h' | 'v';
}

/** What `spawn` with `agent` did to the agent's hook config. */
export interface SpawnHooks {
  agent: string;
  file: string;
  /** The file was written (false: pots's hooks were already there). */
  changed: boolean;
  /** Why the hooks were not installed (the agent still starts; its states come from its screen). */
  warning: string | null;
}

/** A spawned pane, and whether its session (window, in window mode) had to be created. */
export interface SpawnResult extends SpawnedPane {
  unitCreated: boolean;
  /** With `agent`: its hooks; else null. */
  hooks: SpawnHooks | null;
}

/** The agents `spawn` knows how to start with their hooks (`pots spawn --agent`). */
export const SPAWN_AGENTS = HOOK_AGENTS;

/**
 * Runs `command` as the initial process of a new window (or split) in the worktree's session —
 * created if missing — keeping its exit status (remain-on-exit) and appending its raw output to a
 * log under the data dir that outlives the pane. With `agent`, that agent's hooks are installed for
 * the worktree before it starts (idempotent; the user's own hooks stay); an unknown agent is
 * UsageError (exit 2), a hook file pots may not change (not JSON, or the user's own notify
 * program) a `hooks.warning` — the agent starts anyway.
 * @example const pane = await spawn(openPots(), { worktree: 'feat-login', command: ['claude'] });
 *   await send(pots, pane.id, 'Fix the failing test.'); await wait(pots, pane.id, { idle: 30 });
 */
export async function spawn(pots: PotsContext, options: SpawnOptions): Promise<SpawnResult> {
  const agent = options.agent === undefined ? undefined : knownAgent(options.agent);
  const command = options.command.length === 0 && agent ? [agent] : options.command;
  const settings = await pots.settings();
  const { unit, created } = await openUnit(pots, {
    ...(options.worktree === undefined ? {} : { worktree: options.worktree }),
    ...(options.task === undefined ? {} : { task: options.task }),
  });
  const windowMode = settings.mode === 'window';
  // Window mode: a split goes into the unit's window; a new window carries the worktree's tags but
  // not @pots-unit — it belongs to the unit, it is not a second one.
  const tags: Array<[string, string | null]> = [
    [POTS_OPTIONS.worktree, unit.path],
    [POTS_OPTIONS.project, unit.project],
    [POTS_OPTIONS.task, unit.task],
    [POTS_OPTIONS.repo, unit.repo],
  ];
  const hooks = agent ? await installAgentHooks(pots, agent, unit.path) : null;
  const pane = await spawnAgent(pots.tmux, {
    session: { id: unit.sessionId, name: unit.session },
    cwd: unit.path,
    command,
    ...(agent ? { agent } : {}),
    dataDir: dataDirOf(pots.env),
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.split === undefined ? {} : { split: options.split }),
    ...(options.split !== undefined && windowMode ? { splitTarget: unit.id } : {}),
    ...(options.split === undefined && windowMode
      ? {
          windowOptions: Object.fromEntries(
            tags.filter((entry): entry is [string, string] => entry[1] !== null),
          ),
        }
      : {}),
  });
  // An agent's states that no hook reports (screen rules, stuck) are notified by the server's
  // watcher, started with the first agent; a failure to start it never fails the spawn.
  if (agent ?? agentFromCommand(command.join(' '))) {
    await ensureWatcher(pots).catch(() => undefined);
  }
  // A session made for this spawn opens on the agent, not on an empty shell beside it.
  if (created && !windowMode && options.split === undefined) {
    await focusSpawnedWindow(pots.tmux, pane);
  }
  return { ...pane, unitCreated: created, hooks };
}

/**
 * `name` if it is an agent `spawn` can start with its hooks, else UsageError (exit 2) naming them.
 * @example knownAgent('claude') // 'claude'
 */
export function knownAgent(name: string): HookAgent {
  if ((SPAWN_AGENTS as readonly string[]).includes(name)) return name as HookAgent;
  throw new UsageError(`unknown agent ${JSON.stringify(name)}`, {
    hint: `known agents: ${SPAWN_AGENTS.join(', ')} (or run any command: pots spawn -- <command…>)`,
  });
}

// A refusal (a file that is not JSON, the user's own notify program in the one slot) is not worth
// failing the start for: the agent runs, its states then come from its screen.
async function installAgentHooks(
  pots: PotsContext,
  agent: HookAgent,
  worktree: string,
): Promise<SpawnHooks> {
  try {
    const result = await installHooks(pots, agent, { worktree });
    return { agent, file: result.file, changed: result.changed, warning: null };
  } catch (error) {
    if (!isPlumError(error) || error.exitCode !== ExitCode.refused) throw error;
    return { agent, file: '', changed: false, warning: error.message };
  }
}

/**
 * Types `text` into the target pane literally (`;`, `#(…)`, a leading `-`, `C-c` arrive as
 * typed); several lines go as one bracketed paste, then Enter (unless `enter: false`).
 * @example await send(pots, 'app-feat-login-dev:claude', 'Summarize the diff.\nList the risks.')
 */
export async function send(
  pots: PotsContext,
  target: PaneRef,
  text: string,
  options: { enter?: boolean } = {},
): Promise<SendTextResult> {
  const pane = await resolvePane(pots, target);
  return sendText(pots.tmux, pane.id, text, { ...options, log: pane.log });
}

/**
 * The target pane's text (the screen, or its last `lines`), escape sequences removed — or, with
 * `ansi`, only colours and styles kept.
 * @example const text = await capture(pots, '%12', { lines: 100 })
 */
export async function capture(
  pots: PotsContext,
  target: PaneRef,
  options: CaptureOptions = {},
): Promise<string> {
  const pane = await resolvePane(pots, target);
  return capturePane(pots.tmux, pane.id, options);
}

/**
 * The target pane's output as an async iterator, pushed as it is produced (no polling): raw
 * chunks in order, each byte once, ANSI intact; a last `exit` event when the pane exits. Abort
 * with `signal` (or stop iterating) to end it early.
 * @example for await (const event of stream(pots, '%12', { sinceStart: true })) {
 *   if (event.type === 'exit') console.log('exit', event.exitCode); else process.stdout.write(event.data);
 * }
 */
export async function* stream(
  pots: PotsContext,
  target: PaneRef,
  options: Omit<StreamPaneOptions, 'dataDir'> = {},
): AsyncGenerator<PaneStreamEvent, void, undefined> {
  const pane = await resolvePane(pots, target);
  yield* streamPane(pots.tmux, pane.id, { ...options, dataDir: dataDirOf(pots.env) });
}

/**
 * Waits until the target pane exits (`{ exit: true }`, with its exit code), has been idle for a
 * while (`{ idle: seconds }`) or prints matching text (`{ text: /re/ }`). A `timeoutMs` that
 * passes is WaitTimeoutError (exit 1).
 * @example const { exitCode } = await wait(pots, pane.id, { exit: true }, { timeoutMs: 600_000 })
 */
export async function wait(
  pots: PotsContext,
  target: PaneRef,
  condition: WaitCondition,
  options: Omit<WaitOptions, 'dataDir'> = {},
): Promise<WaitResult> {
  const pane = await resolvePane(pots, target);
  return waitFor(pots.tmux, pane.id, condition, { ...options, dataDir: dataDirOf(pots.env) });
}

export interface LogsOptions {
  /** Keep streaming until the pane exits (then an `exit` event), or `signal` aborts. */
  follow?: boolean;
  /** With `follow`: from the pane's first output on, not from now. */
  sinceStart?: boolean;
  /** Ends a followed stream early (without an exit event). */
  signal?: AbortSignal;
}

/**
 * The target pane's output as events, what `pots logs` prints. Without `follow`: everything so
 * far — a pane `spawn` started is read from its log, any other pane (or one whose log is gone)
 * from its scrollback (`capture-pane -e`) — as `output` events and no `exit`. With `follow`: as
 * `stream` does, from now (or from the start), ending with the `exit` event.
 * @example for await (const event of logs(pots, '%12')) process.stdout.write(event.data);
 */
export async function* logs(
  pots: PotsContext,
  target: PaneRef,
  options: LogsOptions = {},
): AsyncGenerator<PaneStreamEvent, void, undefined> {
  const pane = await resolvePane(pots, target);
  const output = (data: string): PaneStreamEvent => ({
    type: 'output',
    paneId: pane.id,
    at: new Date(),
    data,
  });
  if (options.follow) {
    yield* streamPane(pots.tmux, pane.id, {
      ...(options.signal ? { signal: options.signal } : {}),
      sinceStart: options.sinceStart ?? false,
      dataDir: dataDirOf(pots.env),
    });
    return;
  }
  if (pane.log !== null) {
    try {
      for await (const chunk of createReadStream(pane.log, { encoding: 'utf8' }))
        yield output(chunk as string);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  yield output(await capturePane(pots.tmux, pane.id, { lines: 1_000_000, ansi: true }));
}

/**
 * Sends `text` (as `send` does) to the agent pane — or else the active pane — of every managed
 * session (window, in window mode), in parallel, each reported as delivered or skipped.
 * @example (await broadcast(pots, 'commit and stop', { project: 'app' })).filter((r) => !r.delivered)
 */
export async function broadcast(
  pots: PotsContext,
  text: string,
  options: BroadcastOptions = {},
): Promise<BroadcastTarget[]> {
  return broadcastText(pots.tmux, text, options);
}

/**
 * Every pane pots manages (its sessions' panes and the commands it spawned) with its state — an
 * agent's (`starting`, `working`, `waiting`, `idle`, `stuck`, `exited`) or a plain pane's
 * (`running`, `idle`, `exited` with `exitCode`) — since when, which agent, and the evidence; see
 * `agentStates` in the supervision API.
 * @example (await ps(pots)).filter((pane) => pane.state === 'waiting').map((pane) => pane.id)
 */
export async function ps(
  pots: PotsContext,
  options: { idleSeconds?: number } = {},
): Promise<ManagedPane[]> {
  const settings = await supervisionSettings(pots);
  return agentStates(pots, {
    settings:
      options.idleSeconds === undefined
        ? settings
        : { ...settings, idleSeconds: options.idleSeconds },
  });
}

/** `pots.idleSeconds` from the repository's config (the user's, outside a repository). */
export async function idleSecondsOf(pots: PotsContext): Promise<number> {
  const plum = await pots.tryRepo();
  const resolved = plum
    ? await plum.config()
    : await import('@plumpots/core/config').then(({ loadConfig }) =>
        loadConfig({ cwd: pots.cwd, env: pots.env }),
      );
  return resolved.config.pots.idleSeconds;
}
