// Temporary directories that disappear when the test (or file) ends.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { killAll, processesInside } from './processes.js';

/**
 * A fresh real-path temp dir. Inside a test it is removed when the test finishes (unless `register`
 * is false: the caller registers its own cleanup); elsewhere (beforeAll) call the returned
 * `cleanup` yourself.
 */
export function tempDir(prefix = 'pp-', register = true): { path: string; cleanup: () => void } {
  // Short names: tmux socket paths must stay under ~107 bytes.
  const path = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  const cleanup = () => {
    // A process a test left working in here (one that ignored SIGHUP, a failed test's helper)
    // would outlive the run: ours by where it works, whatever its command line.
    killAll(processesInside(path).map((p) => p.pid));
    removeWhenQuiet(path);
  };
  if (register) registerCleanup(cleanup);
  return { path, cleanup };
}

/**
 * Removes `path`, polling with a deadline while it fails with ENOTEMPTY: the processes of a tmux
 * server just killed (a pane's pipe-pane writer, a pots follower) may still create a file in it
 * for a moment.
 */
function removeWhenQuiet(path: string): void {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY' || Date.now() > deadline) {
        throw error;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** Runs `fn` when the current test finishes; a no-op outside a test. */
export function registerCleanup(fn: () => void | Promise<void>): void {
  try {
    onTestFinished(fn);
  } catch {
    // Called from beforeAll/describe: the caller owns cleanup.
  }
}
