// Config loading lives behind its own entry so commands that need no config never import
// cosmiconfig or zod.
export {
  configSchema,
  configJsonSchema,
  defaultConfig,
  type PlumConfig,
  type PlumConfigInput,
  type PotsTemplate,
  type PotsWindow,
  type PotsPane,
} from './schema.js';
export {
  loadConfig,
  loadCodeConfig,
  withCodeConfig,
  describeOrigins,
  type LoadConfigOptions,
  type ResolvedConfig,
  type Origin,
  type OriginSource,
  type DeepPartial,
} from './load.js';
export { repoCommands, type RepoCommand } from './commands.js';
export { CODE_CONFIG, CODE_CONFIG_EXTENSIONS, REPO_SEARCH_PLACES } from './repo-file.js';
export { CONFIG_ENV_VARS, type ConfigEnvVar } from './env-layer.js';
export { userConfigDir } from './user-file.js';
/** YAML/JSON text → data with a ConfigError naming the file on a syntax error (one parser for all). */
export { parseConfigText } from './parse.js';
