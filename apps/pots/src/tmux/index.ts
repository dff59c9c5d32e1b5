// pots's tmux layer: the gateway, escaping, formats, listings, exact resolution, creation.
export {
  createTmux,
  runInteractive,
  serverFromEnv,
  socketPathFromTmuxEnv,
  tmuxGlobalArgs,
  tmuxSocketPath,
  type CreateTmuxOptions,
  type Tmux,
  type TmuxRunOptions,
  type TmuxServerRef,
} from './server.js';
export {
  TmuxCommandError,
  classifyTmuxStderr,
  exitCodeForKind,
  hintFor,
  isTmuxError,
  tmuxFailure,
  type TmuxCommandErrorInit,
  type TmuxErrorKind,
} from './errors.js';
export { assertSafeArgv, fmtLiteral, shellQuote, tmuxArg } from './escape.js';
export { chain } from './chain.js';
export { FIELD_SEPARATOR, RECORD_END, defineFormat, type Format } from './format.js';
export {
  POTS_OPTIONS,
  listPanes,
  listSessions,
  listSessionsAndWindows,
  listWindows,
  type PotsOptions,
  type TmuxPane,
  type TmuxSession,
  type TmuxWindow,
} from './listing.js';
export {
  MIN_TMUX_VERSION,
  assertTmuxVersion,
  isTmuxVersionAtLeast,
  parseTmuxVersion,
  tmuxVersion,
  type TmuxVersion,
} from './version.js';
export { findSessionByName, resolveSession, target } from './resolve.js';
export {
  assertSessionName,
  killSession,
  killWindow,
  newSession,
  newWindow,
  setOptions,
  type NewSessionOptions,
  type NewWindowOptions,
  type NewSessionResult,
  type OptionScope,
} from './create.js';
