// The only code that spawns git. Argument arrays only; a scrubbed environment so a GIT_DIR leaked
// from a hook never redirects us; LC_ALL=C so the stderr we classify is stable.
import { GIT_PATH_VARS, scrubEnv } from '../env.js';
import { GitError, NotFoundError } from '../errors.js';
import { runProcess, type SpawnResult } from '../process/spawn.js';

export interface GitCallOptions {
  input?: string;
  /** Extra environment for this call (e.g. GIT_INDEX_FILE for a scratch index). */
  env?: Record<string, string>;
  /** Error code for the thrown GitError (default ERR_GIT). */
  errorCode?: string;
}

export interface Git {
  readonly cwd: string;
  /** Runs git and returns stdout; throws GitError (exit 1) when git exits non-zero. */
  run(args: readonly string[], options?: GitCallOptions): Promise<string>;
  /** Runs git and returns the whole result, whatever the exit code (for questions whose answer is the exit code). */
  probe(args: readonly string[], options?: GitCallOptions): Promise<SpawnResult>;
}

let baseEnv: Record<string, string> | undefined;

/** The environment every git child gets: the caller's, minus git's path variables. */
export function gitEnv(): Record<string, string> {
  baseEnv ??= scrubEnv(process.env, GIT_PATH_VARS, {
    set: { LC_ALL: 'C', LANGUAGE: undefined, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
  });
  return baseEnv;
}

/** Forgets the cached environment so the next call re-reads process.env (for tests). */
export function resetGitEnvCache(): void {
  baseEnv = undefined;
}

/**
 * A git gateway bound to a working directory.
 * @example const head = (await git('/repo').run(['rev-parse', 'HEAD'])).trim();
 */
export function git(cwd: string): Git {
  const probe = (args: readonly string[], options: GitCallOptions = {}) =>
    runProcess('git', args, {
      cwd,
      env: options.env ? { ...gitEnv(), ...options.env } : gitEnv(),
      ...(options.input === undefined ? {} : { input: options.input }),
    });
  return {
    cwd,
    probe,
    async run(args, options = {}) {
      const result = await probe(args, options);
      if (result.exitCode !== 0) throw gitFailure(result, options.errorCode);
      return result.stdout;
    },
  };
}

/** Turns a failed git result into a GitError whose message is git's own first line. */
export function gitFailure(result: SpawnResult, code = 'ERR_GIT'): GitError {
  const said =
    result.stderr
      .trim()
      .split('\n')
      .find((line) => line.trim() !== '') ?? '';
  const what = `git ${result.command.slice(1).join(' ')}`;
  const message = said ? `${what}: ${said.replace(/^(fatal|error): /, '')}` : `${what} failed`;
  return new GitError(code, message, result.command, result.exitCode, result.stderr);
}

/**
 * The error for a git call that could not find the repository around `cwd`: NotFoundError
 * ERR_NOT_A_REPO (exit 3) outside any, else git's own error (e.g. "detected dubious ownership":
 * not the same as no repository at all).
 */
export function discoveryFailure(cwd: string, result: SpawnResult): Error {
  if (/not a git repository/i.test(result.stderr)) {
    return new NotFoundError('ERR_NOT_A_REPO', `not a git repository: ${cwd}`, {
      hint: 'run inside a git repository, or pass -C <dir>',
    });
  }
  return gitFailure(result);
}
