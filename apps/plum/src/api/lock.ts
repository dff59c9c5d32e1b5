// A cross-process lock per repository around create/remove/prune: git's own checks are not atomic
// (4 parallel `git worktree add` of one branch check it out up to 4 times).
import { join } from 'node:path';
import type lockfile from 'proper-lockfile';
import { RefusedError } from '@plumpots/core';
import { dropOpeningListing } from './context-state.js';
import type { PlumContext } from './context-types.js';

/**
 * Runs `fn` holding `<common git dir>/plum.lock`. Waits (up to `waitMs`) for another plum to finish;
 * a lock left by a crashed process goes stale after 10 s. Always released, whatever `fn` does.
 * @example await withRepoLock(ctx, async () => { ...re-read state, then mutate... });
 */
export async function withRepoLock<T>(
  ctx: Pick<PlumContext, 'repo'>,
  fn: () => Promise<T>,
  options: { waitMs?: number } = {},
): Promise<T> {
  dropOpeningListing(ctx);
  const target = join(ctx.repo.commonDir, 'plum');
  const waitMs = options.waitMs ?? 60_000;
  let release: () => Promise<void>;
  try {
    release = await (
      await loadLockfile()
    ).lock(target, {
      realpath: false,
      lockfilePath: `${target}.lock`,
      stale: 10_000,
      update: 2_000,
      retries: { retries: Math.ceil(waitMs / 100), minTimeout: 25, maxTimeout: 100, factor: 1.2 },
    });
  } catch (error) {
    throw new RefusedError(
      'ERR_PLUM_LOCKED',
      `another plum is changing worktrees of ${ctx.repo.projectName}`,
      {
        hint: `wait for it to finish (lock: ${target}.lock)`,
        cause: error,
      },
    );
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => undefined);
  }
}

/** proper-lockfile (and graceful-fs), imported only when something is locked: every read-only
 * command imports the modules that lock, few of them change anything. */
export async function loadLockfile(): Promise<typeof lockfile> {
  return (await import('proper-lockfile')).default;
}
