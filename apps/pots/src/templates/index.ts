// Layout templates: the model, the built-ins, finding them, tmuxp/tmuxinator import, the tmux plan,
// and making them (a new session in one tmux invocation, or only what an existing one lacks).
export {
  LAYOUT_NAMES,
  TEMPLATE_NAME,
  assertTemplateName,
  layoutCells,
  layoutChecksum,
  layoutProblem,
  normalizeTemplate,
  paneRunMode,
  windowDisplayName,
  RUN_MODES,
  type RunMode,
  type LayoutName,
  type Template,
  type TemplateFormat,
  type TemplatePane,
  type TemplateSource,
  type TemplateWindow,
} from './model.js';
export {
  BUILTIN_TEMPLATE_NAMES,
  builtinTemplates,
  type BuiltinOptions,
  type BuiltinTemplateName,
} from './builtins.js';
export {
  detectTemplateFormat,
  fromTmuxinator,
  fromTmuxp,
  importTemplate,
  type ImportOptions,
  type ImportResult,
} from './import.js';
export {
  findTemplate,
  listTemplates,
  loadTemplateFile,
  needsTrust,
  repoTemplatesDir,
  templateCommands,
  userTemplatesDir,
  type TemplateCatalog,
  type TemplateCommand,
  type TemplateLookupOptions,
  type TemplateProblem,
} from './sources.js';
export { templateTextParser, templateToYaml, type TemplateTextParser } from './yaml.js';
export { checkTemplateDirs, resolveDirSpec, templateDirs, type TemplateDirs } from './dirs.js';
export {
  COMMAND_TAG,
  CREATED_FORMAT,
  batchCommands,
  MAX_INVOCATION_BYTES,
  PANE_TAG,
  PANE_WRAPPER,
  WINDOW_TAG,
  planTemplate,
  type ExistingPane,
  type ExistingWindow,
  type PlanOptions,
  type PlannedObject,
  type PlannedTyping,
  type TemplatePlan,
} from './plan.js';
export {
  SHELL_READY_TIMEOUT_MS,
  typeIntoShells,
  type ShellPane,
  type TypeIntoShellsOptions,
  type TypeIntoShellsResult,
} from './typing.js';
export { windowMoves, type CreatedWindow } from './window-order.js';
export {
  applyTemplate,
  createFromTemplate,
  readTemplateLayout,
  type ApplyResult,
  type CreateFromTemplateOptions,
  type CreateFromTemplateResult,
  type CreatedObject,
  type TemplateRunOptions,
} from './apply.js';
