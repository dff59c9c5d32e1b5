// A real repository plus a hermetic XDG config dir, and shorthands to write config files into both.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cleanEnv, gitRepo, hermeticEnv, tempDir } from '@plumpots/test-fixtures';
import { expect } from 'vitest';
import { isPlumError, type ConfigError } from '../../src/errors.js';
import { loadConfig, type LoadConfigOptions, type ResolvedConfig } from '../../src/config/index.js';

export interface ConfigFixture {
  /** Temp root: holds the repo, `home/` and `config/`. */
  root: string;
  /** The repository's main worktree. */
  repo: string;
  env: Record<string, string>;
  userDir: string;
  /** Writes a file under the repo (parents created); returns its absolute path. */
  write(file: string, content: string): string;
  writeUser(name: string, content: string): string;
  load(options?: Partial<LoadConfigOptions>): Promise<ResolvedConfig>;
}

/**
 * A temp root with `repo/` and a hermetic env. With `git: true` the repo is a real git repository;
 * loadConfig never runs git (the caller passes repoRoot), so most tests skip the cost.
 */
export function configFixture(options: { git?: boolean } = {}): ConfigFixture {
  const repo = options.git ? gitRepo() : plainRepo();
  const userDir = join(repo.env.XDG_CONFIG_HOME as string, 'plum');
  const put = (file: string, content: string) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    return file;
  };
  return {
    root: repo.root,
    repo: repo.path,
    env: repo.env,
    userDir,
    write: (file, content) => put(join(repo.path, file), content),
    writeUser: (name, content) => put(join(userDir, name), content),
    load: (options = {}) =>
      loadConfig({ cwd: repo.path, repoRoot: repo.path, env: repo.env, ...options }),
  };
}

function plainRepo() {
  const root = tempDir().path;
  const path = join(root, 'repo');
  mkdirSync(path);
  return { root, path, env: { ...cleanEnv(), ...hermeticEnv(root) } };
}

/** The ConfigError a promise rejects with; fails unless it is one, with exit code 6. */
export async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  const error: unknown = await promise.then(
    () => new Error('expected a ConfigError, but it resolved'),
    (e: unknown) => e,
  );
  expect(isPlumError(error) ? error.code : error).toBe('ERR_CONFIG_INVALID');
  expect((error as ConfigError).exitCode).toBe(6);
  return error as ConfigError;
}

/** A CommonJS file that, if ever run, creates `sentinel`. */
export function sentinelScript(sentinel: string): string {
  return `require('node:fs').writeFileSync(${JSON.stringify(sentinel)}, 'ran');\nmodule.exports = { pots: { prefix: 'pwned-' } };\n`;
}

/** Lets any stray async import finish before we look for a sentinel. */
export async function settled(sentinel: string): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return existsSync(sentinel);
}
