// Blocking until a pane exits, goes quiet, or prints something — so scripts chain agents without
// sleeps. Exit watches the pane's pid (tmux asked only when it looks gone); text and idle read the
// pane's output stream, so nothing printed after the wait begins is missed between two polls.
import { stat } from 'node:fs/promises';
import { PlumError, UsageError, ExitCode } from '@plumpots/core';
import { createTerminalSanitizer } from '@plumpots/core/ui';
import type { Tmux } from '../tmux/index.js';
import { readPaneState } from '../tmux/pane-state.js';
import { abortReason, exitOf, watchPaneExit } from './liveness.js';
import { streamPane } from './stream.js';

export type WaitCondition =
  /** The pane's process exits. */
  | { exit: true }
  /** No output for this many seconds. */
  | { idle: number }
  /**
   * The output (escape codes removed) matches. What counts: for a spawned pane, its output since the
   * last `sendText(…, { log })` (`pots send`) if there was one; otherwise output printed after the
   * wait starts; with `sinceStart`, everything it printed.
   */
  | { text: RegExp | string };

export interface WaitOptions {
  /** Give up after this long: WaitTimeoutError (exit 1). Default: wait for ever. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** For `text`: also search what the pane printed before (see `streamPane`). */
  sinceStart?: boolean;
  dataDir?: string;
  pollMs?: number;
  /** Called once the wait is watching: what the pane does from then on counts. */
  onReady?: () => void;
}

export interface WaitResult {
  /**
   * What ended the wait: the condition (`exit`, `idle`, `text`, or `state` for a supervision wait),
   * or `exit` when the pane exited first.
   */
  reason: 'exit' | 'idle' | 'text' | 'state';
  paneId: string;
  /** With reason `exit`: the status (null if killed by a signal or the pane is gone). */
  exitCode?: number | null;
  signal?: number | null;
  /** With reason `text`: the matched text. */
  match?: string;
  /** With reason `state`: the state reached. */
  state?: string;
}

/** The wait's deadline passed. Exit code 1. */
export class WaitTimeoutError extends PlumError {
  constructor(paneId: string, what: string, ms: number) {
    super(
      'ERR_POTS_WAIT_TIMEOUT',
      `timed out after ${ms / 1000} s waiting for ${paneId} to ${what}`,
      ExitCode.failed,
    );
  }
}

/** How much recent output a text wait keeps to match across chunk boundaries. */
const TEXT_WINDOW = 64 * 1024;

/**
 * Resolves when pane `%N` meets `condition`: `{ exit: true }` (the exit code is the pane's
 * `pane_dead_status`), `{ idle: s }` (no output for s seconds; a pane that exits is idle too) or
 * `{ text: /re/ }` (if the pane exits first: reason `exit`). WaitTimeoutError after `timeoutMs`.
 * @example const { exitCode } = await waitFor(tmux, pane.id, { exit: true }, { timeoutMs: 600_000 })
 */
export async function waitFor(
  tmux: Tmux,
  paneId: string,
  condition: WaitCondition,
  options: WaitOptions = {},
): Promise<WaitResult> {
  if (!/^%\d+$/.test(paneId)) throw new UsageError(`not a pane id: ${JSON.stringify(paneId)}`);
  const what = describe(condition);
  const controller = new AbortController();
  const onAbort = () => controller.abort(abortReason(options.signal));
  if (options.signal?.aborted) throw abortReason(options.signal);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(new WaitTimeoutError(paneId, what, options.timeoutMs!));
        }, options.timeoutMs);
  try {
    if ('exit' in condition) {
      const pane = await readPaneState(tmux, paneId, { reap: true });
      options.onReady?.();
      const exit = pane.dead
        ? exitOf(pane)
        : await watchPaneExit(tmux, pane, { signal: controller.signal, ...poll(options) });
      return { reason: 'exit', paneId, exitCode: exit.exitCode, signal: exit.signal };
    }
    if ('idle' in condition)
      return await waitIdle(tmux, paneId, condition.idle, controller, options);
    return await waitText(tmux, paneId, condition.text, controller.signal, options);
  } catch (error) {
    if (timedOut) throw new WaitTimeoutError(paneId, what, options.timeoutMs!);
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

async function waitText(
  tmux: Tmux,
  paneId: string,
  text: RegExp | string,
  signal: AbortSignal,
  options: WaitOptions,
): Promise<WaitResult> {
  const re =
    typeof text === 'string'
      ? new RegExp(text)
      : new RegExp(text.source, text.flags.replace('g', ''));
  const plain = createTerminalSanitizer();
  let seen = '';
  const stream = streamPane(tmux, paneId, { sinceSend: true, ...streamOptions(options), signal });
  for await (const event of stream) {
    if (event.type === 'exit') {
      return { reason: 'exit', paneId, exitCode: event.exitCode, signal: event.signal };
    }
    seen = (seen + plain.write(event.data)).slice(-TEXT_WINDOW);
    const match = re.exec(seen);
    if (match) return { reason: 'text', paneId, match: match[0] };
  }
  throw abortReason(signal);
}

async function waitIdle(
  tmux: Tmux,
  paneId: string,
  seconds: number,
  controller: AbortController,
  options: WaitOptions,
): Promise<WaitResult> {
  if (!(seconds > 0))
    throw new UsageError(`--idle needs a positive number of seconds, not ${seconds}`);
  const pane = await readPaneState(tmux, paneId, { reap: true });
  // A spawned pane's log says when it last printed; any other pane counts from now.
  let last = Date.now();
  if (pane.log !== null && pane.pipe) {
    last = Math.min(last, (await stat(pane.log).catch(() => ({ mtimeMs: last }))).mtimeMs);
  }
  const idle = new AbortController();
  const signal = AbortSignal.any([controller.signal, idle.signal]);
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), Math.max(0, last + seconds * 1000 - Date.now()));
  };
  arm();
  try {
    for await (const event of streamPane(tmux, paneId, {
      ...streamOptions(options),
      sinceStart: false,
      signal,
    })) {
      if (event.type === 'exit')
        return { reason: 'idle', paneId, exitCode: event.exitCode, signal: event.signal };
      last = Date.now();
      arm();
    }
  } finally {
    clearTimeout(timer);
  }
  if (idle.signal.aborted && !controller.signal.aborted) return { reason: 'idle', paneId };
  throw abortReason(controller.signal);
}

function streamOptions(options: WaitOptions) {
  return {
    ...(options.onReady === undefined ? {} : { onReady: options.onReady }),
    ...(options.sinceStart === undefined ? {} : { sinceStart: options.sinceStart }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...poll(options),
  };
}

function poll(options: WaitOptions) {
  return options.pollMs === undefined ? {} : { pollMs: options.pollMs };
}

function describe(condition: WaitCondition): string {
  if ('exit' in condition) return 'exit';
  if ('idle' in condition) return `be idle for ${condition.idle} s`;
  return `print ${String(condition.text)}`;
}
