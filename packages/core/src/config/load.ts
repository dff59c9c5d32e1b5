// Loads the config once: defaults < user file < repo file < environment < flags, each layer
// validated on its own, merged (objects deeply, arrays replaced), frozen, with each leaf's origin.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import { readEnvLayer, type TolerateEnv } from './env-layer.js';
import { deepFreeze, hasPath, listLeaves, mergeLayers, type PlainObject } from './merge.js';
import { findRepoFile } from './repo-file.js';
import { openConfigCache } from './cache.js';
import { literalDefaults } from './defaults.js';
import type { PlumConfig, PlumConfigInput } from './schema.js';
import { readUserFile } from './user-file.js';
import type * as schema from './schema.js';
import type * as validate from './validate.js';
import type { LayerSource } from './validate.js';

// zod (the schema and the validator) takes tens of ms to load: it is imported only when some layer
// exists; with no file, variable or flag the config is the literal defaults.
type Validator = typeof validate & { configSchema: typeof schema.configSchema };
let validator: Validator | undefined;

async function loadValidator(): Promise<Validator> {
  if (!validator) {
    const [validateModule, schemaModule] = await Promise.all([
      import('./validate.js'),
      import('./schema.js'),
    ]);
    validator = { ...validateModule, configSchema: schemaModule.configSchema };
  }
  return validator;
}

function loadedValidator(): Validator {
  if (!validator) throw new Error('config validator used before loadConfig loaded it');
  return validator;
}

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export interface LoadConfigOptions {
  /** Where the search for the repository's config starts. */
  cwd: string;
  /** The search walks up from `cwd` to here (inclusive); null or absent: `cwd` only. */
  repoRoot?: string | null | undefined;
  /** Supplies XDG_CONFIG_HOME, HOME and the POTS_ and PLUM_ variables; default `process.env`. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Values from command-line flags: the top layer. */
  flags?: DeepPartial<PlumConfigInput> | undefined;
  /**
   * Variables whose bad value is only warned about and ignored (plum and pots' POTS_* settings:
   * plum warns, pots refuses them).
   */
  tolerateEnv?: TolerateEnv | undefined;
}

export type OriginSource = 'default' | 'user' | 'repo' | 'env' | 'flag';

export interface Origin {
  source: OriginSource;
  /** The file, for `user` and `repo`. */
  file?: string;
  /** The environment variable, for `env`. */
  variable?: string;
}

export interface ResolvedConfig {
  /** The merged config, deep-frozen. */
  readonly config: Readonly<PlumConfig>;
  /** Where each leaf came from, by key path (`pots.prefix`; an array such as `worktrees.copy` is one leaf). */
  readonly origins: ReadonlyMap<string, Origin>;
  /** The files whose values are in effect. */
  readonly files: { readonly user: string | null; readonly repo: string | null };
  /** A JS/TS repository config that was found but not run; see {@link withCodeConfig}. */
  readonly codeFile: string | null;
  /** The repository layer as parsed (`$import`s merged), for hashing by the trust store. */
  readonly repoRaw: unknown;
  /** Things the user may want to know: empty files, files shadowed by another. */
  readonly notes: readonly string[];
}

interface Layer {
  source: Exclude<OriginSource, 'default'>;
  data: PlainObject;
  file?: string;
  variables?: ReadonlyMap<string, string>;
}

interface Layers {
  user: Layer | null;
  repo: Layer | null;
  env: Layer;
  flags: Layer | null;
  notes: string[];
}

// The layers behind each result, so withCodeConfig can re-merge without reading files again.
const layersOf = new WeakMap<ResolvedConfig, Layers>();

/**
 * Finds, validates and merges every config layer. Throws ConfigError (exit 6) naming the file or
 * variable and the key path. A JS/TS repository config is never run here: it is reported as
 * `codeFile` and its values are absent until the caller (after the trust check) passes
 * `loadCodeConfig(codeFile)` to `withCodeConfig`.
 * @example
 * let { config } = await loadConfig({ cwd: process.cwd(), repoRoot: '/src/app' });
 * config.pots.defaultTask // 'dev'
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const env = options.env ?? process.env;
  const notes: string[] = [];

  const cache = await openConfigCache(env);
  const userFile = await readUserFile(env, notes, cache);
  const repoFile = await findRepoFile(options.cwd, options.repoRoot, notes, cache);
  const fromEnv = readEnvLayer(env, options.tolerateEnv);
  // The validator (zod) only for something not validated before: a file read afresh, a code
  // config, a variable, a flag. Nothing set anywhere, or only cached files: no zod at all.
  const fresh =
    (userFile !== null && !userFile.validated) ||
    (repoFile !== null && (repoFile.kind === 'code' || !repoFile.validated));
  if (fresh || fromEnv.variables.size > 0 || options.flags) await loadValidator();

  const user = userFile && fileLayer('user', userFile.file, userFile.data, userFile.validated);
  const repo =
    repoFile?.kind === 'data'
      ? fileLayer('repo', repoFile.file, repoFile.data, repoFile.validated)
      : null;
  // Reached only when every layer validated: remember the files read afresh.
  const remember = () => {
    if (userFile && !userFile.validated)
      cache.remember(userFile.file, userFile.text, userFile.data);
    if (repoFile?.kind === 'data' && !repoFile.validated && repoFile.cacheable) {
      cache.remember(repoFile.file, repoFile.text, repoFile.data);
    }
    return cache.save();
  };

  const envSource: LayerSource = {
    where: (keyPath) => `environment variable ${fromEnv.variables.get(keyPath) ?? ''}`.trim(),
  };
  if (fromEnv.variables.size > 0 && options.tolerateEnv) {
    dropInvalidVariables(fromEnv, envSource, options.tolerateEnv);
  }
  if (fromEnv.variables.size > 0) loadedValidator().validateLayer(fromEnv.layer, envSource);
  const envLayer: Layer = { source: 'env', data: fromEnv.layer, variables: fromEnv.variables };

  const flags = options.flags
    ? {
        source: 'flag' as const,
        data: asObject(loadedValidator().validateLayer(options.flags, { where: () => 'flags' })),
      }
    : null;

  const resolved = build(
    { user, repo, env: envLayer, flags, notes },
    {
      codeFile: repoFile?.kind === 'code' ? repoFile.file : null,
      repoRaw: repoFile?.kind === 'data' ? deepFreeze(repoFile.data) : null,
    },
  );
  await remember();
  return resolved;
}

/** Validates each tolerated variable alone; a bad one is warned about and left out of the layer. */
function dropInvalidVariables(
  fromEnv: ReturnType<typeof readEnvLayer>,
  source: LayerSource,
  tolerate: TolerateEnv,
): void {
  for (const [keyPath, name] of [...fromEnv.variables]) {
    if (!tolerate.variables(name)) continue;
    const [section, key] = keyPath.split('.') as [string, string];
    const value = (fromEnv.layer[section] as PlainObject)[key];
    try {
      loadedValidator().validateLayer({ [section]: { [key]: value } }, source);
    } catch (error) {
      tolerate.warn(`${(error as Error).message} (ignored)`);
      delete (fromEnv.layer[section] as PlainObject)[key];
      if (Object.keys(fromEnv.layer[section] as PlainObject).length === 0) {
        delete fromEnv.layer[section];
      }
      fromEnv.variables.delete(keyPath);
    }
  }
}

/**
 * The same config with a JS/TS repository config's values in the repo layer. Call it only after
 * the user trusted `resolved.codeFile`.
 * @example
 * if (resolved.codeFile) resolved = withCodeConfig(resolved, await loadCodeConfig(resolved.codeFile));
 */
export function withCodeConfig(resolved: ResolvedConfig, data: unknown): ResolvedConfig {
  const layers = layersOf.get(resolved);
  const file = resolved.codeFile;
  if (!layers || file === null) {
    throw new TypeError('withCodeConfig: this config has no code file (resolved.codeFile is null)');
  }
  // Validate before cloning: structuredClone throws on functions with a less helpful message.
  loadedValidator().validateLayer(data, { file, where: () => file });
  const repoRaw = deepFreeze(structuredClone(data));
  return build({ ...layers, repo: fileLayer('repo', file, repoRaw) }, { codeFile: file, repoRaw });
}

/**
 * Runs a JS/TS config file (its authors' code: only once trusted) and returns its default export,
 * validated. Node 20 cannot import `.ts`; that fails with a hint.
 * @example const data = await loadCodeConfig('/src/app/plum.config.mjs');
 */
export async function loadCodeConfig(file: string): Promise<PlumConfigInput> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: could not load: ${(error as Error).message}`, file, undefined, {
      cause: error,
      hint:
        code === 'ERR_UNKNOWN_FILE_EXTENSION'
          ? `Node ${process.versions.node} cannot import TypeScript; rename it to .mjs or use Node >= 22.18`
          : undefined,
    });
  }
  if (module.default === undefined) {
    throw new ConfigError(
      `${file}: expected a default export (export default {…} or module.exports = {…}), got nothing`,
      file,
      undefined,
    );
  }
  return (await loadValidator()).validateLayer(module.default, { file, where: () => file });
}

/**
 * Each leaf of the config, its value and where it came from, in schema order (for `--origin`).
 * @example describeOrigins(resolved).find((o) => o.key === 'pots.prefix') // { source: 'env', variable: 'POTS_SESSION_PREFIX', … }
 */
export function describeOrigins(
  resolved: ResolvedConfig,
): Array<{ key: string; value: unknown; source: OriginSource; file?: string; variable?: string }> {
  return listLeaves(resolved.config as PlainObject).map(([keys, value]) => {
    const key = keys.join('.');
    return { key, value, ...(resolved.origins.get(key) ?? { source: 'default' as const }) };
  });
}

function fileLayer(source: 'user' | 'repo', file: string, data: unknown, validated = false): Layer {
  const keyPrefix = basename(file) === 'package.json' ? 'plum' : undefined;
  return {
    source,
    file,
    data: asObject(
      validated
        ? data
        : loadedValidator().validateLayer(data, { file, where: () => file, keyPrefix }),
    ),
  };
}

function asObject(value: unknown): PlainObject {
  return value as PlainObject;
}

function build(
  layers: Layers,
  extra: { codeFile: string | null; repoRaw: unknown },
): ResolvedConfig {
  // An empty layer sets nothing (and has no origins), so leaving it out changes nothing.
  const ordered = [layers.user, layers.repo, layers.env, layers.flags].filter(
    (layer): layer is Layer => layer !== null && Object.keys(layer.data).length > 0,
  );
  const merged = ordered.reduce<PlainObject>((acc, layer) => mergeLayers(acc, layer.data), {});
  // Each layer is valid on its own, and merging leaf by leaf keeps it so.
  // Without zod loaded (every layer came validated from the cache), the defaults are filled in by
  // merging the layers onto them: test/config/cache.test.ts checks that equals the schema's parse.
  const config = deepFreeze(
    validator
      ? validator.configSchema.parse(merged)
      : (mergeLayers(literalDefaults(), merged) as PlumConfig),
  );

  const origins = new Map<string, Origin>();
  for (const [keys] of listLeaves(config)) {
    const layer = ordered.findLast((candidate) => hasPath(candidate.data, keys));
    origins.set(keys.join('.'), Object.freeze(originOf(layer, keys.join('.'))));
  }

  const notes = [...layers.notes];
  if (extra.codeFile && !layers.repo)
    notes.push(`${extra.codeFile}: code config, not loaded until trusted`);

  const resolved: ResolvedConfig = Object.freeze({
    config,
    origins,
    files: Object.freeze({
      user: layers.user?.file ?? null,
      repo: layers.repo?.file ?? null,
    }),
    codeFile: extra.codeFile,
    repoRaw: extra.repoRaw,
    notes: Object.freeze(notes),
  });
  layersOf.set(resolved, layers);
  return resolved;
}

function originOf(layer: Layer | undefined, key: string): Origin {
  if (!layer) return { source: 'default' };
  if (layer.file) return { source: layer.source, file: layer.file };
  const variable = layer.variables?.get(key);
  return variable ? { source: layer.source, variable } : { source: layer.source };
}
