#!/usr/bin/env node
// The bin: a fast path for a bare `--version` (status lines and scripts call it often), else the CLI.
import module from 'node:module';

// Node >= 22.1 keeps V8's compiled code for our modules between runs (in the OS temp dir): most of
// a command's start-up is compiling the bundle. A no-op on Node 20, which lacks it.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { version } = await import('./version.js');
  process.stdout.write(`${version}\n`);
} else {
  const { run } = await import('./cli.js');
  await run(process.argv);
}
