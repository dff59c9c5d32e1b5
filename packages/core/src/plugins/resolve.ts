// Where a plugin named in config is found: a path (absolute, or relative to the config file), or a
// package resolved from the config file's directory, then from the CLI's own installation (so a
// globally installed sibling like @plumpots/pots is found), then the global node_modules, then
// through the package's own command on PATH (`pots` for @plumpots/pots: installed in another
// prefix, or a checkout's bin linked into ~/.local/bin).
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exports as resolveExports } from 'resolve.exports';
import { NotFoundError } from '../errors.js';

export interface ResolveFrom {
  /** Directory of the config file that named the plugin (or the cwd). */
  configDir: string;
  /** A file inside the running CLI's installation (its import.meta.url path). */
  selfFile?: string;
}

/** Resolves a plugin entry to a file URL that `import()` accepts. Throws exit 3 when not found. */
export function resolvePlugin(entry: string, from: ResolveFrom): string {
  if (entry.startsWith('.') || isAbsolute(entry)) {
    const file = resolve(from.configDir, entry);
    if (!existsSync(file)) {
      throw new NotFoundError('ERR_PLUGIN_NOT_FOUND', `plugin ${entry}: no file ${file}`);
    }
    return pathToFileURL(file).href;
  }
  const { name, subpath } = splitSpecifier(entry);
  const starts = [
    from.configDir,
    from.selfFile ? dirname(from.selfFile) : undefined,
    globalModules(),
  ];
  const pkgDirs = function* () {
    for (const start of starts) if (start) yield findPackageDir(start, name);
    yield packageOfCommand(name);
  };
  for (const pkgDir of pkgDirs()) {
    if (!pkgDir) continue;
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const target = pkg.exports
      ? resolveExports(pkg, subpath, { conditions: ['node', 'import'] })?.[0]
      : subpath === '.'
        ? ((pkg.module ?? pkg.main ?? 'index.js') as string)
        : subpath;
    if (target) return pathToFileURL(join(pkgDir, target)).href;
  }
  throw new NotFoundError('ERR_PLUGIN_NOT_FOUND', `plugin ${entry} is not installed`, {
    hint: `install it next to your config or globally (npm i -g ${name}), or remove it from "plugins"`,
  });
}

function splitSpecifier(entry: string): { name: string; subpath: string } {
  const parts = entry.split('/');
  const size = entry.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, size).join('/');
  const rest = parts.slice(size).join('/');
  return { name, subpath: rest ? `./${rest}` : '.' };
}

function findPackageDir(start: string, name: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = dir.endsWith('node_modules')
      ? join(dir, name)
      : join(dir, 'node_modules', name);
    // Walking up from a global install (<prefix>/lib/node_modules/<pkg>) reaches its siblings too.
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The directory of package `name` that the command named like it (on PATH) belongs to. */
function packageOfCommand(name: string): string | undefined {
  const command = basename(name);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || !existsSync(join(dir, command))) continue;
    let file: string;
    try {
      file = realpathSync(join(dir, command));
    } catch {
      continue;
    }
    for (let up = dirname(file); up !== dirname(up); up = dirname(up)) {
      const manifest = join(up, 'package.json');
      if (!existsSync(manifest)) continue;
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === name) {
          return up;
        }
      } catch {
        // not a readable manifest: keep walking up
      }
    }
  }
  return undefined;
}

function globalModules(): string {
  // <prefix>/bin/node → <prefix>/lib/node_modules (npm's layout on Unix), without spawning `npm root -g`.
  return join(dirname(dirname(process.execPath)), 'lib', 'node_modules');
}
