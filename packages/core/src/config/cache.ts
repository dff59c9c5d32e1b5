// Config files already parsed and validated, keyed by their exact bytes: most runs read the same
// config as the run before, and parsing YAML and validating with zod is most of what loading a
// config costs (tens of ms at every start-up). A file whose bytes changed is parsed again; the
// cache holds only data that passed validation, so a hit means the file is valid as it is.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

interface Entry {
  hash: string;
  data: unknown;
}

interface CacheFile {
  version: 1;
  files: Record<string, Entry>;
}

// Enough for every repository a user works in; the oldest entries go first.
const MAX_ENTRIES = 200;

export interface ConfigCache {
  /** The validated data of `file` when `text` is what was validated last time. */
  lookup(file: string, text: string): unknown;
  /** Records that `text` of `file` parsed to `data`, which passed validation. */
  remember(file: string, text: string, data: unknown): void;
  /** Writes the cache when something was remembered; never fails (a cache is optional). */
  save(): Promise<void>;
}

/** `$XDG_CACHE_HOME/plum/config-cache.json` (default `~/.cache/plum/config-cache.json`). */
export function configCacheFile(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'plum', 'config-cache.json');
}

/**
 * Reads the cache (an unreadable or foreign file is an empty cache).
 * @example const cache = await openConfigCache(process.env); cache.lookup(file, text)
 */
export async function openConfigCache(env: NodeJS.ProcessEnv): Promise<ConfigCache> {
  const path = configCacheFile(env);
  let files: Record<string, Entry> = {};
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<CacheFile>;
    if (parsed.version === 1 && typeof parsed.files === 'object' && parsed.files !== null) {
      files = parsed.files;
    }
  } catch {
    // none yet, or unreadable: start empty
  }
  let changed = false;
  return {
    lookup(file, text) {
      const entry = Object.hasOwn(files, file) ? files[file] : undefined;
      return entry && entry.hash === hashOf(text) ? entry.data : undefined;
    },
    remember(file, text, data) {
      delete files[file]; // re-inserted last: the newest
      files[file] = { hash: hashOf(text), data };
      changed = true;
    },
    async save() {
      if (!changed) return;
      const names = Object.keys(files);
      for (const stale of names.slice(0, Math.max(0, names.length - MAX_ENTRIES))) {
        delete files[stale];
      }
      try {
        await mkdir(dirname(path), { recursive: true });
        const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
        await writeFile(tmp, JSON.stringify({ version: 1, files } satisfies CacheFile), {
          mode: 0o600,
        });
        await rename(tmp, path);
      } catch {
        // a read-only home, a full disk: the next run parses again
      }
    },
  };
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
