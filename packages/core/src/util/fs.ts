// Small file-system questions asked all over both apps, answered one way.
import { statSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';

/**
 * Whether `path` is a directory (a symlink to one counts); false when it is missing or unreadable.
 * @example await isDirectory('/src/app') // true
 */
export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * `isDirectory`, synchronously: for the few checks made while building a listing.
 * @example isDirectorySync('/src/app') // true
 */
export function isDirectorySync(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether `path` is a regular file (a symlink to one counts).
 * @example await isFile('/src/app/package.json') // true
 */
export async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Whether anything is at `path`, a dangling symlink included (it is in the way too).
 * @example await exists('/src/app.worktrees/feat') // false
 */
export async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
