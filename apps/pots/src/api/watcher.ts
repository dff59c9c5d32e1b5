// The agent watcher: one detached process per tmux server, started with the first agent (by
// `pots spawn`, or a create whose layout starts one) and gone with the last, that notifies the
// state changes no hook reports — a permission menu only the screen shows, `stuck`, an exit
// without a hook. Each round is one `list-panes -a` plus one screen read of the agent panes (the
// same states `pots ps` computes), every 2 s: no loop per pane, no daemon to keep running.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf, startDetached } from '@plumpots/core';
import { dataDirOf } from '../agents/paths.js';
import {
  claimPidFile,
  hasLiveAgent,
  holdsPidFile,
  releasePidFile,
  runningWatcher,
  transitions,
  watcherPidFile,
} from '../agents/state/watch.js';
import type { PotsContext } from './context.js';
import { agentStates, notifyPane, supervisionSettings } from './supervision.js';

/** What the watcher process is started with (its one argument, as JSON). */
export interface WatcherSpec {
  /** The tmux server's socket. */
  socketPath: string;
  /** Where config is read from (the repository's `pots.notify`, screen rules). */
  cwd: string;
  pidFile: string;
  intervalMs: number;
}

/** How often the watcher looks. */
export const WATCH_INTERVAL_MS = 2000;

export interface EnsureWatcherResult {
  pidFile: string;
  /** The watcher's pid (null when it could not be started). */
  pid: number | null;
  /** This call started it (false: one was already running). */
  started: boolean;
}

/**
 * Makes sure the server's agent watcher runs: when its pid file names no live process, starts
 * `node dist/watch-agents.js` detached (through core's process gateway, an argument array), which
 * takes the pid file itself — two callers at once still make one watcher. Two tmux calls at most.
 * @example const { pidFile } = await ensureWatcher(pots)
 */
export async function ensureWatcher(pots: PotsContext): Promise<EnsureWatcherResult> {
  const socketPath = (await pots.tmux.run(['display-message', '-p', '#{socket_path}'])).trim();
  const pidFile = watcherPidFile(dataDirOf(pots.env), socketPath);
  const running = await runningWatcher(pidFile);
  if (running !== null) return { pidFile, pid: running, started: false };
  await mkdir(dirname(pidFile), { recursive: true });
  const spec: WatcherSpec = {
    socketPath,
    cwd: pots.cwd,
    pidFile,
    intervalMs: Number(pots.env.POTS_WATCH_INTERVAL_MS) || WATCH_INTERVAL_MS,
  };
  const pid = await startDetached(process.execPath, [watcherScript(), JSON.stringify(spec)], {
    cwd: pots.cwd,
    env: pots.env,
    logFile: pidFile.replace(/\.pid$/, '.log'),
  });
  return { pidFile, pid, started: true };
}

/**
 * The watcher's loop (what `dist/watch-agents.js` runs): claims the pid file (returns at once when
 * another watcher holds it), then every `intervalMs` reads the states and notifies each change
 * into waiting, idle, stuck or exited that no hook already notified. Returns when no agent pane is
 * alive (after notifying the last ones' exits), when the server is gone, or on `signal`.
 * @example await watchAgents(pots, spec)
 */
export async function watchAgents(
  pots: PotsContext,
  spec: Pick<WatcherSpec, 'pidFile' | 'intervalMs'>,
  options: { signal?: AbortSignal; log?: (line: string) => void } = {},
): Promise<void> {
  const log = options.log ?? (() => undefined);
  if (!(await claimPidFile(spec.pidFile))) return;
  try {
    const settings = await supervisionSettings(pots);
    const seen = new Map<string, string>();
    for (;;) {
      if (options.signal?.aborted) return;
      if (!(await holdsPidFile(spec.pidFile))) {
        log('stopping: another watcher holds the pid file');
        return;
      }
      let panes;
      try {
        panes = await agentStates(pots, { settings });
      } catch (error) {
        log(`stopping: ${messageOf(error)}`);
        return;
      }
      for (const pane of transitions(seen, panes)) {
        const message = pane.evidence.screen?.line ?? pane.evidence.summary;
        const outcomes = await notifyPane(pots, settings, pane, message).catch((error: unknown) => {
          log(`${pane.id} ${pane.state}: ${messageOf(error)}`);
          return [];
        });
        log(`${pane.id} ${pane.state}: ${outcomes.map((o) => `${o.channel}=${o.ok}`).join(' ')}`);
      }
      if (!hasLiveAgent(panes)) {
        // Let go first, then look once more: an agent spawned meanwhile found the pid file taken
        // and started no watcher, so this one stays for it.
        await releasePidFile(spec.pidFile);
        const again = await agentStates(pots, { settings, screen: false }).catch(() => []);
        if (!hasLiveAgent(again) || !(await claimPidFile(spec.pidFile))) return;
      }
      await sleep(spec.intervalMs, options.signal);
    }
  } finally {
    await releasePidFile(spec.pidFile);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** `dist/watch-agents.js`, next to the module that starts it (src → the built file). */
function watcherScript(): string {
  for (const candidate of ['./watch-agents.js', '../../dist/watch-agents.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('pots is not built: dist/watch-agents.js is missing');
}
