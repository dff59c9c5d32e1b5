// What the agent watcher decides, apart from how it runs: which state changes to notify (those no
// hook already notified: screen rules, `stuck`, an exit without a hook), and the pid file that
// keeps it to one watcher per tmux server.
import { createHash } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pidAlive } from '../liveness.js';

/** The states whose entry the watcher notifies. */
export const WATCH_NOTIFY_STATES: ReadonlySet<string> = new Set([
  'waiting',
  'idle',
  'stuck',
  'exited',
]);

/** What the watcher needs to know of a pane (a `ManagedPane`). */
export interface WatchedPane {
  id: string;
  state: string;
  agent: string | null;
  evidence: { report: { state: string } | null };
}

/**
 * The agent panes that entered a notified state since `seen` (which it updates: the states now,
 * panes gone dropped). A pane seen for the first time is only recorded — the watcher notifies
 * changes it saw happen. A state a report (an agent hook) gave is skipped: `pots report` notified
 * it when it was recorded.
 * @example transitions(new Map([['%3', 'working']]), [{ id: '%3', state: 'waiting', agent: 'claude', evidence: { report: null } }]) // [that pane]
 */
export function transitions<P extends WatchedPane>(
  seen: Map<string, string>,
  panes: readonly P[],
): P[] {
  const fired: P[] = [];
  const now = new Set<string>();
  for (const pane of panes) {
    if (pane.agent === null) continue;
    now.add(pane.id);
    const before = seen.get(pane.id);
    seen.set(pane.id, pane.state);
    if (before === undefined || before === pane.state) continue;
    if (!WATCH_NOTIFY_STATES.has(pane.state)) continue;
    if (pane.evidence.report?.state === pane.state) continue;
    fired.push(pane);
  }
  for (const id of [...seen.keys()]) if (!now.has(id)) seen.delete(id);
  return fired;
}

/**
 * Whether any agent pane is still alive (the watcher exits with the last one).
 * @example hasLiveAgent([{ id: '%3', state: 'exited', agent: 'claude', evidence: { report: null } }]) // false
 */
export function hasLiveAgent(panes: readonly WatchedPane[]): boolean {
  return panes.some((pane) => pane.agent !== null && pane.state !== 'exited');
}

/**
 * The watcher's pid file for the tmux server at `socketPath`: `<dataDir>/watchers/<socket name>-<hash>.pid`.
 * @example watcherPidFile('/home/u/.local/state/pots', '/tmp/tmux-1000/default')
 */
export function watcherPidFile(dataDir: string, socketPath: string): string {
  const hash = createHash('sha256').update(socketPath).digest('hex').slice(0, 12);
  const name = basename(socketPath).replace(/[^A-Za-z0-9_.-]/g, '_');
  return join(dataDir, 'watchers', `${name}-${hash}.pid`);
}

/**
 * The pid in `file` when that process is alive, else null.
 * @example await runningWatcher(pidFile) // 4242
 */
export async function runningWatcher(file: string): Promise<number | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number(text.trim());
  return (await pidAlive(pid)) ? pid : null;
}

/**
 * Takes the pid file for this process. False when another live watcher holds it; a stale one (its
 * process gone) is replaced. The pid is written to a draft first and linked into place, so the file
 * never exists empty: a reader between a create and a write would take no pid for a stale file and
 * replace it, and two watchers would run.
 * @example if (!(await claimPidFile(file))) process.exit(0)
 */
export async function claimPidFile(file: string, pid = process.pid): Promise<boolean> {
  await mkdir(dirname(file), { recursive: true });
  const draft = `${file}.${pid}.draft`;
  await writeFile(draft, `${pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(draft, file);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await runningWatcher(file);
      if (holder === pid) return true;
      if (holder !== null) return false;
      await rm(file, { force: true });
    }
    return false;
  } finally {
    await rm(draft, { force: true });
  }
}

/**
 * Whether this process still holds the pid file, taking it again when it is gone or stale. Two
 * claimers replacing one stale file can both succeed; each asks this on every round, and the one
 * whose pid the file does not name stops.
 * @example if (!(await holdsPidFile(file))) return
 */
export async function holdsPidFile(file: string, pid = process.pid): Promise<boolean> {
  const holder = await runningWatcher(file);
  if (holder === pid) return true;
  return holder === null && claimPidFile(file, pid);
}

/**
 * Removes the pid file when it still names this process.
 * @example await releasePidFile(file)
 */
export async function releasePidFile(file: string, pid = process.pid): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => '');
  if (Number(text.trim()) === pid) await rm(file, { force: true });
}
