// The user's own config: $XDG_CONFIG_HOME/plum/config.{yaml,yml,json}. Trusted, but data only.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ConfigCache } from './cache.js';

const USER_FILE_NAMES = ['config.yaml', 'config.yml', 'config.json'];

/** `$XDG_CONFIG_HOME/plum` (a relative XDG_CONFIG_HOME is ignored, as the XDG spec says). */
export function userConfigDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'plum');
}

export interface UserFile {
  file: string;
  data: unknown;
  /** The file's bytes, for the cache. */
  text: string;
  /** From the cache: these exact bytes passed validation before. */
  validated: boolean;
}

/**
 * The first user file that exists and is not empty, parsed (or taken from `cache`); later ones
 * are noted as ignored.
 */
export async function readUserFile(
  env: NodeJS.ProcessEnv,
  notes: string[],
  cache?: ConfigCache,
): Promise<UserFile | null> {
  const dir = userConfigDir(env);
  let found: UserFile | null = null;
  for (const name of USER_FILE_NAMES) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw new ConfigError(`${file}: cannot read: ${error.message}`, file, undefined, {
        cause: error,
      });
    });
    if (text === null) continue;
    if (found) {
      notes.push(`${file}: ignored, ${found.file} comes first`);
      continue;
    }
    const cached = cache?.lookup(file, text);
    if (cached !== undefined) {
      found = { file, data: cached, text, validated: true };
      continue;
    }
    const { parseConfigText } = await import('./parse.js'); // js-yaml: only for a file to read
    const data = parseConfigText(file, text);
    if (data === undefined) notes.push(`${file}: empty, ignored`);
    else found = { file, data, text, validated: false };
  }
  return found;
}
