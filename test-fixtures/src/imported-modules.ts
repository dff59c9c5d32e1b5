// Which dependencies a built bin loads for one command line: a module-resolve hook logs every URL,
// and each loaded bundle chunk is searched for the `node_modules/.pnpm/<package>@` path comments
// esbuild leaves in front of the code it inlined. For start-up budget tests (never timings).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliResult } from './run-cli.js';
import { tempDir } from './temp.js';

export interface ImportedModules extends CliResult {
  /** Files the bin imported (its own chunks). */
  files: string[];
  /** npm packages inlined in those files (`commander`, `zod`, `@inquirer/core`…). */
  packages: Set<string>;
}

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.PLUMPOTS_IMPORT_LOG, result.url + '\\n');
  return result;
}
`;

/**
 * Runs `node --import <hook> <bin> args…` and reports what it loaded.
 * @example const { packages } = await importedModules('plum', ['--version']); packages.has('commander') // false
 */
export async function importedModules(
  bin: 'plum' | 'pots',
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ImportedModules> {
  const dir = tempDir('imports-').path;
  const log = join(dir, 'imports.log');
  writeFileSync(log, '');
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
  );
  const result = await runCli(bin, args, {
    ...options,
    env: {
      ...options.env,
      PLUMPOTS_IMPORT_LOG: log,
      NODE_OPTIONS: `--import=${join(dir, 'register.mjs')}`,
    },
  });
  const files = [
    ...new Set(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((url) => url.startsWith('file:') && url.includes('/dist/'))
        .map((url) => fileURLToPath(url)),
    ),
  ];
  const packages = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /node_modules\/\.pnpm\/((?:@[^+/]+\+)?[^@/]+)@/g,
    )) {
      packages.add((match[1] ?? '').replace('+', '/'));
    }
  }
  return { ...result, files, packages };
}
