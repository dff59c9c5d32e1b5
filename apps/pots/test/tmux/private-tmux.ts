// A pots tmux gateway on a private test server, recording every argv it spawns so tests can count
// calls and prove that nothing reached another server or targeted a bare name.
import { TMUX_CONF, tmuxServer, type TmuxServer } from '@plumpots/test-fixtures';
import { expect } from 'vitest';
import {
  assertSafeArgv,
  createTmux,
  type CreateTmuxOptions,
  type Tmux,
} from '../../src/tmux/index.js';

export interface PrivateTmux {
  server: TmuxServer;
  tmux: Tmux;
  /** Every argv spawned through `tmux`, `tmux` first. */
  commands: string[][];
  /** Calls made while `fn` runs. */
  count(fn: () => Promise<unknown>): Promise<number>;
  /** Asserts every recorded call went to this server with safe targets, then kills the server. */
  done(): void;
}

/** `env` (default: the server's own) is the gateway's base environment, built once the server exists. */
export function privateTmux(
  options: { env?: (server: TmuxServer) => NodeJS.ProcessEnv } = {},
): PrivateTmux {
  const server = tmuxServer();
  const commands: string[][] = [];
  const tmuxOptions: CreateTmuxOptions = {
    env: options.env ? options.env(server) : server.env,
    onCommand: (argv) => commands.push(argv),
  };
  const tmux = createTmux({ socketName: server.socketName, configFile: TMUX_CONF }, tmuxOptions);
  return {
    server,
    tmux,
    commands,
    async count(fn) {
      const before = commands.length;
      await fn();
      return commands.length - before;
    },
    done() {
      try {
        for (const argv of commands) {
          expect(argv.slice(0, 4)).toEqual(['tmux', '-u', '-L', server.socketName]);
          assertSafeArgv(argv.slice(1));
        }
      } finally {
        server.kill();
      }
    },
  };
}
