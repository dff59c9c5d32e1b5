#!/usr/bin/env node
// The bin: fast paths for a bare `--version` (status lines and scripts call it often) and for
// `plum path <name>` into a pipe (`cd "$(plum path x)"`), else the CLI; past `--version`, with
// Node's compile cache on (Node >= 22.1; see enableCompileCache).
import { enableCompileCache } from '@plumpots/core/compile-cache';

const args = process.argv.slice(2);
const version = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
if (!version) enableCompileCache();
if (version) {
  const { version } = await import('./version.js');
  process.stdout.write(`${version}\n`);
} else if (
  args.length === 2 &&
  args[0] === 'path' &&
  !args[1]!.startsWith('-') &&
  !process.stdout.isTTY &&
  (await (await import('./fast-path/fast-path.js')).fastPath(args[1]!))
) {
  // printed
} else {
  const { run } = await import('./cli.js');
  await run(process.argv);
}
