// The environment layer: a few variables that override config keys (docs/config.md, "Config and environment").
import { ConfigError } from '../errors.js';
import type { PlainObject } from './merge.js';

/** Each variable and the key it sets. */
export const CONFIG_ENV_VARS = {
  POTS_SESSION_PREFIX: 'pots.prefix',
  POTS_DEFAULT_TASK: 'pots.defaultTask',
  POTS_AUTO_START_SESSION: 'pots.autoStart',
  POTS_MODE: 'pots.mode',
  PLUM_WORKTREES_DIR: 'worktrees.dir',
} as const;

export type ConfigEnvVar = keyof typeof CONFIG_ENV_VARS;

// A Map keeps this order in the error message; an object would put "1" and "0" first.
const BOOLEANS = new Map([
  ['1', true],
  ['0', false],
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
  ['on', true],
  ['off', false],
]);

/**
 * The layer the environment sets, and which variable set each key. An empty variable counts as
 * unset (`POTS_MODE= plum …` is how a shell clears one for a single command).
 */
export function readEnvLayer(
  env: NodeJS.ProcessEnv,
  tolerate?: TolerateEnv,
): {
  layer: PlainObject;
  variables: Map<string, ConfigEnvVar>;
} {
  const layer: PlainObject = {};
  const variables = new Map<string, ConfigEnvVar>();
  for (const [name, keyPath] of Object.entries(CONFIG_ENV_VARS) as Array<[ConfigEnvVar, string]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    let value: unknown = raw;
    try {
      if (keyPath === 'pots.autoStart') value = parseBoolean(name, raw);
    } catch (error) {
      if (!tolerate?.variables(name)) throw error;
      tolerate.warn(`${(error as Error).message} (ignored)`);
      continue;
    }
    setPath(layer, keyPath.split('.'), value);
    variables.set(keyPath, name);
  }
  return { layer, variables };
}

/** Variables whose bad value is a warning (the variable is then ignored), not a ConfigError. */
export interface TolerateEnv {
  variables: (name: string) => boolean;
  warn: (message: string) => void;
}

function parseBoolean(name: string, raw: string): boolean {
  const value = BOOLEANS.get(raw.trim().toLowerCase());
  if (value === undefined) {
    throw new ConfigError(
      `environment variable ${name}: expected one of ${[...BOOLEANS.keys()].join(', ')}, got ${JSON.stringify(raw)}`,
      undefined,
      CONFIG_ENV_VARS.POTS_AUTO_START_SESSION,
      { hint: `unset ${name} or set it to 1 or 0` },
    );
  }
  return value;
}

function setPath(target: PlainObject, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as PlainObject;
  }
  node[keys.at(-1) as string] = value;
}
