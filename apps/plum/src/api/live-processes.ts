// Which of this user's processes work inside a directory: a worktree with a live agent, dev server
// or editor in it is not one to remove unasked. Linux reads /proc (no process spawned); elsewhere
// none are found (pots's reaper, with the plugin, still refuses those it did not start).
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { sep } from 'node:path';

/** One process working inside a directory. */
export interface LiveProcess {
  pid: number;
  /** Its command line (its name when unreadable). */
  command: string;
  cwd: string;
}

/**
 * This user's processes whose working directory is `dir` or below it; never this process, nor a
 * tmux server (it keeps the directory of the client that started it and works for every session).
 * @example (await processesInside('/src/wt/feat')).map((p) => p.command) // ['node server.js']
 */
export async function processesInside(dir: string): Promise<LiveProcess[]> {
  if (process.platform !== 'linux') return [];
  const uid = process.getuid?.();
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const found = await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
      .map(async (name): Promise<LiveProcess | null> => {
        const owner = await lstat(`/proc/${name}`).catch(() => null);
        if (!owner || (uid !== undefined && owner.uid !== uid)) return null;
        const cwd = (await readlink(`/proc/${name}/cwd`).catch(() => null))?.replace(
          / \(deleted\)$/,
          '',
        );
        if (cwd === undefined || (cwd !== dir && !cwd.startsWith(prefix))) return null;
        const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        if (comm.startsWith('tmux') || state === 'Z' || state === '') return null;
        const raw = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
        const command = raw.replace(/\0+$/, '').replaceAll('\0', ' ') || comm;
        return { pid: Number(name), command, cwd };
      }),
  );
  return found.filter((p): p is LiveProcess => p !== null);
}
