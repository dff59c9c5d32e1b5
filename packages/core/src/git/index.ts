export { git, gitEnv, gitFailure, type Git, type GitCallOptions } from './gateway.js';
export { parseWorktreeList, listWorktreeRecords, type WorktreeRecord } from './worktree-list.js';
export { discoverRepo, type RepoInfo } from './repo.js';
export { discoverRepoWithWorktrees, type RepoListing } from './discover-listing.js';
export {
  parseStatusV2,
  getStatus,
  type StatusEntry,
  type BranchStatus,
  type WorktreeStatus,
} from './status.js';
export {
  resolveRef,
  localBranchExists,
  remotesWithBranch,
  defaultRemoteBranch,
  currentBranch,
  upstreamOf,
  aheadBehind,
  isAncestor,
  unreachableCommits,
} from './branches.js';
export { validateBranchName } from './branch-name.js';
export { isMergedInto, type MergedResult } from './merged.js';
export { worktreeGitDir } from './worktree-git-dir.js';
export { inProgressOperation, type InProgressOperation } from './in-progress.js';
export {
  gitVersion,
  parseGitVersion,
  assertGitVersion,
  MIN_GIT_VERSION,
  type GitVersion,
} from './version.js';
