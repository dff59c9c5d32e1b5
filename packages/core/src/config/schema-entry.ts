// `@plumpots/core/config/schema`: the config schema's values (zod), apart from the loader so that
// loading a config with no file, variable or flag never imports zod.
export { configSchema, configJsonSchema, defaultConfig } from './schema.js';
