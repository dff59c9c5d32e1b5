// @plumpots/core — shared by plum and pots. Side-effect free: importing it spawns and prints nothing.
// Library only: the CLI helpers (commander, completion, help, the error boundary) are
// `@plumpots/core/cli`.
export * from './errors.js';
export * from './env.js';
export {
  runProcess,
  startDetached,
  onSpawn,
  waitForChildren,
  type DetachedOptions,
  type SpawnOptions,
  type SpawnResult,
  type SpawnListener,
} from './process/spawn.js';
export * from './git/index.js';
export { exists, isDirectory, isDirectorySync, isFile } from './util/fs.js';
export { hasControl, messageOf } from './util/text.js';
export { mapLimit } from './util/concurrency.js';
export * from './plugins/index.js';
export type { Check, CheckStatus } from './checks.js';
// The shell set-up state, for the doctor checks of both apps: plain fs/env reads (no commander).
export {
  completionSetupHint,
  completionState,
  detectShell,
  rcFile,
  setupLine,
  type SetupState,
} from './cli/shell.js';
export { SHELLS, type Shell } from './cli/completion/spec.js';
