#!/usr/bin/env node
// The bin: a fast path for a bare `--version` (status lines and scripts call it often), else the CLI
// with Node's compile cache on (Node >= 22.1; see enableCompileCache).
import { enableCompileCache } from '@plumpots/core/compile-cache';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = await import('./version.js');
  process.stdout.write(`${version}\n`);
} else {
  enableCompileCache();
  const { run } = await import('./cli.js');
  await run(process.argv);
}
