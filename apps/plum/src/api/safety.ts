// What removing a worktree would lose, found without changing anything: the pre-flight of `plum
// remove` and `plum prune` (reliability.md §4.5–§4.7). git itself silently deletes ignored files and
// orphans a detached HEAD's commits, so plum checks those too.
import { lstat, open, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import picomatch from 'picomatch';
import {
  getStatus,
  git,
  inProgressOperation,
  unreachableCommits,
  type InProgressOperation,
} from '@plumpots/core';
import type { PlumContext } from './context.js';
import { gitCwd } from './list.js';
import type { Worktree } from './types.js';

export type RemovalRiskKind =
  | 'modified'
  | 'untracked'
  | 'ignored'
  | 'unreachable-commits'
  | 'in-progress'
  | 'submodules'
  | 'locked'
  | 'main'
  /** The directory is gone from its path but was found elsewhere (moved by hand). */
  | 'moved'
  /** The directory is gone (and not found): its index still holds staged changes. */
  | 'staged'
  /** `--delete-branch`: the branch is neither merged into the base nor pushed to its upstream. */
  | 'unmerged-branch';

/** One reason removing a worktree (or deleting its branch) would lose something. */
export interface RemovalRisk {
  kind: RemovalRiskKind;
  /** One line for a person, e.g. "2 untracked files". */
  message: string;
  /** Files at risk, relative to the worktree (modified, untracked, ignored, submodules). */
  paths?: string[];
  /** Full ids of the commits at risk (unreachable-commits, unmerged-branch). */
  commits?: string[];
  /** The subject line of each of `commits`, in the same order. */
  subjects?: string[];
}

export interface AssessOptions {
  /** Globs of ignored files that may go without asking (config `worktrees.disposable`). */
  disposable: readonly string[];
}

// The order risks are reported in: what the user would miss most first.
const KIND_ORDER: readonly RemovalRiskKind[] = [
  'main',
  'moved',
  'staged',
  'in-progress',
  'modified',
  'untracked',
  'unreachable-commits',
  'ignored',
  'submodules',
  'locked',
  'unmerged-branch',
];

/**
 * Everything removing `worktree` would lose, as a list of risks (empty: safe to remove). Changes
 * nothing. The main worktree is always a risk. For a worktree whose directory exists: one `git
 * status` (modified, untracked and ignored files), plus `git rev-list` when its HEAD is detached and
 * `git submodule status` when it has a `.gitmodules`, all run concurrently; the rest is read from the
 * filesystem (in-progress operations, ignored files compared with the main worktree's copies).
 * @example
 * const risks = await assessRemoval(ctx, worktree, { disposable: config.worktrees.disposable });
 * if (risks.length > 0) console.error(formatRisks(risks).join('\n'));
 */
export async function assessRemoval(
  ctx: Pick<PlumContext, 'repo'>,
  worktree: Worktree,
  options: AssessOptions,
): Promise<RemovalRisk[]> {
  if (worktree.isMain) {
    return [
      {
        kind: 'main',
        message: 'the main worktree holds the repository itself and is never removed',
      },
    ];
  }
  const present = !worktree.prunable && (await isDirectory(worktree.path));
  const checks: Promise<RemovalRisk[]>[] = [];
  if (worktree.locked) {
    const reason = worktree.lockReason ? `: ${worktree.lockReason}` : '';
    checks.push(Promise.resolve([{ kind: 'locked', message: `locked${reason}` }]));
  }
  // On a branch, HEAD is reachable from that branch; only a detached HEAD can hold orphans. The
  // check runs from the repository, so it also covers an entry whose directory is gone.
  if (worktree.detached && worktree.head) {
    checks.push(orphanCommits(present ? worktree.path : gitCwd(ctx), worktree.head));
  }
  if (!present && !worktree.locked) checks.push(goneRisks(ctx.repo, worktree.path));
  if (present) {
    const isDisposable = disposableMatcher(options.disposable);
    checks.push(statusRisks(worktree.path, ctx.repo.mainWorktree, isDisposable));
    checks.push(inProgressRisk(worktree.path));
    checks.push(submoduleRisk(worktree.path));
  }
  const risks = (await Promise.all(checks)).flat();
  return risks.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/**
 * A matcher for `worktrees.disposable` globs, applied to paths relative to the worktree. A pattern
 * without a slash (`node_modules`) matches at any depth, and everything under a match goes with it;
 * one with a slash (`/build`, `packages/web/dist`) is anchored at the worktree's root, as in .gitignore.
 * @example disposableMatcher(['node_modules'])('pkg/node_modules/x/index.js') // true
 */
export function disposableMatcher(patterns: readonly string[]): (path: string) => boolean {
  const globs = patterns.flatMap((raw) => {
    const pattern = raw.replace(/^\/+/, '').replace(/\/+$/, '');
    if (pattern === '') return [];
    const anchored = raw.startsWith('/') || pattern.includes('/');
    return (anchored ? [pattern] : [pattern, `**/${pattern}`]).flatMap((glob) => [
      glob,
      `${glob}/**`,
    ]);
  });
  if (globs.length === 0) return () => false;
  const match = picomatch(globs, { dot: true });
  return (path) => match(path.replace(/\/+$/, ''));
}

/**
 * The risks as lines for a person: each risk's message, then up to `limit` of its paths or commits
 * (indented), then how many more there are.
 * @example formatRisks(risks) // ["1 modified file:", "  src/app.ts", "locked: on usb drive"]
 */
export function formatRisks(risks: readonly RemovalRisk[], limit = 20): string[] {
  const lines: string[] = [];
  for (const risk of risks) {
    const items = risk.commits
      ? risk.commits.map((sha, i) => `${sha.slice(0, 7)} ${risk.subjects?.[i] ?? ''}`.trimEnd())
      : (risk.paths ?? []);
    lines.push(items.length > 0 ? `${risk.message}:` : risk.message);
    for (const item of items.slice(0, limit)) lines.push(`  ${item}`);
    if (items.length > limit) lines.push(`  … and ${items.length - limit} more`);
  }
  return lines;
}

// A directory gone from its path: moved (found: `git worktree repair` reconnects it), or deleted
// or moved out of reach, when only its index's staged changes can still be lost.
async function goneRisks(repo: PlumContext['repo'], path: string): Promise<RemovalRisk[]> {
  const { adminDirOf, findMovedWorktree, stagedInAdminDir } = await import('./moved.js');
  const admin = await adminDirOf(repo.commonDir, path);
  if (admin === null) return [];
  const near = [dirname(repo.mainWorktree ?? repo.projectRoot)];
  const moved = await findMovedWorktree(admin, path, near);
  if (moved !== null) {
    return [
      {
        kind: 'moved',
        message: `its directory was moved to ${moved}; dropping the entry would leave that copy "not a git repository" (its index, staged changes and HEAD are in the entry): run \`git worktree repair ${moved}\` to reconnect it`,
        paths: [moved],
      },
    ];
  }
  const staged = await stagedInAdminDir(repo.commonDir, admin);
  if (staged.length === 0) return [];
  return [
    {
      kind: 'staged',
      message: `${count(staged.length, 'staged change')} only its index holds (its directory is gone from ${path}; if you moved it, run \`git worktree repair <new path>\`)`,
      paths: staged,
    },
  ];
}

async function statusRisks(
  path: string,
  mainWorktree: string | null,
  isDisposable: (path: string) => boolean,
): Promise<RemovalRisk[]> {
  const status = await getStatus(path, { ignored: true, untrackedAll: true });
  const modified: string[] = [];
  const untracked: string[] = [];
  const ignored: string[] = [];
  for (const entry of status.entries) {
    if (entry.kind === 'untracked') untracked.push(entry.path);
    else if (entry.kind === 'ignored') ignored.push(entry.path);
    else modified.push(entry.origPath ? `${entry.origPath} -> ${entry.path}` : entry.path);
  }
  const risks: RemovalRisk[] = [];
  if (modified.length > 0) {
    risks.push({
      kind: 'modified',
      message: `${count(modified.length, 'modified file')} (uncommitted changes)`,
      paths: modified,
    });
  }
  if (untracked.length > 0) {
    risks.push({
      kind: 'untracked',
      message: count(untracked.length, 'untracked file'),
      paths: untracked,
    });
  }
  const lost = await ignoredAtRisk(path, mainWorktree, ignored, isDisposable);
  if (lost.length > 0) {
    risks.push({
      kind: 'ignored',
      message: `${count(lost.length, 'ignored file')} that ${lost.length === 1 ? 'is' : 'are'} not disposable and not identical to the main worktree's copy (git would delete ${lost.length === 1 ? 'it' : 'them'} silently)`,
      paths: lost,
    });
  }
  return risks;
}

// git lists an ignored directory once (`build/`, with --ignored=matching); walk those that are not
// disposable and keep every file that differs from the main worktree's file at the same path: a
// `.env` that `plum create` copied unchanged loses nothing, an edited one does.
async function ignoredAtRisk(
  root: string,
  mainWorktree: string | null,
  entries: readonly string[],
  isDisposable: (path: string) => boolean,
): Promise<string[]> {
  const files: string[] = [];
  for (const entry of entries) {
    if (isDisposable(entry)) continue;
    if (entry.endsWith('/')) await walk(root, entry.slice(0, -1), isDisposable, files);
    else files.push(entry);
  }
  const same = await mapLimit(files, 16, (file) =>
    mainWorktree === null ? false : sameAsMain(root, mainWorktree, file),
  );
  return files.filter((_, i) => !same[i]);
}

async function walk(
  root: string,
  dir: string,
  isDisposable: (path: string) => boolean,
  out: string[],
): Promise<void> {
  let children;
  try {
    children = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    out.push(`${dir}/`); // unreadable: cannot prove it holds nothing
    return;
  }
  for (const child of children) {
    const rel = `${dir}/${child.name}`;
    if (isDisposable(rel)) continue;
    if (child.isDirectory()) await walk(root, rel, isDisposable, out);
    else if (child.isFile() || child.isSymbolicLink()) out.push(rel);
    // Sockets and FIFOs hold no data.
  }
}

async function sameAsMain(root: string, mainWorktree: string, rel: string): Promise<boolean> {
  const mine = join(root, rel);
  const theirs = join(mainWorktree, rel);
  const [a, b] = await Promise.all([
    lstat(mine).catch(() => null),
    lstat(theirs).catch(() => null),
  ]);
  if (!a) return true; // gone since git listed it: nothing left to lose
  if (!b) return false;
  if (a.isSymbolicLink()) {
    return b.isSymbolicLink() && (await readlink(mine)) === (await readlink(theirs));
  }
  if (!a.isFile()) return true;
  if (!b.isFile() || a.size !== b.size) return false;
  return sameBytes(mine, theirs);
}

/** Compares two files of equal size chunk by chunk (an ignored file may be a large database). */
async function sameBytes(a: string, b: string): Promise<boolean> {
  const [fa, fb] = await Promise.all([open(a, 'r'), open(b, 'r')]);
  try {
    const size = 64 * 1024;
    const ba = Buffer.alloc(size);
    const bb = Buffer.alloc(size);
    for (;;) {
      const [ra, rb] = await Promise.all([fa.read(ba, 0, size, null), fb.read(bb, 0, size, null)]);
      if (ra.bytesRead !== rb.bytesRead) return false;
      if (ra.bytesRead === 0) return true;
      if (!ba.subarray(0, ra.bytesRead).equals(bb.subarray(0, rb.bytesRead))) return false;
    }
  } finally {
    await Promise.all([fa.close(), fb.close()]);
  }
}

async function orphanCommits(cwd: string, head: string): Promise<RemovalRisk[]> {
  const commits = await unreachableCommits(cwd, head);
  if (commits.length === 0) return [];
  // Subjects for the refusal message: one more call, only when there is something to show.
  const shown = commits.slice(0, 100);
  const out = await git(cwd).run(['log', '--no-walk=unsorted', '--format=%H%x00%s', ...shown]);
  const subjectOf = new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\0') as [string, string]),
  );
  return [
    {
      kind: 'unreachable-commits',
      message: `${count(commits.length, 'commit')} on the detached HEAD reachable from no branch, tag or remote (git would orphan ${commits.length === 1 ? 'it' : 'them'} silently)`,
      commits,
      subjects: commits.map((sha) => subjectOf.get(sha) ?? ''),
    },
  ];
}

const OPERATION_TEXT: Record<InProgressOperation, string> = {
  rebase: 'a rebase',
  merge: 'a merge',
  'cherry-pick': 'a cherry-pick',
  revert: 'a revert',
  bisect: 'a bisect',
};

async function inProgressRisk(path: string): Promise<RemovalRisk[]> {
  const gitDir = await worktreeGitDir(path);
  const operation = await inProgressOperation(gitDir);
  if (!operation) return [];
  let what = OPERATION_TEXT[operation];
  if (operation === 'rebase') {
    // A rebasing worktree is listed as detached; name the branch being rebased.
    const head = await firstLine(join(gitDir, 'rebase-merge', 'head-name')).then(
      (line) => line ?? firstLine(join(gitDir, 'rebase-apply', 'head-name')),
    );
    if (head) what += ` of ${head.replace(/^refs\/heads\//, '')}`;
  }
  return [
    {
      kind: 'in-progress',
      message: `${what} is in progress (its state and any conflict resolution would be lost)`,
    },
  ];
}

/** A linked worktree's `.git` is a file naming its git dir (`<common>/worktrees/<id>`). */
async function worktreeGitDir(path: string): Promise<string> {
  const dotGit = join(path, '.git');
  const text = await readFile(dotGit, 'utf8').catch(() => null);
  const match = text === null ? null : /^gitdir: (.+)$/m.exec(text);
  if (match) {
    const dir = match[1]!.trimEnd();
    return isAbsolute(dir) ? dir : resolve(path, dir);
  }
  if (await isDirectory(dotGit)) return dotGit;
  return (await git(path).run(['rev-parse', '--absolute-git-dir'])).trim();
}

async function submoduleRisk(path: string): Promise<RemovalRisk[]> {
  // No .gitmodules, no submodules to initialize: skip the spawn.
  if (!(await exists(join(path, '.gitmodules')))) return [];
  const result = await git(path).probe(['submodule', 'status', '--recursive']);
  if (result.exitCode !== 0) {
    const said = result.stderr.trim().split('\n')[0] ?? '';
    return [{ kind: 'submodules', message: `cannot check its submodules: ${said}` }];
  }
  const initialized: string[] = [];
  for (const line of result.stdout.split('\n')) {
    // "<state><sha> <path>[ (<describe>)]"; state "-" means not initialized.
    const match = /^([ +U])[0-9a-f]+ (.+?)(?: \(.*\))?$/.exec(line);
    if (match) initialized.push(match[2]!);
  }
  if (initialized.length === 0) return [];
  return [
    {
      kind: 'submodules',
      message: `${count(initialized.length, 'initialized submodule')} (their own changes are not checked)`,
      paths: initialized,
    },
  ];
}

/** How many worktrees are checked at once. */
export function checkConcurrency(): number {
  return Math.max(4, Math.min(16, availableParallelism()));
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function firstLine(file: string): Promise<string | null> {
  const text = await readFile(file, 'utf8').catch(() => null);
  return text?.split('\n')[0]?.trim() || null;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * `Promise.all(items.map(fn))` with at most `limit` running at once (default: one per CPU, 4 to
 * 16), results in input order: checks over many worktrees must not start hundreds of gits at once.
 * Internal to remove and prune.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => R | Promise<R>,
): Promise<R[]> {
  if (limit < 1) limit = 1;
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
