// Finds the repository around a directory: common dir, worktree, bare layout, project root and name.
import { realpath } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { PlumError } from '../errors.js';
import { discoveryFailure, git } from './gateway.js';
import { listWorktreeRecords } from './worktree-list.js';

/** Where `cwd` sits in a repository. Every path is absolute and physical (symlinks resolved). */
export interface RepoInfo {
  /** The repository's shared git dir: `<main>/.git`, or the bare repo itself. */
  commonDir: string;
  /** The git dir of the worktree containing cwd (`<common>/worktrees/<id>` in a linked worktree). */
  gitDir: string;
  /** Top level of the worktree containing cwd; null at a bare repo root or inside a git dir. */
  worktreePath: string | null;
  /** The repository is bare (including the bare + worktrees layout). */
  isBare: boolean;
  /** cwd is in a linked worktree (its git dir is not the common dir). */
  isLinked: boolean;
  /** The main worktree; null for bare layouts. */
  mainWorktree: string | null;
  /** The main worktree, or for a bare repo the directory that holds it. */
  projectRoot: string;
  /** The project's name: basename of projectRoot, or "foo" for a bare `foo.git` / `foo`. */
  projectName: string;
}

/**
 * Describes the repository containing `cwd`. One git call from a main worktree or a bare repo,
 * two from a linked worktree or from inside a git dir (the main worktree and bareness then come
 * from the worktree list, exactly as git sees them).
 * Throws NotFoundError ERR_NOT_A_REPO (exit 3) outside any repository.
 * @example const { projectRoot, isLinked } = await discoverRepo(process.cwd());
 */
export async function discoverRepo(cwd: string): Promise<RepoInfo> {
  // --show-cdup, unlike --show-toplevel, does not fail outside a work tree (bare root, inside .git).
  const result = await git(cwd).probe([
    'rev-parse',
    '--path-format=absolute',
    '--git-common-dir',
    '--git-dir',
    '--is-bare-repository',
    '--is-inside-work-tree',
    '--show-cdup',
  ]);
  if (result.exitCode !== 0) throw discoveryFailure(cwd, result);
  const lines = result.stdout.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const [rawCommon, rawGitDir, bareFlag, insideFlag, cdup] = lines;
  const inside = insideFlag === 'true';
  if (rawCommon === undefined || rawGitDir === undefined || lines.length !== (inside ? 5 : 4)) {
    throw new PlumError(
      'ERR_GIT_PARSE',
      `cannot parse git rev-parse output in ${cwd} (does the repository path contain a newline?)`,
    );
  }
  const commonDir = await realpath(rawCommon);
  const gitDir = await realpath(rawGitDir);
  const worktreePath = inside ? await realpath(resolve(await realpath(cwd), cdup ?? '')) : null;
  const isLinked = gitDir !== commonDir;

  let isBare: boolean;
  let mainWorktree: string | null;
  if (!isLinked && bareFlag === 'true') {
    isBare = true;
    mainWorktree = null;
  } else if (!isLinked && worktreePath !== null) {
    isBare = false;
    mainWorktree = worktreePath;
  } else {
    // Linked worktree (whose own rev-parse says "not bare" even in a bare layout), or inside .git.
    const main = (await listWorktreeRecords(cwd))[0];
    if (!main) throw new PlumError('ERR_GIT_PARSE', `git worktree list printed nothing in ${cwd}`);
    isBare = main.bare;
    mainWorktree = isBare ? null : await realpathOrSelf(main.path);
  }

  const project = projectOf(commonDir, isBare, mainWorktree);
  return { commonDir, gitDir, worktreePath, isBare, isLinked, mainWorktree, ...project };
}

export function projectOf(
  commonDir: string,
  isBare: boolean,
  mainWorktree: string | null,
): { projectRoot: string; projectName: string } {
  if (!isBare && mainWorktree !== null) {
    return { projectRoot: mainWorktree, projectName: basename(mainWorktree) };
  }
  // Bare: `<dir>/.bare` (or a bare `<dir>/.git`) belongs to <dir>; `foo.git` and `foo` name themselves.
  const projectRoot = dirname(commonDir);
  const own = basename(commonDir);
  const projectName = own.startsWith('.')
    ? basename(projectRoot)
    : own.replace(/\.git$/, '') || own;
  return { projectRoot, projectName };
}

async function realpathOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path; // the main worktree's directory may be gone; report what git has on record
  }
}
