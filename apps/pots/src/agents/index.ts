// Running agents in panes: spawn, send, broadcast, capture, stream, ps, wait.
export { findTarget, resolveTarget } from './targets.js';
export { spawnAgent, type SessionRef, type SpawnAgentOptions, type SpawnedPane } from './spawn.js';
export { sendText, type SendTextOptions, type SendTextResult } from './send.js';
export {
  broadcast,
  broadcastTargets,
  type BroadcastOptions,
  type BroadcastTarget,
} from './broadcast.js';
export { capturePane, type CaptureOptions } from './capture.js';
export {
  streamPane,
  type PaneExitEvent,
  type PaneOutputEvent,
  type PaneStreamEvent,
  type StreamPaneOptions,
} from './stream.js';
export { watchPaneExit, pidAlive, type PaneExit, type WatchExitOptions } from './liveness.js';
export {
  waitFor,
  WaitTimeoutError,
  type WaitCondition,
  type WaitOptions,
  type WaitResult,
} from './wait.js';
export {
  ps,
  exitCode,
  isManaged,
  type ManagedPane,
  type PaneRunState,
  type PsOptions,
} from './ps.js';
export { globMatcher } from './glob.js';
export { dataDirOf, logEndMarker, spawnLogPath, tempLogPath } from './paths.js';
