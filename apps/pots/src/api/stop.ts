// `pots stop <pane>`: SIGINT, then SIGTERM after a grace period, then SIGKILL — to every process of
// the pane's tree (the pane's process and its descendants, re-read before each signal so children
// started meanwhile are included), until none is left. Processes are identified by pid and start
// time, so a pid the kernel reused is never signalled.
import { isRunning, readProcessTable, type ProcessInfo } from './process-table.js';

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGKILL';

export interface StopResult {
  pane: string;
  /** The signal after which no process of the tree was left; null when it had already exited. */
  endedBy: StopSignal | null;
  /** The signals sent, in order. */
  sent: StopSignal[];
  /** Processes signalled (pids). */
  processes: number[];
  /** Processes still running after SIGKILL (another user's, or unkillable): none, normally. */
  survivors: number[];
}

/**
 * Stops pane `%N`'s process tree: SIGINT, SIGTERM after `graceSeconds`, SIGKILL after as long
 * again; says which signal ended it. The pane itself stays (a spawned pane shows its exit status).
 * @example const { endedBy } = await stopPane('%12', { graceSeconds: 5, pid: pane.pid }) // 'SIGTERM'
 */
export async function stopPane(
  paneId: string,
  options: { graceSeconds: number; pid: number },
): Promise<StopResult> {
  const result: StopResult = {
    pane: paneId,
    endedBy: null,
    sent: [],
    processes: [],
    survivors: [],
  };
  const known = new Map<number, ProcessInfo>();
  const refresh = async () => {
    const table = await readProcessTable();
    const root = table.processes.get(options.pid);
    // The root's start time must match what we first saw: a reused pid is someone else.
    const rootKnown = known.get(options.pid);
    if (root && (!rootKnown || rootKnown.start === root.start)) {
      const stack = [options.pid];
      while (stack.length > 0) {
        const pid = stack.pop()!;
        const info = table.processes.get(pid);
        if (info && !known.has(pid)) known.set(pid, info);
        stack.push(...(table.children.get(pid) ?? []));
      }
    }
  };
  const alive = async () => {
    const running: ProcessInfo[] = [];
    for (const info of known.values()) if (await isRunning(info)) running.push(info);
    return running;
  };
  await refresh();
  if ((await alive()).length === 0) return result;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    await refresh();
    const targets = await alive();
    if (targets.length === 0) break;
    for (const info of targets) {
      try {
        process.kill(info.pid, signal);
      } catch {
        // Gone meanwhile, or not ours: checked below.
      }
    }
    result.sent.push(signal);
    const deadline = Date.now() + (signal === 'SIGKILL' ? 5000 : options.graceSeconds * 1000);
    // Waiting reads only the known processes: re-reading all of /proc every 50 ms costs a busy
    // machine a good part of a core. Children forked meanwhile are found before the next signal.
    while (Date.now() < deadline) {
      if ((await alive()).length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if ((await alive()).length === 0) {
      result.endedBy = signal;
      break;
    }
  }
  result.processes = [...known.keys()];
  result.survivors = (await alive()).map((info) => info.pid);
  return result;
}
