// The agent operations as pots's library exports them: on a PotsContext (server, cwd, env, config)
// with targets as the CLI takes them (`%12`, `session`, `session:window`, `session:window.pane`,
// resolved exactly). The CLI commands are these plus rendering.
import type { PotsContext } from '../api/context.js';
import { openUnit } from '../api/create.js';
import { POTS_OPTIONS } from '../tmux/index.js';
import { capturePane, type CaptureOptions } from './capture.js';
import { dataDirOf } from './paths.js';
import { ps as listManagedPanes, type ManagedPane } from './ps.js';
import { sendText, type SendTextResult } from './send.js';
import { spawnAgent, type SpawnedPane } from './spawn.js';
import { streamPane, type PaneStreamEvent, type StreamPaneOptions } from './stream.js';
import { resolveTarget } from './targets.js';
import { waitFor, type WaitCondition, type WaitOptions, type WaitResult } from './wait.js';

export interface SpawnOptions {
  /** argv, exec'd directly (no shell): `['sh', '-c', '…']` for shell syntax. */
  command: readonly string[];
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

/** A spawned pane, and whether its session (window, in window mode) had to be created. */
export interface SpawnResult extends SpawnedPane {
  unitCreated: boolean;
}

/**
 * Runs `command` as the initial process of a new window (or split) in the worktree's session —
 * created if missing — keeping its exit status (remain-on-exit) and appending its raw output to a
 * log under the data dir that outlives the pane.
 * @example const pane = await spawn(openPots(), { worktree: 'feat-login', command: ['claude'] });
 *   await send(pots, pane.id, 'Fix the failing test.'); await wait(pots, pane.id, { idle: 30 });
 */
export async function spawn(pots: PotsContext, options: SpawnOptions): Promise<SpawnResult> {
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
  const pane = await spawnAgent(pots.tmux, {
    session: { id: unit.sessionId, name: unit.session },
    cwd: unit.path,
    command: options.command,
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
  return { ...pane, unitCreated: created };
}

/**
 * Types `text` into the target pane literally (`;`, `#(…)`, a leading `-`, `C-c` arrive as
 * typed); several lines go as one bracketed paste, then Enter (unless `enter: false`).
 * @example await send(pots, 'app-feat-login-dev:claude', 'Summarize the diff.\nList the risks.')
 */
export async function send(
  pots: PotsContext,
  target: string,
  text: string,
  options: { enter?: boolean } = {},
): Promise<SendTextResult> {
  const pane = await resolveTarget(pots.tmux, target);
  return sendText(pots.tmux, pane.id, text, { ...options, log: pane.log });
}

/**
 * The target pane's text (the screen, or its last `lines`), escape sequences removed — or, with
 * `ansi`, only colours and styles kept.
 * @example const text = await capture(pots, '%12', { lines: 100 })
 */
export async function capture(
  pots: PotsContext,
  target: string,
  options: CaptureOptions = {},
): Promise<string> {
  const pane = await resolveTarget(pots.tmux, target);
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
  target: string,
  options: Omit<StreamPaneOptions, 'dataDir'> = {},
): AsyncGenerator<PaneStreamEvent, void, undefined> {
  const pane = await resolveTarget(pots.tmux, target);
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
  target: string,
  condition: WaitCondition,
  options: Omit<WaitOptions, 'dataDir'> = {},
): Promise<WaitResult> {
  const pane = await resolveTarget(pots.tmux, target);
  return waitFor(pots.tmux, pane.id, condition, { ...options, dataDir: dataDirOf(pots.env) });
}

/**
 * Every pane pots manages (its sessions' panes and the commands it spawned) with its state:
 * `running`, `idle` (no output for `pots.idleSeconds`) or `exited` (with `exitCode`).
 * @example (await ps(pots)).filter((pane) => pane.state === 'idle').map((pane) => pane.id)
 */
export async function ps(
  pots: PotsContext,
  options: { idleSeconds?: number } = {},
): Promise<ManagedPane[]> {
  const idleSeconds = options.idleSeconds ?? (await idleSecondsOf(pots));
  return listManagedPanes(pots.tmux, { idleSeconds });
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
