// `plum config`: the resolved config, and where each value came from.
import type { OriginSource, PlumConfig } from '@plumpots/core/config';
import type { PlumContext } from './context.js';

/** One leaf of the config, its value and where it came from. */
export interface ConfigOrigin {
  /** Key path: `pots.prefix`; an array such as `worktrees.copy` is one leaf. */
  key: string;
  value: unknown;
  source: OriginSource;
  /** The file, for `user` and `repo`. */
  file?: string;
  /** The environment variable, for `env`. */
  variable?: string;
}

export interface ConfigReport {
  /** The merged config with every default filled in. */
  config: Readonly<PlumConfig>;
  /** Every leaf with its origin, in schema order. */
  origins: ConfigOrigin[];
  /** The files whose values are in effect. */
  files: { user: string | null; repo: string | null };
  /** A JS/TS repository config; its values are in `config` only once trusted. */
  codeFile: string | null;
  /** The code file is trusted and was run: its values are in `config`. */
  codeFileLoaded: boolean;
  /** Empty or shadowed files, ignored meta-configs. */
  notes: readonly string[];
}

/**
 * The resolved config and each value's origin (default, user file, repo file, env var, flag).
 * Never runs an untrusted JS/TS config. Throws ConfigError (exit 6) naming the file and key path.
 * @example const { config, origins } = await showConfig(ctx); origins.find((o) => o.key === 'pots.prefix')?.source // 'env'
 */
export async function showConfig(ctx: PlumContext): Promise<ConfigReport> {
  const resolved = await ctx.config();
  const { describeOrigins } = await import('@plumpots/core/config');
  return {
    config: resolved.config,
    origins: describeOrigins(resolved),
    files: { user: resolved.files.user, repo: resolved.files.repo },
    codeFile: resolved.codeFile,
    codeFileLoaded: resolved.codeFile !== null && resolved.files.repo === resolved.codeFile,
    notes: resolved.notes,
  };
}

/**
 * Where a value came from, as `plum config --origin` shows it.
 * @example describeOrigin({ key: 'pots.prefix', value: 'x', source: 'env', variable: 'POTS_SESSION_PREFIX' }) // 'env POTS_SESSION_PREFIX'
 */
export function describeOrigin(origin: Pick<ConfigOrigin, 'source' | 'file' | 'variable'>): string {
  switch (origin.source) {
    case 'user':
    case 'repo':
      return origin.file ? `${origin.source} ${origin.file}` : origin.source;
    case 'env':
      return origin.variable ? `env ${origin.variable}` : 'env';
    default:
      return origin.source;
  }
}

/**
 * The config as YAML (values in JSON form, which YAML reads the same), for `plum config`.
 * @example renderConfigYaml({ pots: { prefix: '' } }) // 'pots:\n  prefix: ""\n'
 */
export function renderConfigYaml(value: Readonly<Record<string, unknown>>, indent = ''): string {
  let out = '';
  for (const [key, child] of Object.entries(value)) {
    if (isObject(child) && Object.keys(child).length > 0) {
      out += `${indent}${yamlKey(key)}:\n${renderConfigYaml(child, `${indent}  `)}`;
    } else {
      out += `${indent}${yamlKey(key)}: ${JSON.stringify(child)}\n`;
    }
  }
  return out;
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
