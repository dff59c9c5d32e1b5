// The machine's processes, for reaping: who is whose parent, who owns it, where it runs. The only
// platform-specific code in pots. Linux reads /proc (no process spawned); elsewhere one
// `ps -A -o pid=,ppid=,uid=,command=` and, for working directories, one `lsof -d cwd` (best effort).
import { readFile, readdir, readlink, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { runProcess } from '@plumpots/core';

/** One process, as far as reaping needs it. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  uid: number;
  /** The executable's short name (`comm`): `sleep`, `node`, `tmux: server`. */
  name: string;
  /**
   * Start time in clock ticks since boot (Linux; null elsewhere): with the pid it identifies the
   * process, so that a pid the kernel reused is never signalled.
   */
  start: number | null;
}

export interface ProcessTable {
  processes: Map<number, ProcessInfo>;
  /** pid → its children's pids. */
  children: Map<number, number[]>;
}

const LINUX = process.platform === 'linux';

/**
 * Every process visible to us, with its parent and owner. Linux: one pass over /proc/<pid>/stat.
 * @example const { processes } = await readProcessTable(); processes.get(process.pid)?.ppid
 */
export async function readProcessTable(): Promise<ProcessTable> {
  const list = LINUX ? await readProc() : await readPs();
  const processes = new Map(list.map((p) => [p.pid, p]));
  const children = new Map<number, number[]>();
  for (const p of list) {
    const siblings = children.get(p.ppid);
    if (siblings) siblings.push(p.pid);
    else children.set(p.ppid, [p.pid]);
  }
  return { processes, children };
}

/**
 * The working directory of each of `pids` that we can read (same user), without the
 * ` (deleted)` Linux appends to a removed one. Missing entries: unknown. Elsewhere than Linux, one
 * `lsof` call; without lsof, an empty map.
 * @example (await processCwds([process.pid])).get(process.pid) === process.cwd()
 */
export async function processCwds(pids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (LINUX) {
    await Promise.all(
      pids.map(async (pid) => {
        const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
        if (cwd !== null) out.set(pid, cwd.replace(/ \(deleted\)$/, ''));
      }),
    );
    return out;
  }
  const wanted = new Set(pids);
  const uid = process.getuid?.();
  const args = ['-w', '-a', '-d', 'cwd', '-Fpn', ...(uid === undefined ? [] : ['-u', String(uid)])];
  const result = await runProcess('lsof', args).catch(() => null);
  if (!result) return out;
  let pid = 0;
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith('p')) pid = Number(line.slice(1));
    else if (line.startsWith('n') && wanted.has(pid)) out.set(pid, line.slice(1));
  }
  return out;
}

/**
 * The full command line of a process (its name when unreadable), for reports.
 * @example await processCommand(process.pid) // 'node /usr/lib/node_modules/@plumpots/plum/dist/bin.js remove feat'
 */
export async function processCommand(info: Pick<ProcessInfo, 'pid' | 'name'>): Promise<string> {
  if (!LINUX) return info.name;
  const raw = await readFile(`/proc/${info.pid}/cmdline`, 'utf8').catch(() => '');
  const command = raw.replace(/\0+$/, '').replaceAll('\0', ' ');
  return command === '' ? info.name : command;
}

/**
 * Whether the process `info` describes still runs: gone, a zombie (it has exited; its parent has
 * not collected it yet) and a reused pid all count as not running.
 * @example while (await isRunning(info)) await pause(25);
 */
export async function isRunning(info: Pick<ProcessInfo, 'pid' | 'start'>): Promise<boolean> {
  if (LINUX) {
    const now = await readStat(info.pid);
    if (!now || now.state === 'Z' || now.state === 'X') return false;
    return info.start === null || now.start === info.start;
  }
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readProc(): Promise<ProcessInfo[]> {
  const entries = await readdir('/proc');
  const pids = entries.filter((name) => /^\d+$/.test(name)).map(Number);
  const found = await Promise.all(
    pids.map(async (pid): Promise<ProcessInfo | null> => {
      const [info, owner] = await Promise.all([
        readStat(pid),
        stat(`/proc/${pid}`).catch(() => null),
      ]);
      if (!info || !owner) return null; // exited while we looked
      return { pid, ppid: info.ppid, uid: owner.uid, name: info.name, start: info.start };
    }),
  );
  return found.filter((p): p is ProcessInfo => p !== null);
}

interface Stat {
  name: string;
  state: string;
  ppid: number;
  start: number;
}

// `pid (comm) state ppid …`: comm may hold spaces and parentheses, so fields count from the last `)`.
async function readStat(pid: number): Promise<Stat | null> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (text === null) return null;
  const close = text.lastIndexOf(')');
  if (close === -1) return null;
  const name = text.slice(text.indexOf('(') + 1, close);
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ');
  // fields[0] is field 3 (state); ppid is field 4, starttime field 22.
  const ppid = Number(fields[1]);
  const start = Number(fields[19]);
  if (!Number.isInteger(ppid) || !Number.isFinite(start)) return null;
  return { name, state: fields[0] ?? '', ppid, start };
}

async function readPs(): Promise<ProcessInfo[]> {
  const result = await runProcess('ps', ['-A', '-o', 'pid=,ppid=,uid=,comm=']);
  const list: ProcessInfo[] = [];
  for (const line of result.stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!match) continue;
    list.push({
      pid: Number(match[1]),
      ppid: Number(match[2]),
      uid: Number(match[3]),
      // macOS prints the executable's path: keep its last part, as Linux's comm.
      name: basename(match[4]!.trim()),
      start: null,
    });
  }
  return list;
}
