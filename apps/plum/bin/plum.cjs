#!/usr/bin/env node
// The plum bin, in CommonJS: on Node 20 an ES module entry pays for starting the ESM loader (about
// 7 ms), which `plum --version` alone can skip. Everything else imports the bundled CLI. It exists
// before the build, so `pnpm install` on a fresh clone can link it.
'use strict';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  import('../dist/bin.js');
}
