// Shared set-up for the git module's tests: a hermetic gateway, bare layouts, spawn counting.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitRepo } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, vi } from 'vitest';
import { onSpawn } from '../../src/index.js';
import { resetGitEnvCache } from '../../src/git/gateway.js';

/** Keeps the developer's own git config (showUntrackedFiles, gpgsign, …) away from the gateway. */
export function useHermeticGit(): void {
  beforeAll(() => {
    vi.stubEnv('GIT_CONFIG_GLOBAL', '/dev/null');
    vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
    resetGitEnvCache();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    resetGitEnvCache();
  });
}

/**
 * The bare + worktrees layout: `<dir>/.bare`, `<dir>/.git` = "gitdir: ./.bare", `<dir>/main`.
 * Returns `<dir>`.
 */
export function bareLayout(repo: GitRepo, name = 'layout'): string {
  const dir = join(repo.root, name);
  mkdirSync(dir);
  repo.git(['clone', '-q', '--bare', repo.path, join(dir, '.bare')]);
  writeFileSync(join(dir, '.git'), 'gitdir: ./.bare\n');
  repo.git(['worktree', 'add', '-q', 'main'], dir);
  return dir;
}

/** Runs `fn` and returns its result with the git commands it spawned. */
export async function countSpawns<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; spawns: string[][] }> {
  const spawns: string[][] = [];
  const off = onSpawn((argv) => spawns.push([...argv]));
  try {
    return { value: await fn(), spawns };
  } finally {
    off();
  }
}
