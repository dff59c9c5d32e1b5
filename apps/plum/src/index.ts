// @plumpots/plum — plum's typed library API. No commander, no printing, no process.exit.
export { version } from './version.js';
/**
 * Opens the repository containing `cwd`: the context every API call takes.
 * @example const ctx = await openRepo({ cwd: '/src/shop' }); const worktrees = await listWorktrees(ctx);
 */
export { openRepo, reloadConfig, type OpenOptions, type PlumContext } from './api/context.js';
export type { Worktree, Repo } from './api/types.js';
export { withRepoLock } from './api/lock.js';
export {
  listWorktrees,
  listColumns,
  withStatus,
  WORKTREE_FIELDS,
  type ListOptions,
} from './api/list.js';
export { findWorktree, resolveWorktree } from './api/resolve.js';
export { worktreePath } from './api/path.js';
export { worktreeDirFor, branchDirName, DEFAULT_DIR_TEMPLATE } from './api/naming.js';
export {
  createWorktree,
  AfterCreateError,
  type CreateOptions,
  type CreateResult,
} from './api/create.js';
export {
  ensureTrusted,
  trustStatus,
  approve,
  revoke,
  listTrusted,
  isCodeConfigTrusted,
  hasPendingCodeConfig,
  trustStoreFile,
  plumStateDir,
  type TrustCommand,
  type TrustSet,
  type TrustSetCommand,
  type TrustEntry,
  type TrustStatus,
  type EnsureTrustedOptions,
} from './api/trust.js';
export {
  initConfig,
  renderInitFile,
  INIT_FILE,
  type InitOptions,
  type InitResult,
} from './api/init.js';
export {
  showConfig,
  describeOrigin,
  renderConfigYaml,
  type ConfigReport,
  type ConfigOrigin,
} from './api/config.js';
export { runDoctor, type DoctorReport, type DoctorCheck, type CheckStatus } from './api/doctor.js';
/**
 * Removal safety, `plum remove` and `plum prune`: assessRemoval lists what removing a worktree
 * would lose (no side effects); removeWorktrees / pruneWorktrees remove under the repo lock.
 * @example
 * const risks = await assessRemoval(ctx, wt, { disposable: (await ctx.config()).config.worktrees.disposable });
 * const results = await removeWorktrees(ctx, ['feat/login'], { deleteBranch: true, yes: true });
 * const { pruned, removed, skipped } = await pruneWorktrees(ctx, { merged: true, yes: true });
 */
export {
  assessRemoval,
  disposableMatcher,
  formatRisks,
  type RemovalRisk,
  type RemovalRiskKind,
  type AssessOptions,
} from './api/safety.js';
export {
  removeWorktrees,
  removalRefusal,
  defaultBase,
  type RemoveOptions,
  type RemoveResult,
} from './api/remove.js';
/**
 * `plum remove` with no name inside a linked worktree: checks the removal, then hands it to the
 * plugins' `worktree:removeSelf` hook (pots: a tmux pane at the main worktree) or reports what to
 * run by hand.
 * @example const report = await removeSelf(ctx, { yes: true }); report.outcome // 'spawned'
 */
export {
  removeSelf,
  inLinkedWorktree,
  type RemoveSelfOptions,
  type RemoveSelfOutcome,
  type RemoveSelfReport,
} from './api/remove-self.js';
export {
  pruneWorktrees,
  type PruneOptions,
  type PruneResult,
  type PruneSkip,
  type PruneSkipReason,
} from './api/prune.js';
/**
 * Shell completion values, as `plum __complete <kind>` prints them: one git call, no config.
 * @example (await completionValues(process.cwd(), 'linked')).map((v) => v.value) // ['feat-login', 'feat/login']
 */
export {
  completionValues,
  COMPLETION_KINDS,
  type CompletionKind,
  type CompletionValue,
} from './api/complete.js';
/**
 * The shell function `plum shell-init` prints: `plum cd` and `plum create --cd` hand the target
 * directory to it through the file named by PLUM_CD_FILE.
 * @example process.stdout.write(shellInitScript('zsh'));
 */
export { shellInitScript, CD_FILE_VAR, SHELL_INTEGRATION_VAR, BIN_VAR } from './api/shell-init.js';
export { adminDirOf, findMovedWorktree, stagedInAdminDir } from './api/moved.js';
