// Running the built `pots` bin against a real repository and a private tmux server, as a user would.
import {
  gitRepo,
  runCli,
  tmuxServer,
  type CliResult,
  type GitRepo,
  type TmuxServer,
} from '@plumpots/test-fixtures';
import { expect } from 'vitest';

export interface PotsFixture {
  repo: GitRepo;
  server: TmuxServer;
  /** The environment every pots run gets: the repo's, the server's, POTS_TMUX_SOCKET_NAME. */
  env: Record<string, string>;
  /** Runs the built bin in `cwd` (default: the main worktree). */
  pots(
    args: readonly string[],
    options?: { cwd?: string; env?: Record<string, string> },
  ): Promise<CliResult>;
  /** Runs pots and expects exit 0; returns stdout parsed as JSON. */
  json<T>(
    args: readonly string[],
    options?: { cwd?: string; env?: Record<string, string> },
  ): Promise<T>;
  /** Runs pots and expects exit 0; returns stdout without its final newline. */
  ok(
    args: readonly string[],
    options?: { cwd?: string; env?: Record<string, string> },
  ): Promise<string>;
  done(): void;
}

/** A repository plus a private tmux server (not started: the first pots run starts it). */
export function potsFixture(options: { env?: Record<string, string> } = {}): PotsFixture {
  const repo = gitRepo();
  const server = tmuxServer();
  const env = {
    ...repo.env,
    ...server.env,
    POTS_TMUX_SOCKET_NAME: server.socketName,
    ...options.env,
  };
  const pots: PotsFixture['pots'] = (args, runOptions = {}) =>
    runCli('pots', args, { cwd: runOptions.cwd ?? repo.path, env: { ...env, ...runOptions.env } });
  const ok: PotsFixture['ok'] = async (args, runOptions) => {
    const result = await pots(args, runOptions);
    expect(result, `pots ${args.join(' ')}: ${result.stderr}`).toMatchObject({ exitCode: 0 });
    return result.stdout.replace(/\n$/, '');
  };
  return {
    repo,
    server,
    env,
    pots,
    ok,
    json: async <T>(
      args: readonly string[],
      runOptions?: { cwd?: string; env?: Record<string, string> },
    ) => JSON.parse(await ok(args, runOptions)) as T,
    done() {
      server.kill();
      repo.cleanup();
    },
  };
}

/** What `pots list --json` prints for one unit: the API's Unit, which is plain JSON. */
export type { Unit as UnitJson } from '../src/api/units.js';

export { spawnShim } from '@plumpots/test-fixtures';
