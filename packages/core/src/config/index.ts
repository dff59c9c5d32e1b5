// Config loading lives behind its own entry so commands that need no config never import
// cosmiconfig or zod.
// The schema values (zod) are in `@plumpots/core/config/schema`: importing this entry loads
// neither zod nor cosmiconfig until a config file is found.
export type { PlumConfig, PlumConfigInput, PotsTemplate, PotsWindow, PotsPane } from './schema.js';
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
export { CONFIG_ENV_VARS, type ConfigEnvVar, type TolerateEnv } from './env-layer.js';
export { userConfigDir } from './user-file.js';
// The YAML/JSON parser (js-yaml) is `@plumpots/core/config/parse`: loaded only for a file to read.
