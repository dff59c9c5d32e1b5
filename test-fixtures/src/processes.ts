// The processes a test started, found by what it started (a pid, the tmux server it runs, the
// temp dir it works in) and never by a command name: another run of the suite, or any program of
// the user's, may run the very same command line at the same time. Linux /proc; elsewhere empty.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { sep } from 'node:path';

/** One live process of ours (same uid; zombies left out). */
export interface TestProcess {
  pid: number;
  ppid: number;
  /** `comm`: `sleep`, `tmux: server`. */
  name: string;
  /** The full command line. */
  command: string;
  /** Working directory, without Linux's ` (deleted)`. */
  cwd: string;
}

/** Every live process of this user (Linux /proc; an empty list elsewhere). */
export function listProcesses(): TestProcess[] {
  if (process.platform !== 'linux') return [];
  const uid = process.getuid?.();
  const out: TestProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (uid !== undefined && !new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(status)) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
        .replace(/\0+$/, '')
        .replaceAll('\0', ' ');
      const cwd = readlinkSync(`/proc/${entry}/cwd`).replace(/ \(deleted\)$/, '');
      out.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        name: stat.slice(stat.indexOf('(') + 1, close),
        command,
        cwd,
      });
    } catch {
      // gone while we looked
    }
  }
  return out;
}

/** `roots` and every process below them, from one reading of the table. */
export function processTree(
  roots: readonly number[],
  table: readonly TestProcess[] = listProcesses(),
): TestProcess[] {
  const children = new Map<number, TestProcess[]>();
  for (const p of table) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const seen = new Map<number, TestProcess>();
  const queue = table.filter((p) => roots.includes(p.pid));
  while (queue.length > 0) {
    const p = queue.pop()!;
    if (seen.has(p.pid)) continue;
    seen.set(p.pid, p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return [...seen.values()];
}

/** Processes whose working directory is `dir` or below it. */
export function processesInside(
  dir: string,
  table: readonly TestProcess[] = listProcesses(),
): TestProcess[] {
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return table.filter((p) => p.cwd === dir || p.cwd.startsWith(prefix));
}

/** SIGKILLs `pids`, ignoring those already gone; never 0 or below (a process group). */
export function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    if (pid === process.pid || !Number.isInteger(pid) || pid <= 0) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
