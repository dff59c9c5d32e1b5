// The tmux gateway: the only code in pots that spawns tmux. A server value owns -L/-S/-f (and -u);
// every command passes through it with a scrubbed environment, because the first client may become
// the server, which hands its environment to every pane for ever.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  DependencyError,
  TMUX_SCRUB_VARS,
  isPlumError,
  runProcess,
  scrubEnv,
  type SpawnResult,
} from '@plumpots/core';
import { tmuxFailure } from './errors.js';

const INSTALL_HINT =
  'install tmux 3.2 or newer: apt-get install tmux (Debian/Ubuntu) or brew install tmux (macOS)';

/** Which tmux server to talk to. `socketPath` wins over `socketName`, as in tmux itself. */
export interface TmuxServerRef {
  /** `tmux -L NAME`: a socket of that name in tmux's socket directory. */
  socketName?: string;
  /** `tmux -S PATH`. */
  socketPath?: string;
  /** `tmux -f FILE`: only read when this call starts the server. */
  configFile?: string;
}

export interface CreateTmuxOptions {
  /** Base environment for tmux clients (default `process.env`); it is scrubbed either way. */
  env?: NodeJS.ProcessEnv;
  /** Called with the full argv (`tmux` first) before each spawn: for `--verbose` and call-count tests. */
  onCommand?: (argv: string[]) => void;
  /** Kill a tmux client that has not answered after this long (default 30 s). */
  timeoutMs?: number;
}

export interface TmuxRunOptions {
  /** Written to tmux's stdin (`load-buffer -`). */
  input?: string;
  /** The client's working directory (tmux's fallback when `-c` fails). */
  cwd?: string;
  /**
   * Variables added to this one client's scrubbed environment. For `switch-client`/`detach-client`
   * from inside a pane: tmux finds "the current client" through `TMUX_PANE`, which the gateway
   * otherwise scrubs. Never for a call that could start the server.
   */
  env?: Record<string, string>;
}

export interface Tmux {
  readonly server: Readonly<TmuxServerRef>;
  /** `-u` (UTF-8 output whatever the locale) plus the server's `-S`/`-L` and `-f`. */
  readonly globalArgs: readonly string[];
  /** The scrubbed environment every tmux client (and so a server it starts) gets. */
  readonly env: Readonly<Record<string, string>>;
  /** Runs `tmux …args` and returns stdout; throws a classified `TmuxCommandError`. */
  run(args: readonly string[], options?: TmuxRunOptions): Promise<string>;
  /** Runs `tmux …args` and returns the whole result, whatever the exit code. */
  probe(args: readonly string[], options?: TmuxRunOptions): Promise<SpawnResult>;
  /** The `onCommand` hook the gateway was made with (for `runInteractive`). */
  readonly onCommand?: ((argv: string[]) => void) | undefined;
}

/**
 * The global flags that select `server`, with `-u` first.
 * @example tmuxGlobalArgs({ socketName: 'work' }) // ['-u', '-L', 'work']
 */
export function tmuxGlobalArgs(server: TmuxServerRef): string[] {
  const args = ['-u'];
  if (server.socketPath) args.push('-S', server.socketPath);
  else if (server.socketName) args.push('-L', server.socketName);
  if (server.configFile) args.push('-f', server.configFile);
  return args;
}

/**
 * The server the environment selects: `POTS_TMUX_SOCKET_NAME` → `-L`; otherwise, inside tmux, the
 * socket named in `$TMUX` (what plain `tmux` would use — pots scrubs `TMUX` from its children, so it
 * must pass it on explicitly); otherwise the default server. CLI flags override this.
 * @example serverFromEnv({ POTS_TMUX_SOCKET_NAME: 'work' }) // { socketName: 'work' }
 */
export function serverFromEnv(env: NodeJS.ProcessEnv): TmuxServerRef {
  const name = env.POTS_TMUX_SOCKET_NAME;
  if (name) return { socketName: name };
  // "socket,pid,index"; the socket path itself may contain commas (libtmux splits from the right).
  const socketPath = socketPathFromTmuxEnv(env.TMUX);
  return socketPath ? { socketPath } : {};
}

/**
 * A tmux gateway bound to one server.
 * @example const tmux = createTmux({ socketName: 'work' }); await tmux.run(['list-sessions'])
 */
export function createTmux(server: TmuxServerRef, options: CreateTmuxOptions = {}): Tmux {
  const globalArgs = Object.freeze(tmuxGlobalArgs(server));
  const env = Object.freeze(scrubEnv(options.env ?? process.env, TMUX_SCRUB_VARS, { npm: true }));
  const timeoutMs = options.timeoutMs ?? 30_000;

  const probe = async (
    args: readonly string[],
    runOptions: TmuxRunOptions = {},
  ): Promise<SpawnResult> => {
    const argv = [...globalArgs, ...args];
    options.onCommand?.(['tmux', ...argv]);
    try {
      return await runProcess('tmux', argv, {
        env: runOptions.env ? { ...env, ...runOptions.env } : env,
        timeoutMs,
        ...(runOptions.cwd === undefined ? {} : { cwd: runOptions.cwd }),
        ...(runOptions.input === undefined ? {} : { input: runOptions.input }),
      });
    } catch (error) {
      if (isPlumError(error) && error.code === 'ERR_DEPENDENCY_MISSING') {
        throw new DependencyError('ERR_TMUX_MISSING', 'tmux not found on PATH', {
          hint: INSTALL_HINT,
          cause: error,
        });
      }
      throw error;
    }
  };

  return {
    server: Object.freeze({ ...server }),
    globalArgs,
    env,
    probe,
    onCommand: options.onCommand,
    async run(args, runOptions) {
      let result = await probe(args, runOptions);
      // A server that is just exiting (kill-server, its last session gone) drops the connection
      // before running anything; a new server is started a moment later. Retry a few times, briefly
      // (one retry was not always enough: 2 of 500 kill-server → new-session rounds here).
      for (let attempt = 1; attempt <= 3 && isServerExiting(result); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10 * attempt * attempt));
        result = await probe(args, runOptions);
      }
      if (result.exitCode !== 0) throw tmuxFailure(result, { args, env });
      return result.stdout;
    },
  };
}

function isServerExiting(result: SpawnResult): boolean {
  return result.exitCode !== 0 && /server exited unexpectedly/.test(result.stderr);
}

/**
 * Runs `tmux …args` on the caller's terminal (stdio inherited, for `attach-session`) through the
 * gateway's server flags and scrubbed environment; resolves with tmux's exit code once the client
 * exits. Output is not captured.
 * @example const code = await runInteractive(tmux, ['attach-session', '-t', target(session.id)])
 */
export function runInteractive(tmux: Tmux, args: readonly string[]): Promise<number> {
  const argv = [...tmux.globalArgs, ...args];
  tmux.onCommand?.(['tmux', ...argv]);
  return new Promise((resolve, reject) => {
    const child = spawn('tmux', argv, { env: { ...tmux.env }, stdio: 'inherit' });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new DependencyError('ERR_TMUX_MISSING', 'tmux not found on PATH', {
              hint: INSTALL_HINT,
              cause: error,
            })
          : error,
      );
    });
    child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * The socket file a server ref means, as tmux computes it: `-S` as given, else
 * `$TMUX_TMPDIR/tmux-UID/NAME` (`/tmp` when TMUX_TMPDIR is unset, `default` without `-L`). For
 * telling whether `$TMUX` names the same server.
 * @example tmuxSocketPath({ socketName: 'work' }, { TMUX_TMPDIR: '/run/t' }) // '/run/t/tmux-1000/work'
 */
export function tmuxSocketPath(
  server: TmuxServerRef,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (server.socketPath) return server.socketPath;
  const dir = env.TMUX_TMPDIR || '/tmp';
  const uid = process.getuid?.() ?? 0;
  return join(dir, `tmux-${uid}`, server.socketName || 'default');
}

/**
 * The socket path in a `$TMUX` value (`socket,pid,index`; the path may itself contain commas), or
 * null when it holds none.
 * @example socketPathFromTmuxEnv('/tmp/tmux-0/default,123,4') // '/tmp/tmux-0/default'
 */
export function socketPathFromTmuxEnv(value: string | undefined): string | null {
  if (!value) return null;
  const parts = value.split(',');
  const socketPath = parts.length >= 3 ? parts.slice(0, -2).join(',') : '';
  return socketPath.startsWith('/') ? socketPath : null;
}
