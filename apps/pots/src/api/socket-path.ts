// `pots -S <path>` names a tmux socket. tmux itself, asked to start a server there, unlinks
// whatever the path holds and binds a socket in its place (a tracked file, say): pots checks the
// path first and says what is wrong with it (tmux(1), -S: "the server socket path").
import { lstatSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '@plumpots/core';

/**
 * Throws UsageError ERR_POTS_BAD_SOCKET_PATH (exit 2) unless `path` is a socket, or does not exist
 * yet in an existing directory. A regular file, a directory, a symlink to either, a dangling
 * symlink, a missing directory and a parent that is a file are all refused, before tmux runs.
 * Returns the path made absolute (from `cwd`), so that every tmux call, whatever its own working
 * directory, names the same socket.
 * @example checkSocketPath('work.sock', '/tmp') // '/tmp/work.sock' when absent or a socket
 */
export function checkSocketPath(path: string, cwd = process.cwd()): string {
  const full = resolve(cwd, path);
  const entry = tryStat(() => lstatSync(full));
  if (entry) {
    const target = entry.isSymbolicLink() ? tryStat(() => statSync(full)) : entry;
    if (target?.isSocket()) return full;
    const what = !target
      ? 'a symbolic link to nothing'
      : entry.isSymbolicLink()
        ? `a symbolic link to ${kind(target)}`
        : kind(target);
    throw bad(
      `${path} is ${what}, not a tmux socket: tmux would replace it with a socket`,
      'name a path that does not exist yet, or the socket of a running tmux server',
    );
  }
  const dir = dirname(full);
  const parent = tryStat(() => statSync(dir));
  if (!parent) {
    throw bad(
      `the directory of ${path} does not exist: ${dir}`,
      `mkdir -p ${dir}, or use another path`,
    );
  }
  if (!parent.isDirectory()) throw bad(`${dir} (in ${path}) is not a directory`);
  return full;
}

function kind(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFile()) return 'a regular file';
  if (stats.isFIFO()) return 'a FIFO';
  return 'a device or other special file';
}

function bad(message: string, hint?: string): UsageError {
  return new UsageError(`-S ${message}`, hint ? { hint } : {}, 'ERR_POTS_BAD_SOCKET_PATH');
}

function tryStat(fn: () => Stats): Stats | null {
  try {
    return fn();
  } catch {
    return null;
  }
}
