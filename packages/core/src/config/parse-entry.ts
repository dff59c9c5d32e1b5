// `@plumpots/core/config/parse`: the one YAML/JSON parser (js-yaml) for config and template files,
// apart from the loader so that loading a config with no file never imports it.
/** YAML/JSON text → data with a ConfigError naming the file on a syntax error. */
export { parseConfigText, parseJson, parseYaml } from './parse.js';
