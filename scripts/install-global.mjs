// `pnpm run install-global [--prefix <dir>]`: packs @plumpots/core, plum and pots with `pnpm pack`
// (which rewrites `workspace:^` to real versions; `npm pack` would keep it, and the tarball would
// not install) and installs the three tarballs with `npm install --global --prefix <dir>`, as a user
// installs any npm tool: bins in <dir>/bin, packages side by side in <dir>/lib/node_modules, where
// plum finds the pots plugin by its package name. Run after `pnpm build` (the package script does).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['packages/core', 'apps/plum', 'apps/pots'];
const USAGE = 'usage: pnpm run install-global [--prefix <dir>]   (default prefix: ~/.local)';

/** A failure to report in one line and exit with `code`, thrown so that `finally` blocks run. */
class Failure extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

function fail(message, code) {
  throw new Failure(message, code);
}

function parseArgs(argv) {
  let prefix = join(homedir(), '.local');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg === '--prefix' && argv[i + 1]) prefix = argv[++i];
    else if (arg.startsWith('--prefix=')) prefix = arg.slice('--prefix='.length);
    else fail(`unexpected argument ${JSON.stringify(arg)}\n${USAGE}`, 2);
  }
  return resolve(prefix);
}

/**
 * Runs a tool (stdout shown, or kept and shown only if it fails when `quiet`); exits 5 when it is
 * not installed, 1 when it fails.
 */
function run(command, args, { quiet = false, ...options } = {}) {
  const stdout = quiet ? 'pipe' : 'inherit';
  const result = spawnSync(command, args, { stdio: ['ignore', stdout, 'inherit'], ...options });
  if (result.error?.code === 'ENOENT') fail(`${command} is not installed (it is needed here)`, 5);
  if (result.status !== 0) {
    if (quiet && result.stdout) process.stdout.write(result.stdout);
    fail(`${[command, ...args].join(' ')} failed (exit ${result.status})`, 1);
  }
}

/** pnpm as this script was started by it (npm_execpath), else the one on PATH. */
function pnpm(args, cwd) {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm/.test(execpath)) {
    const viaNode = /\.c?js$/.test(execpath);
    const [command, argv] = viaNode ? [process.execPath, [execpath, ...args]] : [execpath, args];
    run(command, argv, { cwd, quiet: true });
  } else run('pnpm', args, { cwd, quiet: true });
}

function main() {
  const prefix = parseArgs(process.argv.slice(2));
  for (const dir of ['apps/plum', 'apps/pots']) {
    if (!existsSync(join(root, dir, 'dist/bin.js'))) {
      fail(`${dir}/dist/bin.js is missing: run pnpm build first (pnpm run install-global does)`, 1);
    }
  }
  const out = mkdtempSync(join(tmpdir(), 'plumpots-pack-'));
  try {
    for (const dir of PACKAGES) {
      process.stdout.write(`packing ${dir}\n`);
      pnpm(['pack', '--pack-destination', out], join(root, dir));
    }
    const tarballs = readdirSync(out)
      .filter((name) => name.endsWith('.tgz'))
      .map((name) => join(out, name));
    run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--no-fund', '--no-audit', ...tarballs],
      {
        cwd: out,
      },
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const bin = join(prefix, 'bin');
  const onPath = (process.env.PATH ?? '').split(delimiter).some((dir) => resolve(dir) === bin);
  process.stdout.write(
    [
      `✓ plum and pots installed in ${bin}`,
      onPath
        ? ''
        : `  ${bin} is not on your PATH: add  export PATH="${bin}:$PATH"  to your shell's rc file`,
      '  the pots plugin for plum is found by its package name: in ~/.config/plum/config.yaml',
      "  plugins: ['@plumpots/pots/plum-plugin']",
    ]
      .filter((line) => line !== '')
      .map((line) => `${line}\n`)
      .join(''),
  );
}

try {
  main();
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  process.stderr.write(`✗ ${error.message}\n`);
  process.exitCode = error.code;
}
