// The repository around a directory and its worktrees from ONE git call (`git worktree list`):
// listings (`plum list`, `pots list`) run dozens of times a day, and a second process is a tenth of
// their cost. What `discoverRepo` asks git is derived from the listing and the `.git` entries on
// disk; wherever that is not clear-cut (inside a git dir, at a bare root, a missing or unusual
// `.git`), it falls back to `discoverRepo`, so the answer is always the same as its answer.
import { lstat, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isPlumError } from '../errors.js';
import { discoverRepo, projectOf, type RepoInfo } from './repo.js';
import { listWorktreeRecords, type WorktreeRecord } from './worktree-list.js';

export interface RepoListing {
  info: RepoInfo;
  /** `git worktree list` as `listWorktreeRecords` returns it, from the same moment. */
  records: WorktreeRecord[];
}

/**
 * `discoverRepo(cwd)` and `listWorktreeRecords(cwd)` together, in one git call when the listing
 * settles the repository (cwd inside a worktree), else in two or three.
 * @example const { info, records } = await discoverRepoWithWorktrees(process.cwd());
 */
export async function discoverRepoWithWorktrees(cwd: string): Promise<RepoListing> {
  let records: WorktreeRecord[];
  try {
    records = await listWorktreeRecords(cwd);
  } catch (error) {
    if (isPlumError(error) && error.code === 'ERR_NOT_A_REPO') throw error;
    // Git too old, a parse problem…: discoverRepo says what is wrong, as it always has.
    const info = await discoverRepo(cwd);
    return { info, records: await listWorktreeRecords(cwd) };
  }
  const info = (await infoFromListing(cwd, records)) ?? (await discoverRepo(cwd));
  return { info, records };
}

/** What discoverRepo would say, from the listing; null when the listing does not settle it. */
export async function infoFromListing(
  cwd: string,
  records: readonly WorktreeRecord[],
): Promise<RepoInfo | null> {
  const [first] = records;
  if (!first) return null;
  const here = await realpath(cwd).catch(() => null);
  if (here === null || here.split(sep).includes('.git')) return null;

  // The innermost worktree holding cwd is the one git found (worktrees may nest in one another).
  let worktreePath: string | null = null;
  for (const record of records) {
    if (record.bare || record.prunable) continue;
    const path = await realpath(record.path).catch(() => null);
    if (path !== null && isInside(here, path) && path.length > (worktreePath?.length ?? -1)) {
      worktreePath = path;
    }
  }
  if (worktreePath === null) return null;

  const commonDir = first.bare
    ? await realpath(first.path).catch(() => null)
    : await gitDirOf(await realpath(first.path).catch(() => first.path));
  if (commonDir === null) return null;
  const mainWorktree = first.bare ? null : await realpath(first.path).catch(() => null);
  if (!first.bare && mainWorktree === null) return null;
  const gitDir = worktreePath === mainWorktree ? commonDir : await gitDirOf(worktreePath);
  if (gitDir === null) return null;

  return {
    commonDir,
    gitDir,
    worktreePath,
    isBare: first.bare,
    isLinked: gitDir !== commonDir,
    mainWorktree,
    ...projectOf(commonDir, first.bare, mainWorktree),
  };
}

/** The git dir of a worktree: its `.git` directory, or where its `.git` file points. */
async function gitDirOf(worktree: string): Promise<string | null> {
  const dotGit = join(worktree, '.git');
  const stats = await lstat(dotGit).catch(() => null);
  if (stats?.isDirectory()) return realpath(dotGit).catch(() => null);
  if (!stats?.isFile()) return null;
  const text = await readFile(dotGit, 'utf8').catch(() => '');
  const match = /^gitdir: (.+?)\r?\n?$/.exec(text);
  if (!match?.[1]) return null;
  return realpath(resolve(worktree, match[1])).catch(() => null);
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}
