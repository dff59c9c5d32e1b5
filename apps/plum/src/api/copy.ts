// `worktrees.copy`: files a checkout does not bring (ignored ones such as `.env`) copied from the
// main worktree into a new one, never over a file that is already there.
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { ConfigError } from '@plumpots/core';

/**
 * Copies the files under `fromDir` matching `globs` (dot files included; `!pattern` excludes) to
 * the same place under `toDir`. A file that already exists there is left alone; modes are kept; a
 * symlink is copied as the file it points to. Returns the copied paths, relative and sorted.
 * Throws ConfigError (exit 6) for a pattern that leaves the directory (absolute, or with `..`).
 * @example await copyIntoWorktree('/src/shop', '/src/shop.worktrees/feat', ['.env', 'config/*.local.json']) // [".env"]
 */
export async function copyIntoWorktree(
  fromDir: string,
  toDir: string,
  globs: readonly string[],
): Promise<string[]> {
  const { include, exclude } = checkCopyGlobs(globs);
  if (include.length === 0) return [];

  const from = await realpath(fromDir);
  const to = await realpath(toDir);
  if (from === to) return [];
  const matches = await glob(include, {
    cwd: from,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: exclude,
  });

  const copied: string[] = [];
  for (const rel of matches.sort()) {
    const source = join(from, rel);
    const target = join(to, rel);
    if (!(await isFile(source))) continue;
    // A symlinked directory in the new checkout (the branch's content) must not carry a copy
    // outside the worktree.
    if (!(await parentInside(to, dirname(target)))) continue;
    await mkdir(dirname(target), { recursive: true });
    try {
      // COPYFILE_EXCL: O_EXCL on the target, so nothing existing (not even a symlink) is overwritten.
      await copyFile(source, target, constants.COPYFILE_EXCL);
      copied.push(rel);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return copied;
}

/**
 * Splits `worktrees.copy` into file patterns to copy, (`!pattern`) to skip, and directories to copy
 * whole (`pattern/`, without the slash; see copyDirsIntoWorktree); `.git` is always skipped.
 * Throws ConfigError (exit 6) for a pattern that leaves the directory (absolute, `~`, or `..`).
 * @example checkCopyGlobs(['.env', '!.env.example', 'node_modules/']).dirs // ['node_modules']
 */
export function checkCopyGlobs(globs: readonly string[]): {
  include: string[];
  exclude: string[];
  dirs: string[];
} {
  const include: string[] = [];
  const dirs: string[] = [];
  const exclude: string[] = ['**/.git', '**/.git/**'];
  for (const pattern of globs) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    if (escapes(body)) {
      throw new ConfigError(
        `worktrees.copy: ${JSON.stringify(pattern)} leaves the worktree; patterns are relative to it and may not use ".."`,
        undefined,
        'worktrees.copy',
      );
    }
    if (!negated && body.endsWith('/') && body.replace(/\/+$/, '') !== '') {
      dirs.push(body.replace(/\/+$/, ''));
      continue;
    }
    (negated ? exclude : include).push(body);
  }
  return { include, exclude, dirs };
}

function escapes(pattern: string): boolean {
  return (
    pattern === '' ||
    isAbsolute(pattern) ||
    pattern.startsWith('~') ||
    pattern.split(/[\\/]/).includes('..')
  );
}

/** A regular file, or a symlink to one. */
async function isFile(path: string): Promise<boolean> {
  try {
    const info = await lstat(path);
    if (info.isFile()) return true;
    return info.isSymbolicLink() && (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Whether `dir` (or, when it does not exist yet, its nearest existing ancestor) is inside `root`. */
export async function parentInside(root: string, dir: string): Promise<boolean> {
  let probe = dir;
  for (;;) {
    try {
      const real = await realpath(probe);
      const rel = relative(root, real);
      return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
    } catch {
      const parent = dirname(probe);
      if (parent === probe) return false;
      probe = parent;
    }
  }
}
