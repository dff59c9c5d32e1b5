// The data plum's API returns. These shapes are the `--json` contract: add fields, never rename.
import type { RepoRef, WorktreeRef } from '@plumpots/core';

/** One worktree as `plum list --json` prints it. */
export interface Worktree extends WorktreeRef {
  /** The directory name: what every command accepts besides the branch or the path. */
  name: string;
  /** Absolute path. */
  path: string;
  /** Short branch name; null when detached. */
  branch: string | null;
  /** Commit the worktree's HEAD points at (null for an unborn branch). */
  head: string | null;
  isMain: boolean;
  /** The worktree containing the current directory. */
  isCurrent: boolean;
  detached: boolean;
  locked: boolean;
  lockReason: string | null;
  /** The directory is gone; `plum prune` removes the entry. */
  prunable: boolean;
  /** Tracked changes (null when status was skipped or the directory is missing). */
  dirty: boolean | null;
  /** Number of untracked files (null when status was skipped). */
  untracked: number | null;
  ahead: number | null;
  behind: number | null;
  /** e.g. `origin/feat`; null without an upstream. */
  upstream: string | null;
}

/** The repository plum is working in. */
export interface Repo extends RepoRef {
  /** Absolute, real path of the common git dir (the repo's identity). */
  commonDir: string;
  /** Main worktree, or the directory holding a bare repository. */
  projectRoot: string;
  /** Directory name used in `{repo}` and session names. */
  projectName: string;
  /** The main worktree's path; null in a bare + worktrees layout. */
  mainWorktree: string | null;
  isBare: boolean;
  /** Toplevel of the worktree containing the cwd (null at a bare root). */
  currentWorktree: string | null;
}
