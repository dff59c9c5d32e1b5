// `pnpm demo` end to end (scripts/demo.mjs against the built bins): every step shows, the spawned
// command's output streams in order and once, with its exit status — and afterwards nothing is
// left: not the demo's directory, not its tmux server's socket, not a process it started.
// The demo runs with TMPDIR set to a directory of this test's own, so whatever it leaves can be
// found (and is removed, and its processes killed) even when the demo or an assertion fails.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, killAll, registerCleanup, retryUntil, tempDir } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';

const demo = fileURLToPath(new URL('../../../scripts/demo.mjs', import.meta.url));

/** Runs the demo with stdout and stderr into one file, so its lines keep their order. */
async function runDemo(base: string, outFile: string): Promise<number | null> {
  const fd = openSync(outFile, 'w');
  try {
    const child = spawn(process.execPath, [demo], {
      cwd: base,
      env: { ...cleanEnv(), NO_COLOR: '1', TMPDIR: base },
      stdio: ['ignore', fd, fd],
    });
    // A hung demo is killed so that the clean-up below still runs inside the test's time.
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    return await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * Processes whose environment mentions `marker` (Linux: /proc). Everything the demo starts — its
 * tmux server and the panes' processes — inherits TMPDIR, so this finds what would outlive it.
 * Elsewhere: an empty list (the directory checks still run).
 */
function processesMentioning(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker))
        found.push(Number(entry));
    } catch {
      // Gone meanwhile, or another user's: not ours either way.
    }
  }
  return found;
}

/** Every `needle` in `text`, in this order; the index after the last. */
function expectInOrder(text: string, needles: readonly (string | RegExp)[]): void {
  let at = 0;
  for (const needle of needles) {
    const rest = text.slice(at);
    const match =
      typeof needle === 'string'
        ? { index: rest.indexOf(needle), length: needle.length }
        : ((m) => (m ? { index: m.index, length: m[0].length } : { index: -1, length: 0 }))(
            needle.exec(rest),
          );
    expect(match.index, `${String(needle)} after offset ${at} in:\n${text}`).toBeGreaterThan(-1);
    at += match.index + match.length;
  }
}

describe('pnpm demo', () => {
  it('walks through worktrees, sessions and a streamed command, and leaves nothing behind', async () => {
    const base = tempDir('pd-').path;
    const outFile = join(tempDir('pdo-').path, 'out.txt');
    registerCleanup(() => killAll(processesMentioning(base)));

    const code = await runDemo(base, outFile);
    const out = readFileSync(outFile, 'utf8');
    expect(code, out).toBe(0);

    const tmp = /^A throwaway repo at (.+)\/shop$/m.exec(out)?.[1];
    expect(tmp, out).toBeDefined();
    expect(tmp?.startsWith(base)).toBe(true);
    const pane = /^\$ pots spawn .*\n(?:· .*\n)*(%\d+)$/m.exec(out)?.[1];
    expect(pane, out).toBeDefined();

    expectInOrder(out, [
      '$ plum create feat/login',
      '✓ created feat-login',
      '$ plum list',
      /feat-login +feat\/login +\*/,
      '$ plum remove feat-login --yes',
      '(exit 4, as expected)',
      '$ pots open feat-login --template development',
      'created session shop-feat-login-dev',
      "tmux -L demo attach -t '=shop-feat-login-dev'",
      '$ pots list',
      /shop-feat-login-dev +feat-login +dev/,
      '$ pots spawn feat-login --task tests -- node test.js',
      `\n${pane}\n`,
      `$ pots logs ${pane} --follow --since-start`,
      'ok 1 - cart adds an item',
      'ok 2 - cart removes an item',
      'ok 3 - checkout totals the cart',
      'ok 4 - login rejects a bad password',
      '# 4 passed',
      `pane ${pane} exited with status 0`,
      '$ pots ps',
      new RegExp(`${pane} +shop-feat-login-tests:node +tests +exited\\(0\\)`),
      '$ pots kill shop-feat-login-tests --yes',
      'killed shop-feat-login-tests',
      '$ plum remove feat-login --force --yes',
      '✓ removed feat-login',
      '$ pots cleanup --yes --min-age 0',
      'killed session shop-feat-login-dev',
      'no pots sessions',
      `Cleaned up: removed ${tmp}`,
    ]);
    // Streamed once each: nothing repeated between the log's start and the live part.
    expect(out.split('ok 1 - cart adds an item').length - 1).toBe(1);
    expect(out.split('# 4 passed').length - 1).toBe(1);

    // Nothing left: the demo's directory (which held the tmux socket) and every process it started.
    expect(existsSync(tmp ?? base)).toBe(false);
    expect(readdirSync(base)).toEqual([]);
    await retryUntil(() => processesMentioning(base).length === 0, {
      message: `processes of the demo still running: ${processesMentioning(base).join(', ')}`,
    });
  }, 60_000);
});
