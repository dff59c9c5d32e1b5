// Reaping: `kill-session` only hangs up on a session's panes, and agents or dev servers that ignore
// SIGHUP keep running (and keep writing into the worktree). pots stops the panes' processes and
// all their descendants itself: SIGTERM, a grace period polled (never slept through), then
// SIGKILL. Before a worktree is removed, any other
// process whose working directory lies inside it (one pots did not start: an editor, a language
// server, a shell of a session pots did not make) is listed and refused unless the caller says to
// reap it too. pots's (and plum's) own process tree, the tmux server and the panes the caller
// names are always spared.
import { sep } from 'node:path';
import { RefusedError } from '@plumpots/core';
import { literalDefaults } from '@plumpots/core/config/defaults';
import { listPanes } from '../tmux/index.js';
import type { PotsContext } from './context.js';
import {
  isRunning,
  processCommand,
  processCwds,
  readProcessTable,
  type ProcessInfo,
  type ProcessTable,
} from './process-table.js';
import type { Unit } from './units.js';

/** The grace period when config says nothing (`pots.killGraceSeconds`). */
export const DEFAULT_KILL_GRACE_SECONDS = literalDefaults().pots.killGraceSeconds;

export interface ReapOptions {
  /** Seconds between SIGTERM and SIGKILL (`pots.killGraceSeconds`, default 5). */
  graceSeconds?: number;
  /** Panes (`%N`) and processes spared with all their descendants, besides pots's own tree. */
  spare?: { panes?: readonly string[]; pids?: readonly number[] };
  /**
   * The worktree being removed: processes of ours whose working directory is this directory or
   * inside it, wherever they run, that are not in the units' panes' trees (an editor in another
   * terminal, a language server, a shell in a session pots did not make). Best effort: same user.
   */
  cwdInside?: string;
  /**
   * What to do with those (`cwdInside`) processes pots did not start: `refuse` (the default)
   * throws RefusedError ERR_POTS_FOREIGN_PROCESSES (exit 4) listing them, before anything is
   * signalled; `reap` stops them too (`--reap-all`, `--force`).
   */
  foreign?: 'refuse' | 'reap';
}

/** One process that was stopped, and the signal that it took. */
export interface ReapedProcess {
  pid: number;
  command: string;
  /** SIGTERM: it exited within the grace period (a pane's own process also got SIGHUP). */
  signal: 'SIGTERM' | 'SIGKILL';
}

export interface ReapResult {
  stopped: ReapedProcess[];
  /** Still running after SIGKILL (not ours to signal, or stuck in the kernel). */
  survivors: Array<{ pid: number; command: string }>;
}

/**
 * Stops the processes of `units`' panes and their descendants (plus, with `cwdInside`, every
 * process of ours working inside that directory): SIGTERM (and SIGHUP for a pane's own process, as
 * an interactive shell ignores SIGTERM), then, for whatever still runs after `graceSeconds`,
 * SIGKILL. Polls for the exits; returns as soon as everything is gone. Never signals this process,
 * its ancestors (the shell and tmux server it runs under) or descendants, a tmux process, or the
 * `spare`d panes and pids. One tmux call (`list-panes -a`); on Linux no other process is spawned.
 * @example
 * const { stopped } = await reapUnitProcesses(pots, units, { graceSeconds: 5, cwdInside: wt.path });
 * for (const p of stopped) log(`stopped ${p.pid} ${p.command} (${p.signal})`);
 */
export async function reapUnitProcesses(
  pots: PotsContext,
  units: readonly Pick<Unit, 'id'>[],
  options: ReapOptions = {},
): Promise<ReapResult> {
  if (units.length === 0 && options.cwdInside === undefined) return { stopped: [], survivors: [] };
  const ids = new Set(units.map((unit) => unit.id));
  const panes = await listPanes(pots.tmux);
  const table = await readProcessTable();
  const sparedPanes = new Set(options.spare?.panes ?? []);
  const spared = sparedPids(table, [
    process.pid,
    ...(options.spare?.pids ?? []),
    ...panes.filter((pane) => sparedPanes.has(pane.id)).map((pane) => pane.pid),
  ]);
  // The tmux server is every pane's parent.
  for (const pane of panes) {
    const server = table.processes.get(pane.pid)?.ppid;
    if (server !== undefined) spared.add(server);
  }

  const roots = panes
    .filter((pane) => !pane.dead && (ids.has(pane.sessionId) || ids.has(pane.windowId)))
    .filter((pane) => !sparedPanes.has(pane.id) && !spared.has(pane.pid))
    .map((pane) => pane.pid);
  const targets = new Set<number>();
  for (const pid of descendants(table, roots)) if (!spared.has(pid)) targets.add(pid);
  if (options.cwdInside !== undefined) {
    const foreign = (await workingInside(table, options.cwdInside, spared)).filter(
      (pid) => !targets.has(pid),
    );
    if (foreign.length > 0 && options.foreign !== 'reap') {
      throw await foreignRefusal(table, foreign, options.cwdInside);
    }
    for (const pid of foreign) targets.add(pid);
  }
  const infos = [...targets]
    .map((pid) => table.processes.get(pid))
    .filter((info): info is ProcessInfo => info !== undefined);
  if (infos.length === 0) return { stopped: [], survivors: [] };
  // Read while they live: /proc forgets a command line with its process.
  const commands = new Map(
    await Promise.all(infos.map(async (info) => [info.pid, await processCommand(info)] as const)),
  );

  const rootSet = new Set(roots);
  for (const info of infos) {
    if (rootSet.has(info.pid)) signal(info.pid, 'SIGHUP');
    signal(info.pid, 'SIGTERM');
  }
  const graceMs = Math.max(0, options.graceSeconds ?? DEFAULT_KILL_GRACE_SECONDS) * 1000;
  let running = await waitForExit(infos, graceMs);
  const killed = new Set<number>();
  for (const info of running) {
    signal(info.pid, 'SIGKILL');
    killed.add(info.pid);
  }
  // SIGKILL is not instant either (a process in uninterruptible sleep): wait for it, briefly.
  if (running.length > 0) running = await waitForExit(running, 2000);
  const left = new Set(running.map((info) => info.pid));
  const command = (pid: number) => commands.get(pid) ?? '';
  return {
    stopped: infos
      .filter((info) => !left.has(info.pid))
      .map((info) => ({
        pid: info.pid,
        command: command(info.pid),
        signal: killed.has(info.pid) ? ('SIGKILL' as const) : ('SIGTERM' as const),
      })),
    survivors: running.map((info) => ({ pid: info.pid, command: command(info.pid) })),
  };
}

async function foreignRefusal(
  table: ProcessTable,
  pids: readonly number[],
  dir: string,
): Promise<RefusedError> {
  const cwds = await processCwds(pids);
  const details = await Promise.all(
    pids.map(async (pid) => {
      const info = table.processes.get(pid);
      const command = info ? await processCommand(info) : String(pid);
      return `${pid} ${command} (in ${cwds.get(pid) ?? dir})`;
    }),
  );
  const n = pids.length;
  return new RefusedError(
    'ERR_POTS_FOREIGN_PROCESSES',
    `refusing to remove ${dir}: ${n} process${n === 1 ? '' : 'es'} pots did not start ${n === 1 ? 'works' : 'work'} inside it; nothing was stopped or removed`,
    {
      details,
      hint: 'stop or move them yourself (an editor may hold unsaved work), or pass --reap-all (or --force) to stop them too',
    },
  );
}

/**
 * What may never be signalled: `pids` with their descendants, and this process with its
 * ancestors (the shell that ran plum, the tmux server, init) and its descendants.
 */
function sparedPids(table: ProcessTable, pids: readonly number[]): Set<number> {
  const spared = new Set<number>([1, ...descendants(table, pids)]);
  for (let pid: number | undefined = process.pid; pid !== undefined && pid > 1;) {
    spared.add(pid);
    const parent: number | undefined = table.processes.get(pid)?.ppid;
    pid = parent === pid ? undefined : parent;
  }
  return spared;
}

/** `roots` and everything below them (a pid is listed once, even in a cycle of reused pids). */
function descendants(table: ProcessTable, roots: readonly number[]): Set<number> {
  const seen = new Set<number>();
  const queue = roots.filter((pid) => table.processes.has(pid));
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    queue.push(...(table.children.get(pid) ?? []));
  }
  return seen;
}

/** Our processes (same uid) whose cwd is `dir` or below it; tmux servers and clients excepted. */
async function workingInside(
  table: ProcessTable,
  dir: string,
  spared: ReadonlySet<number>,
): Promise<number[]> {
  const uid = process.getuid?.();
  const candidates = [...table.processes.values()]
    .filter((p) => !spared.has(p.pid) && (uid === undefined || p.uid === uid))
    .filter((p) => !/^tmux\b/.test(p.name))
    .map((p) => p.pid);
  const cwds = await processCwds(candidates);
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return [...cwds].filter(([, cwd]) => cwd === dir || cwd.startsWith(prefix)).map(([pid]) => pid);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already (ESRCH), or not ours (EPERM): reported as a survivor if it stays.
  }
}

/** Polls until every process has exited or `ms` passed; returns those still running. */
async function waitForExit(infos: readonly ProcessInfo[], ms: number): Promise<ProcessInfo[]> {
  const deadline = Date.now() + ms;
  let running = [...infos];
  for (;;) {
    const alive = await Promise.all(running.map((info) => isRunning(info)));
    running = running.filter((_, i) => alive[i]);
    if (running.length === 0 || Date.now() >= deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, Math.min(25, deadline - Date.now())));
  }
}

/**
 * `pots.killGraceSeconds` from the repository's config (or the user's, outside a repository).
 * @example await reapUnitProcesses(pots, units, { graceSeconds: await killGraceSecondsOf(pots) })
 */
export async function killGraceSecondsOf(pots: PotsContext): Promise<number> {
  const plum = await pots.tryRepo();
  const resolved = plum
    ? await plum.config()
    : await import('@plumpots/core/config').then(({ loadConfig }) =>
        loadConfig({ cwd: pots.cwd, env: pots.env }),
      );
  return resolved.config.pots.killGraceSeconds;
}
