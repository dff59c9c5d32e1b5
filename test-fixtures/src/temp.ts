// Temporary directories that disappear when the test (or file) ends.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/**
 * A fresh real-path temp dir. Inside a test it is removed when the test finishes; elsewhere
 * (beforeAll) call the returned `cleanup` yourself.
 */
export function tempDir(prefix = 'pp-'): { path: string; cleanup: () => void } {
  // Short names: tmux socket paths must stay under ~107 bytes.
  const path = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  // Retried: a tmux server still running (killed in afterAll) may create a file meanwhile (a pane's
  // log), and rmdir then fails with ENOTEMPTY.
  const cleanup = () =>
    rmSync(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  registerCleanup(cleanup);
  return { path, cleanup };
}

/** Runs `fn` when the current test finishes; a no-op outside a test. */
export function registerCleanup(fn: () => void | Promise<void>): void {
  try {
    onTestFinished(fn);
  } catch {
    // Called from beforeAll/describe: the caller owns cleanup.
  }
}
