// Noticing that a pane's process ended without asking tmux every 100 ms: the pane's pid is probed
// locally (kill(pid, 0), and on Linux /proc/<pid>/stat for a zombie — tmux 3.3a sometimes leaves
// one unreaped, see readPaneState), and tmux is asked only when the pid looks gone, plus every few
// seconds in case the pid was reused or is not ours to see.
import { readFile } from 'node:fs/promises';
import { isTmuxError, type Tmux } from '../tmux/index.js';
import { readPaneState, type PaneState } from '../tmux/pane-state.js';

/** How a pane's process ended. */
export interface PaneExit {
  paneId: string;
  /** The exit status; null when killed by a signal, when the pane is gone, or tmux never learnt it. */
  exitCode: number | null;
  /** The signal that killed it, or null. */
  signal: number | null;
  /** The pane itself no longer exists (killed, or the server stopped). */
  gone: boolean;
  at: Date;
}

export interface WatchExitOptions {
  signal?: AbortSignal;
  /** How often the pid is probed (default 100 ms). */
  pollMs?: number;
  /** How often tmux is asked regardless (default 2000 ms). */
  tmuxEveryMs?: number;
}

/**
 * The exit of a dead pane as `PaneExit`.
 * @example exitOf(pane) // { paneId: '%3', exitCode: 3, signal: null, gone: false, at }
 */
export function exitOf(pane: PaneState): PaneExit {
  return {
    paneId: pane.id,
    exitCode: pane.deadStatus,
    signal: pane.deadSignal,
    gone: false,
    at: new Date(),
  };
}

/**
 * Resolves when pane `pane.id` is dead or gone. Rejects with the signal's reason on abort.
 * @example const exit = await watchPaneExit(tmux, pane); exit.exitCode // 3
 */
export function watchPaneExit(
  tmux: Tmux,
  pane: PaneState,
  options: WatchExitOptions = {},
): Promise<PaneExit> {
  const pollMs = options.pollMs ?? 100;
  const tmuxEvery = Math.max(1, Math.round((options.tmuxEveryMs ?? 2000) / pollMs));
  return new Promise<PaneExit>((resolve, reject) => {
    let pid = pane.pid;
    let ticks = 0;
    let asking = false;
    let settled = false;
    // When the local probe cannot see the pid (another pid namespace), rely on tmux alone.
    let probeBlind = false;

    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => finish(() => reject(abortReason(options.signal)));

    const ask = async () => {
      if (asking || settled) return;
      asking = true;
      try {
        const now = await readPaneState(tmux, pane.id, { reap: true });
        if (now.dead || now.pid === 0) {
          finish(() => resolve(exitOf(now)));
        } else {
          if (now.pid === pid && !(await pidAlive(pid))) probeBlind = true;
          pid = now.pid;
        }
      } catch (error) {
        if (isTmuxError(error, 'not-found')) {
          finish(() =>
            resolve({ paneId: pane.id, exitCode: null, signal: null, gone: true, at: new Date() }),
          );
        } else finish(() => reject(error instanceof Error ? error : new Error(String(error))));
      } finally {
        asking = false;
      }
    };

    const tick = async () => {
      ticks++;
      if (
        probeBlind ? ticks % Math.max(1, Math.round(500 / pollMs)) === 0 : ticks % tmuxEvery === 0
      ) {
        await ask();
      } else if (!probeBlind && !(await pidAlive(pid))) {
        await ask();
      }
    };

    if (options.signal?.aborted) {
      reject(abortReason(options.signal));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setInterval(() => void tick(), pollMs);
    if (pane.dead || pane.pid === 0) void ask();
  });
}

/**
 * Whether process `pid` is running (a zombie is not). Another user's process counts as running.
 * @example await pidAlive(process.pid) // true
 */
export async function pidAlive(pid: number): Promise<boolean> {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S …": comm may hold spaces and parentheses, so read after the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): kill(pid, 0) is all there is
  }
}

/** The error an aborted signal carries, as an Error. */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('aborted');
  error.name = 'AbortError';
  return error;
}
