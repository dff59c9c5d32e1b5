export { runBoundary, exitCodeOf, formatError, type BoundaryOptions } from './boundary.js';
export {
  setCompletion,
  completionSpec,
  completionScript,
  completionMarker,
  SHELLS,
  type Shell,
  type CompletionSource,
  type CompletionSources,
  type CompletionSpec,
  type CompletionCommand,
  type CompletionOption,
  type CompletionArgument,
} from './completion.js';
export {
  usageLine,
  missingArgument,
  suggestCommand,
  unknownCommand,
  renderOverview,
  versionReport,
  coreVersion,
  type OverviewOptions,
  type VersionReportOptions,
} from './help.js';
export {
  detectShell,
  rcFile,
  setupLine,
  completionFiles,
  completionState,
  completionSetupHint,
  type SetupState,
} from './shell.js';
export { commandWord, registrarsFor, type LazyCommand, type Registrar } from './lazy.js';
export { createRootProgram, type RootProgramOptions } from './root.js';
export { commandDocs, type CommandDocsOptions, type DocSchema } from './docs.js';
export { surviveHangup } from './hangup.js';
export {
  globalFlags,
  globalOptions,
  commandUi,
  setSignal,
  runSignal,
  type CommonGlobalOptions,
  type CommandUiOptions,
} from './globals.js';
