// @plumpots/core/ui — the terminal side of both CLIs: colour, sanitizing, output streams, tables,
// spinners, questions. Importing it prints nothing. @clack/prompts loads only when a question is
// asked, and yocto-spinner only when a spinner animates.
export { createUi, type CreateUiOptions, type Ui } from './output.js';
export {
  shouldUseColor,
  createPalette,
  type ColorDecisionOptions,
  type Palette,
} from './colors.js';
export {
  sanitizeForTerminal,
  stripAnsi,
  createTerminalSanitizer,
  type SanitizeOptions,
  type TerminalSanitizer,
} from './sanitize.js';
// renderTable: '@plumpots/core/ui/table' (kept out of this barrel so that the table layout,
// cli-table3, loads only where a table is printed).
export type { Column, RenderTableOptions } from './table.js';
export { createSpinner, type Spinner, type SpinnerOptions } from './spinner.js';
export {
  confirmPrompt,
  selectPrompt,
  canPrompt,
  type ConfirmOptions,
  type SelectOption,
  type SelectOptions,
  type PromptIo,
} from './prompts.js';
export {
  pickPrompt,
  fuzzyMatch,
  findExecutable,
  type PickItem,
  type PickOptions,
  type PickIo,
} from './picker.js';
export {
  relativeTime,
  shortSha,
  plural,
  formatCommand,
  worktreeState,
  type WorktreeStateFields,
} from './format.js';
export { printChecks, failedChecks, type Check } from './checks.js';
