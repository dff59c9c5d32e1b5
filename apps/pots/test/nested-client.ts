// A user at a real tmux client, as attach-nested.test.ts drives one: an OUTER private server's pane
// is the user's terminal; in it a client attaches to the inner (pots's) server. Keys go in with
// send-keys; what the client shows is read with list-clients. No sleeps.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, retryUntil, tmuxServer, type TmuxServer } from '@plumpots/test-fixtures';
import type { PotsFixture } from './cli-helpers.js';

/** POSIX single quotes. */
export const q = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** A shell command line running a built bin (`plum` or `pots`) with `args`. */
export const binLine = (bin: 'plum' | 'pots', ...args: string[]): string =>
  [process.execPath, binPath(bin), ...args].map(q).join(' ');

export function typeLine(server: TmuxServer, pane: string, line: string): void {
  server.tmux(['send-keys', '-t', pane, '-l', line]);
  server.tmux(['send-keys', '-t', pane, 'Enter']);
}

export interface NestedClient {
  outer: TmuxServer;
  /** Attaches the user's terminal to `session` on pots's server (exact name), or moves it there. */
  attach(session: string): void;
  /** The session every client of pots's server shows. */
  clientSessions(): string[];
  /** The pane ids of a session of pots's server. */
  panesOf(session: string): string[];
  /** Types `line` in the first pane of `session` and waits for the `exit=N` it appends to `log`. */
  run(session: string, line: string, log: string): Promise<string>;
  kill(): void;
}

/** A user's terminal in an outer private server, able to attach to `f`'s server. */
export function nestedClient(f: PotsFixture): NestedClient {
  const outer = tmuxServer();
  outer.tmux(['new-session', '-d', '-s', 'terminal', '-x', '200', '-y', '50']);
  const outerPane = outer.tmux(['list-panes', '-t', '=terminal:', '-F', '#{pane_id}']).trim();
  const panesOf = (session: string) =>
    f.server
      .tmux(['list-panes', '-s', '-t', `=${session}:`, '-F', '#{pane_id}'])
      .split('\n')
      .filter(Boolean);
  return {
    outer,
    attach(session) {
      // Already attached: that client moves (typing in the outer pane would reach the inner one).
      const [client] = f.server
        .tryTmux(['list-clients', '-F', '#{client_name}'])
        .stdout.split('\n')
        .filter(Boolean);
      if (client) {
        f.server.tmux(['switch-client', '-c', client, '-t', `=${session}`]);
        return;
      }
      // The outer pane is a terminal inside the outer server: leave its TMUX behind and point pots
      // at the inner server, as a user on another terminal would.
      const env = Object.entries({ ...f.env, TERM: 'screen' })
        .map(([key, value]) => `${key}=${q(value)}`)
        .join(' ');
      typeLine(
        outer,
        outerPane,
        `cd ${q(f.repo.path)} && env -u TMUX -u TMUX_PANE ${env} ${binLine('pots', 'attach', session)}; echo "attach-exit=$?"`,
      );
    },
    clientSessions: () =>
      f.server
        .tryTmux(['list-clients', '-F', '#{client_session}'])
        .stdout.split('\n')
        .filter(Boolean),
    panesOf,
    async run(session, line, log) {
      typeLine(
        f.server,
        panesOf(session)[0]!,
        `${line} > ${q(log)} 2>&1; echo "exit=$?" >> ${q(log)}`,
      );
      await retryUntil(() => existsSync(log) && /exit=\d+/.test(readFileSync(log, 'utf8')), {
        message: `${line} in ${session} did not finish`,
      });
      return readFileSync(log, 'utf8');
    },
    kill: () => outer.kill(),
  };
}

/** `dir/name.log`. */
export const logFile = (dir: string, name: string): string => join(dir, `${name}.log`);
