// @plumpots/pots — pots's typed library API. No commander, no printing, no process.exit.
export { version } from './version.js';
export {
  openPots,
  potsDataDir,
  type PotsContext,
  type PotsOptions,
  type PotsSettings,
  type UnitMode,
} from './api/context.js';
export {
  listUnits,
  matchUnit,
  findUnitExact,
  findUnitByTags,
  unitName,
  unitTags,
  unitTarget,
  type ListUnitsOptions,
  type Unit,
} from './api/units.js';
export {
  createUnit,
  openUnit,
  planUnit,
  planUnitTarget,
  shellCommand,
  DEFAULT_TEMPLATE,
  type CreateUnitOptions,
  type OpenResult,
  type UnitPlan,
  type UnitTarget,
} from './api/create.js';
export {
  attach,
  attachCommand,
  callerPane,
  detachClient,
  planAttach,
  whereAmI,
  type AttachAction,
  type AttachPlan,
  type CallerPane,
  type TmuxPlace,
} from './api/attach.js';
export { planKill, planKillOf, executeKill, type KillPlan } from './api/kill.js';
export { unitInfo, type UnitInfo, type WindowInfo, type PaneInfo } from './api/info.js';
export { potsDoctor, type DoctorReport, type DoctorCheck, type CheckStatus } from './api/doctor.js';
export {
  unitsByWorktree,
  startWorktreeUnit,
  killWorktreeUnits,
  sessionColumn,
  type KillWorktreeResult,
} from './api/worktree-units.js';
/**
 * Orphans both ways and old logs: units whose worktree is gone (found by their tags, killed by
 * id), every worktree with its units, and agent logs past their days.
 * @example
 * const entries = await cleanupOrphans(pots, { dryRun: true }); // [{ name, worktree, reason, action }]
 * const rows = await listWorktreeUnits(pots); // [{ worktree: { name, path, branch }, units }]
 */
export {
  cleanupOrphans,
  findOrphanUnits,
  trimStaleLogs,
  MIN_ORPHAN_AGE_SECONDS,
  type CleanupAction,
  type CleanupEntry,
  type CleanupOptions,
  type FindOrphansOptions,
  type Orphan,
  type OrphanReason,
  type StaleLogEntry,
} from './api/cleanup.js';
export { listWorktreeUnits, type WorktreeUnits } from './api/worktree-overview.js';
/**
 * Reaping: stop what a unit's panes started (SIGTERM, a polled grace period, SIGKILL), which
 * `kill-session` alone leaves running when it ignores SIGHUP.
 * @example const { stopped } = await reapUnitProcesses(pots, units, { graceSeconds: 5 });
 */
export {
  reapUnitProcesses,
  killGraceSecondsOf,
  DEFAULT_KILL_GRACE_SECONDS,
  type ReapOptions,
  type ReapResult,
  type ReapedProcess,
} from './api/reap.js';
/**
 * Removing a worktree from pots's side (the plum plugin's hooks): reap and kill before, the last
 * unit after; and `plum remove` from inside the worktree, handed to a pane of the main worktree.
 * @example await prepareWorktreeRemoval(pots, wt.path, { graceSeconds: 5 });
 */
export {
  prepareWorktreeRemoval,
  finishWorktreeRemoval,
  removalPaneOf,
  REMOVE_PANE_VAR,
  type PrepareRemovalResult,
} from './api/worktree-removal.js';
export {
  handOffRemoval,
  finishSelfRemoval,
  type FinishSelfRemovalResult,
  type RemovalPaneSpec,
} from './api/self-removal.js';
export {
  sessionName,
  sanitizeSegment,
  withCollisionSuffix,
  disambiguate,
  type SessionNameParts,
} from './names/index.js';
export { createTmux, serverFromEnv, type Tmux, type TmuxServerRef } from './tmux/index.js';
/**
 * Approving a repository's `.pots/templates` file through plum's trust store.
 * @example const shown = await templateTrust(pots, 'dev'); await approveTemplate(pots, 'dev', { hash: shown.status?.hash });
 */
export { templateTrust, approveTemplate, type TemplateTrust } from './api/templates.js';
/**
 * Layout templates: find them (built-in, user files, `.pots/templates`, config), convert tmuxp and
 * tmuxinator files, plan the tmux argv, create a session from one or add what a session lacks.
 * @example
 * const { template } = await findTemplate('development', { env: process.env, repoDir: wt });
 * const { sessionId } = await createFromTemplate(tmux, { name: 'shop-feat-dev', cwd: wt, template });
 * const { added } = await applyTemplate(tmux, sessionId, template, wt); // [] — nothing missing
 */
export {
  applyTemplate,
  builtinTemplates,
  checkTemplateDirs,
  createFromTemplate,
  detectTemplateFormat,
  findTemplate,
  fromTmuxinator,
  fromTmuxp,
  importTemplate,
  layoutProblem,
  listTemplates,
  loadTemplateFile,
  needsTrust,
  normalizeTemplate,
  planTemplate,
  readTemplateLayout,
  templateCommands,
  templateToYaml,
  userTemplatesDir,
  repoTemplatesDir,
  PANE_TAG,
  WINDOW_TAG,
  type ApplyResult,
  type CreateFromTemplateOptions,
  type CreateFromTemplateResult,
  type CreatedObject,
  type ExistingWindow,
  type ImportResult,
  type PlanOptions,
  type Template,
  type TemplateCatalog,
  type TemplateCommand,
  type TemplateFormat,
  type TemplateLookupOptions,
  type TemplatePane,
  type TemplatePlan,
  type TemplateSource,
  type TemplateWindow,
} from './templates/index.js';
export {
  applyTemplateToSession,
  ensureTemplateTrusted,
  importTemplateFile,
  listPotsTemplates,
  templateLookup,
  unitTemplate,
  type ApplyToSessionResult,
  type ImportFileResult,
  type TemplateTrustOptions,
} from './api/templates.js';
// Agents and panes: spawn a command, type into it, read it (now or as it is produced), wait for it.
export {
  spawn,
  send,
  capture,
  stream,
  wait,
  ps,
  knownAgent,
  SPAWN_AGENTS,
  type SpawnHooks,
  type SpawnOptions,
  type SpawnResult,
} from './api/agents.js';
// From a branch name to running agents: worktrees through plum, their units, the agents.
export {
  spawnCreate,
  spawnCreateBranches,
  SpawnCreateError,
  type SpawnCreateOptions,
  type SpawnCreateResult,
} from './api/spawn-create.js';
export {
  broadcast,
  broadcastTargets,
  capturePane,
  findTarget,
  resolveTarget,
  sendText,
  spawnAgent,
  streamPane,
  waitFor,
  watchPaneExit,
  WaitTimeoutError,
  type BroadcastOptions,
  type BroadcastTarget,
  type CaptureOptions,
  type ManagedPane,
  type PaneExit,
  type PaneExitEvent,
  type PaneOutputEvent,
  type PaneRunState,
  type PaneStreamEvent,
  type SendTextOptions,
  type SendTextResult,
  type SessionRef,
  type SpawnAgentOptions,
  type SpawnedPane,
  type StreamPaneOptions,
  type WaitCondition,
  type WaitOptions,
  type WaitResult,
} from './agents/index.js';
export { type PaneState } from './tmux/pane-state.js';

/**
 * Agent supervision: each agent pane's state (starting, working, waiting, idle, stuck, exited) with
 * the evidence that decided it, recording a state from a hook, waiting for a state, notifications,
 * the status-line segment, hooks install, keys, delivery confirmation and stop.
 * @example const waiting = (await agentStates(openPots())).filter((p) => p.state === 'waiting');
 */
export {
  AGENT_STATES,
  BUILTIN_RULES,
  KNOWN_AGENTS,
  NOTIFY_STATES,
  REPORTABLE_STATES,
  agentFromCommand,
  agentStates,
  broadcastToAgents,
  confirmDelivery,
  explain,
  installHooks,
  killPane,
  report,
  resolveState,
  rulesFor,
  sendKeysTo,
  statusLine,
  stop,
  supervisionSettings,
  waitForState,
  type AgentBroadcastOptions,
  type AgentState,
  type ConfirmResult,
  type Evidence,
  type HookFilePlan,
  type InstallHooksOptions,
  type InstallHooksResult,
  type KnownAgent,
  type NotifyOutcome,
  type PaneStateName,
  type ReportOptions,
  type ReportResult,
  type ReportableState,
  type ResolvedState,
  type ScreenMatch,
  type ScreenRule,
  type StateInput,
  type StateReport,
  type StatesOptions,
  type StatusLine,
  type StopResult,
  type StopSignal,
  type SupervisionSettings,
  type WaitStateOptions,
  type WaitableState,
} from './api/supervision.js';
