// `worktrees.copy` entries ending in "/" (`node_modules/`, `.venv/`, `target/`): ignored
// directories a new worktree gets whole, so it is ready to work in without an install or a build.
// Copy-on-write where the filesystem can clone (btrfs, XFS with reflink, APFS…): `cp --reflink=always`
// shares the blocks until one side writes, in a fraction of a copy's time and space. Where it
// cannot (ext4, tmpfs, another filesystem), `worktrees.copyFallback` says what to do: `copy` (a
// real copy) or `skip` (let a postCreate hook install). Never hardlinks: they would share writes.
//
// Why coreutils `cp -a` and not Node's fs.cp: fs.cp resolves symlinks and writes relative ones as
// absolute unless `verbatimSymlinks` (pnpm's node_modules is made of relative symlinks, which must
// keep pointing inside the new worktree), and it copies file by file in JavaScript. `cp -a` keeps
// symlinks as they are, keeps modes and times, and clones with one FICLONE ioctl per file.
import { lstat, mkdir, readdir, realpath, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { glob } from 'tinyglobby';
import { ExitCode, PlumError, exists, runProcess } from '@plumpots/core';
import { parentInside } from './copy.js';

export type CopyFallback = 'copy' | 'skip';

export interface CopyDirsOptions {
  /** What to do where the filesystem cannot clone: copy (default) or skip. */
  fallback?: CopyFallback;
  /** Progress lines (one per directory, and once why a clone was not possible). */
  log?: (message: string) => void;
}

export interface CopyDirsResult {
  /** The directories copied, relative with a trailing "/", sorted. */
  copied: string[];
  /** `clone`: copy-on-write; `copy`: a full copy; `skip`: the filesystem cannot clone, skipped. */
  method: 'clone' | 'copy' | 'skip' | null;
}

/**
 * Copies the directories under `fromDir` matching `patterns` (each without its trailing "/") to the
 * same place under `toDir`, whole, at low I/O priority: cloned copy-on-write when the filesystem
 * can, else as `fallback` says. A directory already in `toDir` is left alone; nothing is overwritten.
 * @example await copyDirsIntoWorktree('/src/shop', '/src/shop.worktrees/feat', ['node_modules'], { fallback: 'skip' })
 */
export async function copyDirsIntoWorktree(
  fromDir: string,
  toDir: string,
  patterns: readonly string[],
  options: CopyDirsOptions = {},
): Promise<CopyDirsResult> {
  const log = options.log ?? (() => undefined);
  const from = await realpath(fromDir);
  const to = await realpath(toDir);
  if (patterns.length === 0 || from === to) return { copied: [], method: null };
  const matches = await matchDirs(from, patterns);
  const dirs: string[] = [];
  for (const match of matches) {
    if (dirs.some((d) => match.startsWith(`${d}/`))) continue; // inside one already taken
    const target = join(to, match);
    if (await exists(target)) continue; // the checkout (or someone) has it: never overwrite
    if (!(await parentInside(to, dirname(target)))) continue;
    dirs.push(match);
  }
  if (dirs.length === 0) return { copied: [], method: null };

  const why = await cannotClone(from, to, dirs[0]!);
  const method = why === null ? 'clone' : (options.fallback ?? 'copy');
  if (why !== null) {
    log(
      method === 'skip'
        ? `this filesystem cannot clone directories (${why}): ${dirs.map((d) => `${d}/`).join(', ')} not copied (worktrees.copyFallback: skip)`
        : `this filesystem cannot clone directories (${why}): copying ${dirs.map((d) => `${d}/`).join(', ')} in full (worktrees.copyFallback: copy)`,
    );
  }
  if (method === 'skip') return { copied: [], method };

  const copied: string[] = [];
  for (const [i, dir] of dirs.entries()) {
    const started = Date.now();
    log(`${method === 'clone' ? 'cloning' : 'copying'} ${dir}/ (${i + 1}/${dirs.length})…`);
    const target = join(to, dir);
    await mkdir(dirname(target), { recursive: true });
    const result = await lowPriority([
      'cp',
      '-a',
      `--reflink=${method === 'clone' ? 'always' : 'never'}`,
      '--',
      join(from, dir),
      target,
    ]);
    if (result.exitCode !== 0) {
      throw new PlumError(
        'ERR_COPY_FAILED',
        `could not copy ${dir}/ into the new worktree: ${result.stderr.trim() || `cp exited ${result.exitCode}`}`,
        ExitCode.failed,
        { hint: `the worktree is made; what cp copied is in ${target}` },
      );
    }
    log(`${method === 'clone' ? 'cloned' : 'copied'} ${dir}/ in ${seconds(Date.now() - started)}`);
    copied.push(`${dir}/`);
  }
  return { copied, method };
}

/** The directories under `from` matching `patterns`, relative, sorted; a plain name is looked up. */
async function matchDirs(from: string, patterns: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const globs: string[] = [];
  for (const pattern of patterns) {
    if (/[*?[\]{}!]/.test(pattern)) globs.push(pattern);
    else if (await isPlainDirectory(join(from, pattern))) found.add(pattern);
  }
  if (globs.length > 0) {
    const matches = await glob(globs, {
      cwd: from,
      dot: true,
      onlyDirectories: true,
      followSymbolicLinks: false,
      ignore: ['**/.git', '**/.git/**'],
    });
    for (const match of matches) found.add(match.replace(/\/$/, ''));
  }
  return [...found].sort();
}

// lstat, not core's isDirectory (which follows links): as with the globs (followSymbolicLinks: false),
// a symlink to a directory is not a directory to clone.
async function isPlainDirectory(path: string): Promise<boolean> {
  return lstat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/**
 * Null when a file of `dir` clones from `from` into `to` (FICLONE through `cp --reflink=always`),
 * else why not, in a few words. The probe file is removed; a directory without files is probed
 * with nothing and counted as clonable (`cp` then makes directories only).
 */
async function cannotClone(from: string, to: string, dir: string): Promise<string | null> {
  const file = await firstFile(join(from, dir));
  if (file === null) return null;
  const probe = join(to, `.plum-clone-probe-${process.pid}`);
  try {
    const result = await runProcess('cp', ['--reflink=always', '--', file, probe]);
    if (result.exitCode === 0) return null;
    const text = result.stderr.toLowerCase();
    if (text.includes('cross-device')) return 'another filesystem';
    if (text.includes('not supported') || text.includes('invalid argument'))
      return 'no copy-on-write';
    return result.stderr.trim().split('\n').pop() ?? `cp exited ${result.exitCode}`;
  } finally {
    await rm(probe, { force: true });
  }
}

/** The first regular file under `dir` (breadth-first, a few hundred entries at most), or null. */
async function firstFile(dir: string): Promise<string | null> {
  const queue = [dir];
  for (let seen = 0; queue.length > 0 && seen < 500; seen++) {
    const current = queue.shift()!;
    const entries = await readdir(current, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile()) return join(current, entry.name);
      if (entry.isDirectory()) queue.push(join(current, entry.name));
    }
  }
  return null;
}

/** Runs argv at idle I/O priority (`ionice -c 3`) when ionice is there, else as is. */
async function lowPriority(argv: string[]) {
  const idle = await runProcess('ionice', ['-c', '3', ...argv]).catch(() => null);
  // ionice missing (ENOENT) or refused (EPERM in some containers): run without it.
  if (idle && !/^ionice: /m.test(idle.stderr)) return idle;
  return runProcess(argv[0]!, argv.slice(1));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
