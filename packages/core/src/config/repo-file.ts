// Finds and reads the repository's config file without ever running repository code.
//
// cosmiconfig runs `.js/.mjs/.cjs/.ts` configs while searching, and honours a "meta-config"
// (`.config/config.*` or `package.json#cosmiconfig` in process.cwd()) that can add search places or
// point at another file (reliability.md §6.2). So:
// - the code loaders are replaced by one that only records the file (CODE_CONFIG sentinel);
// - we walk the directories and places ourselves and call `explorer.load(file)`, which never
//   consults the meta-config's search places or its redirect;
// - cosmiconfig *executes* a meta-config that is itself code the moment `cosmiconfig()` is called,
//   whatever loaders we pass (verified on 9.0.2), so we refuse before calling it;
// - `$import` may only name YAML/JSON files inside the repository.
import { readFileSync, realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { cosmiconfig, Loader } from 'cosmiconfig';
import type { ConfigCache } from './cache.js';
import { ConfigError, isPlumError } from '../errors.js';
import { isPlainObject } from './merge.js';
import type { parseJson, parseYaml } from './parse.js';

/** What a code loader returns instead of running the file. */
export const CODE_CONFIG: unique symbol = Symbol.for('@plumpots/core/config/code');

/** Extensions of config files that are code: found, reported, never run by the search. */
export const CODE_CONFIG_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts'] as const;

/** Where the repository's config may live, in each directory, first match wins. */
export const REPO_SEARCH_PLACES = [
  '.plumrc',
  '.plumrc.json',
  '.plumrc.yaml',
  '.plumrc.yml',
  '.config/plumrc',
  '.config/plumrc.json',
  '.config/plumrc.yaml',
  '.config/plumrc.yml',
  'package.json',
  ...CODE_CONFIG_EXTENSIONS.map((ext) => `.plumrc${ext}`),
  ...CODE_CONFIG_EXTENSIONS.map((ext) => `plum.config${ext}`),
] as const;

// cosmiconfig's own list (src/defaults.ts metaSearchPlaces), read from process.cwd().
const META_PLACES = [
  'package.json',
  'package.yaml',
  '.config/config.json',
  '.config/config.yaml',
  '.config/config.yml',
  '.config/config.js',
  '.config/config.ts',
  '.config/config.cjs',
  '.config/config.mjs',
];

const DATA_EXTENSIONS = new Set(['', '.json', '.yaml', '.yml']);

export type RepoFile =
  | {
      kind: 'data';
      file: string;
      data: unknown;
      /** The file's bytes, for the cache. */
      text: string;
      /** From the cache: these exact bytes passed validation before. */
      validated: boolean;
      /** No `$import`: its data depends on its own bytes alone. */
      cacheable: boolean;
    }
  | { kind: 'code'; file: string }
  | null;

// Files whose data merged an `$import`: their bytes alone do not decide their data.
const importing = new Set<string>();

/**
 * The nearest repository config from `cwd` up to `repoRoot` (inclusive), or from `cwd` alone.
 * Empty files and other skipped files are described in `notes`.
 */
export async function findRepoFile(
  cwd: string,
  repoRoot: string | null | undefined,
  notes: string[],
  cache?: ConfigCache,
): Promise<RepoFile> {
  const start = await realpathOr(resolve(cwd));
  const root = repoRoot ? await realpathOr(resolve(cwd, repoRoot)) : null;
  // Created on the first candidate: most directories hold no config, and cosmiconfig reads its
  // meta-config when created.
  let explorer: Explorer | undefined;

  for (const dir of searchDirs(start, root)) {
    const present = await presentPlaces(dir);
    for (const [index, file] of present.entries()) {
      if (await isPackageJsonWithoutKey(file)) continue;
      const noteShadowed = () => {
        for (const other of present.slice(index + 1)) {
          if (basename(other) !== 'package.json')
            notes.push(`${other}: ignored, ${file} comes first`);
        }
      };
      const text = DATA_EXTENSIONS.has(extname(file))
        ? await readFile(file, 'utf8').catch(() => null)
        : null;
      const cached = text === null ? undefined : cache?.lookup(file, text);
      if (text !== null && cached !== undefined) {
        noteShadowed();
        return { kind: 'data', file, data: cached, text, validated: true, cacheable: true };
      }
      explorer ??= await createExplorer(root ?? start, notes);
      const result = await loadWithCosmiconfig(explorer, file);
      if (result === null) continue; // package.json without a "plum" key
      if (result.isEmpty === true) {
        notes.push(`${file}: empty, ignored`);
        continue;
      }
      noteShadowed();
      const config = result.config as unknown;
      if (isPlainObject(config) && Object.hasOwn(config, CODE_CONFIG))
        return { kind: 'code', file };
      return {
        kind: 'data',
        file,
        data: config,
        text: text ?? '',
        validated: false,
        cacheable: text !== null && !importing.has(file),
      };
    }
  }
  return null;
}

/** Directories from `start` up to `root`; only `start` without a root or outside it. */
function searchDirs(start: string, root: string | null): string[] {
  if (root === null || !isInside(start, root)) return [start];
  const dirs = [start];
  for (let dir = start; dir !== root;) {
    dir = dirname(dir);
    dirs.push(dir);
  }
  return dirs;
}

// A config name that is something else than a file (a directory, a socket) is a mistake the user
// must hear about: skipping it would silently run without the config they meant to write.
async function presentPlaces(dir: string): Promise<string[]> {
  const files = REPO_SEARCH_PLACES.map((place) => join(dir, place));
  const kinds = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => (s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'special'),
        () => null,
      ),
    ),
  );
  const odd = kinds.findIndex((kind) => kind !== null && kind !== 'file');
  if (odd !== -1) {
    const file = files[odd]!;
    throw new ConfigError(
      `${file} is a ${kinds[odd] === 'directory' ? 'directory' : 'special file'}, not a config file`,
      file,
      undefined,
      { hint: `remove or rename ${file}; a config file is YAML or JSON text` },
    );
  }
  return files.filter((_, i) => kinds[i] === 'file');
}

/**
 * Most repositories have a package.json and no "plum" key in it: answered with JSON.parse alone,
 * without loading cosmiconfig (which would find nothing in it either). Anything unusual (a syntax
 * error, a key) goes the cosmiconfig way, which reports it.
 */
async function isPackageJsonWithoutKey(file: string): Promise<boolean> {
  if (basename(file) !== 'package.json') return false;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return isPlainObject(parsed) && !Object.hasOwn(parsed, 'plum');
  } catch {
    return false;
  }
}

type Explorer = ReturnType<typeof cosmiconfig>;

async function createExplorer(root: string, notes: string[]): Promise<Explorer> {
  // Loaded only when a config file is present: start-up otherwise spent for nothing.
  // cosmiconfig is CommonJS: its exports are on `default` both in Node and in the bundled bins.
  const [{ default: cosmiconfigModule }, parsers] = await Promise.all([
    import('cosmiconfig'),
    import('./parse.js'),
  ]);
  const { cosmiconfig } = cosmiconfigModule;
  const meta = inspectMetaConfig(process.cwd(), parsers);
  if (meta.code) {
    throw new ConfigError(
      `${meta.code}: cosmiconfig would run this file as its meta-config, so plum reads no config here`,
      meta.code,
      undefined,
      { hint: `remove or rename ${meta.code}, or run plum from another directory` },
    );
  }
  if (meta.data)
    notes.push(`${meta.data}: cosmiconfig meta-config ignored (plum searches fixed places)`);

  const data =
    (parse: (file: string, text: string) => unknown): Loader =>
    (file, text) => {
      const parsed = parse(file, text);
      const own = basename(file) === 'package.json' && isPlainObject(parsed) ? parsed.plum : parsed;
      if (isPlainObject(own) && Object.hasOwn(own, '$import')) importing.add(file);
      checkImports(file, own, root);
      return parsed;
    };
  const recordCode: Loader = (file) => ({ [CODE_CONFIG]: file });
  try {
    return cosmiconfig('plum', {
      // We walk the directories ourselves (see findRepoFile) and only call load(): 'global' would
      // also read env-paths' global dir (the user file, as if it were the repo's) and walk past the
      // repo root when cwd is outside it; 'project' stops at the first package.json.
      searchStrategy: 'none',
      searchPlaces: [...REPO_SEARCH_PLACES],
      mergeSearchPlaces: false,
      packageProp: 'plum',
      ignoreEmptySearchPlaces: false,
      mergeImportArrays: false,
      cache: false,
      loaders: {
        '.json': data(parsers.parseJson),
        '.yaml': data(parsers.parseYaml),
        '.yml': data(parsers.parseYaml),
        noExt: data(parsers.parseYaml),
        ...Object.fromEntries(CODE_CONFIG_EXTENSIONS.map((ext) => [ext, recordCode])),
        // A meta-config may add places with any extension; without a default cosmiconfig throws.
        default: recordCode,
      },
    });
  } catch (error) {
    throw wrapError(error, meta.data ?? process.cwd());
  }
}

async function loadWithCosmiconfig(explorer: Explorer, file: string) {
  try {
    return await explorer.load(file);
  } catch (error) {
    throw wrapError(error, file);
  }
}

function wrapError(error: unknown, file: string): Error {
  if (isPlumError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConfigError(
    message.includes(file) ? message : `${file}: ${message}`,
    file,
    undefined,
    {
      cause: error,
    },
  );
}

/** `$import` in a repository file: YAML/JSON inside the repository only. */
function checkImports(file: string, data: unknown, root: string): void {
  if (!isPlainObject(data) || !Object.hasOwn(data, '$import')) return;
  const value = data.$import;
  for (const entry of Array.isArray(value) ? (value as unknown[]) : [value]) {
    if (typeof entry !== 'string') {
      throw new ConfigError(
        `${file}: $import: expected a path or a list of paths, got ${JSON.stringify(entry)}`,
        file,
        '$import',
      );
    }
    const target = resolve(dirname(file), entry);
    if (!DATA_EXTENSIONS.has(extname(target))) {
      throw new ConfigError(
        `${file}: $import: only YAML or JSON files can be imported, got ${entry}`,
        file,
        '$import',
      );
    }
    if (!isInside(realpathSyncOr(target), root)) {
      throw new ConfigError(
        `${file}: $import: ${entry} is outside the repository (${root})`,
        file,
        '$import',
        {
          hint: 'a repository config may only import files inside the repository; move the file in or copy its keys',
        },
      );
    }
  }
}

/**
 * Which file cosmiconfig would take as its meta-config in `dir`, mirroring its search: the first
 * readable place, where package.json/package.yaml count only with a `cosmiconfig` key.
 */
function inspectMetaConfig(
  dir: string,
  parsers: { parseJson: typeof parseJson; parseYaml: typeof parseYaml },
): { code?: string; data?: string } {
  for (const place of META_PLACES) {
    const file = join(dir, place);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (!DATA_EXTENSIONS.has(extname(file))) return { code: file };
    if (text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = file.endsWith('.json')
        ? parsers.parseJson(file, text)
        : parsers.parseYaml(file, text);
    } catch {
      return {}; // cosmiconfig fails on it too, before reaching any code file; wrapError reports it
    }
    const hasKey = isPlainObject(parsed) && Object.hasOwn(parsed, 'cosmiconfig');
    if (place.startsWith('package.') && !hasKey) continue;
    return hasKey ? { data: file } : {};
  }
  return {};
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

async function realpathOr(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

function realpathSyncOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
