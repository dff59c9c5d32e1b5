// A worktree whose directory is gone from its registered path may only have been moved (`mv` by
// hand): its `.git` file still names the admin dir `<common>/worktrees/<id>`, which holds its index
// (staged changes), HEAD and reflog. Dropping the entry deletes that admin dir and leaves the moved
// directory "not a git repository". So before a gone entry is dropped, plum looks for the moved
// directory (near the old path, and where its own processes work) and checks the index for staged
// changes (git-worktree(1), "repair").
import { lstat, readdir, readFile, readlink, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { git } from '@plumpots/core';

/**
 * The admin dir (`<commonDir>/worktrees/<id>`) whose `gitdir` file names `path`/.git, or null.
 * @example await adminDirOf('/src/shop/.git', '/src/wt/feat') // '/src/shop/.git/worktrees/feat'
 */
export async function adminDirOf(commonDir: string, path: string): Promise<string | null> {
  const root = join(commonDir, 'worktrees');
  const ids = await readdir(root).catch(() => [] as string[]);
  const wanted = join(path, '.git');
  for (const id of ids) {
    const text = await readFile(join(root, id, 'gitdir'), 'utf8').catch(() => null);
    if (text !== null && resolve(root, id, text.trim()) === wanted) return join(root, id);
  }
  return null;
}

/** How many directories the search near the old path looks at, at most. */
const SEARCH_LIMIT = 4000;

/**
 * Where the worktree registered at `oldPath` (admin dir `adminDir`) lives now, or null: a directory
 * whose `.git` file points at `adminDir`. Looks at the working directories of this user's
 * processes (Linux), then up to two levels below the old path's parent and grandparent and below
 * `near` (e.g. the main worktree's parent), skipping hidden directories and node_modules.
 * @example await findMovedWorktree(admin, '/src/wt/feat', ['/src']) // '/src/wt/feat-old'
 */
export async function findMovedWorktree(
  adminDir: string,
  oldPath: string,
  near: readonly string[] = [],
): Promise<string | null> {
  const admin = await realpath(adminDir).catch(() => adminDir);
  const points = async (dir: string) => {
    const text = await readFile(join(dir, '.git'), 'utf8').catch(() => null);
    const match = text === null ? null : /^gitdir: (.+)$/m.exec(text);
    if (!match) return false;
    const target = match[1]!.trim();
    const full = isAbsolute(target) ? target : resolve(dir, target);
    return (await realpath(full).catch(() => full)) === admin;
  };

  const seen = new Set<string>();
  for (const cwd of await processCwds()) {
    for (let dir = cwd; dir !== dirname(dir) && !seen.has(dir); dir = dirname(dir)) {
      seen.add(dir);
      if (await points(dir)) return dir;
    }
  }

  const roots = [...new Set([dirname(oldPath), dirname(dirname(oldPath)), ...near])];
  let budget = SEARCH_LIMIT;
  let level = roots;
  for (let depth = 0; depth <= 2 && level.length > 0 && budget > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (budget-- <= 0) break;
      if (depth > 0 && (await points(dir))) return dir;
      const children = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const child of children) {
        if (!child.isDirectory() || child.name.startsWith('.') || child.name === 'node_modules')
          continue;
        next.push(join(dir, child.name));
      }
    }
    level = [...new Set(next)];
  }
  return null;
}

/**
 * The files staged in a gone worktree's index (read from its admin dir: no working tree needed),
 * relative to the worktree. They exist only in that index: dropping the entry loses them.
 */
export async function stagedInAdminDir(cwd: string, adminDir: string): Promise<string[]> {
  const result = await git(cwd).probe([
    `--git-dir=${adminDir}`,
    'diff-index',
    '--cached',
    '-z',
    '--name-only',
    'HEAD',
    '--', // run from the common dir, where a file is named HEAD too
  ]);
  if (result.exitCode !== 0) return [];
  return result.stdout.split('\0').filter(Boolean);
}

/** The working directories of this user's processes (Linux /proc; elsewhere none). */
async function processCwds(): Promise<string[]> {
  if (process.platform !== 'linux') return [];
  const uid = process.getuid?.();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const cwds = await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (pid) => {
        const owner = await lstat(`/proc/${pid}`).catch(() => null);
        if (!owner || (uid !== undefined && owner.uid !== uid)) return null;
        const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
        return cwd === null || cwd.endsWith(' (deleted)') ? null : cwd;
      }),
  );
  return [...new Set(cwds.filter((cwd): cwd is string => cwd !== null))];
}
