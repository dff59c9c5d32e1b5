// A private tmux server per test file: its own socket name inside its own TMUX_TMPDIR, a fixture
// tmux.conf, HOME in a temp dir, TMUX/TMUX_PANE removed. Never the user's default server.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from './git-repo.js';
import { killAll, listProcesses, processesInside, processTree } from './processes.js';
import { registerCleanup, tempDir } from './temp.js';

export const TMUX_CONF = fileURLToPath(new URL('../fixtures/tmux.conf', import.meta.url));

export interface TmuxServer {
  /** The `-L` socket name. */
  readonly socketName: string;
  /** Absolute path of the socket (inside this server's own TMUX_TMPDIR). */
  readonly socketPath: string;
  /** Global tmux flags that select this server: `['-L', name, '-f', conf]`. */
  readonly args: readonly string[];
  /** Environment for anything that talks to this server (tmux, pots): TMUX_TMPDIR, HOME, no TMUX. */
  readonly env: Record<string, string>;
  /** Runs tmux against this server; returns stdout. Throws on failure. */
  tmux(args: readonly string[]): string;
  /** Runs tmux against this server; never throws. */
  tryTmux(args: readonly string[]): { status: number; stdout: string; stderr: string };
  kill(): void;
}

let counter = 0;

/**
 * Starts nothing yet: the first `new-session` starts the server. `kill()` (call it in afterAll /
 * afterEach) kills the server, every process it started (even those that ignore SIGHUP) and removes
 * its socket. A server made inside a test is killed when that test finishes (its socket directory
 * goes then, and a tmux call naming it afterwards would fall back to /tmp/tmux-UID); a later
 * `kill()` does nothing.
 * @example const server = tmuxServer(); afterAll(() => server.kill());
 */
export function tmuxServer(options: { env?: Record<string, string> } = {}): TmuxServer {
  const tmp = tempDir('pt-', false);
  const tmuxTmp = join(tmp.path, 's');
  mkdirSync(tmuxTmp, { recursive: true, mode: 0o700 });
  // fish in a pane keeps its universal-variable notifier in $XDG_RUNTIME_DIR, else /tmp/fish.$USER.
  const runtime = join(tmp.path, 'r');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  const home = join(tmp.path, 'home');
  mkdirSync(home, { recursive: true });
  const socketName = `pp${process.pid}x${++counter}`;
  const uid = process.getuid?.() ?? 0;
  const socketPath = join(tmuxTmp, `tmux-${uid}`, socketName);
  const env: Record<string, string> = {
    ...cleanEnv(),
    HOME: home,
    TMUX_TMPDIR: tmuxTmp,
    XDG_RUNTIME_DIR: runtime,
    SHELL: '/bin/sh',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    ...options.env,
  };
  const args = ['-L', socketName, '-f', TMUX_CONF] as const;
  const tryTmux = (more: readonly string[]) => {
    try {
      const stdout = execFileSync('tmux', [...args, ...more], {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: 0, stdout, stderr: '' };
    } catch (error) {
      const e = error as { status?: number; stdout?: string; stderr?: string };
      return { status: e.status ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    // kill-server only hangs up on the panes: what ignores SIGHUP would outlive the test. Its
    // process tree is read first (after kill-server they belong to init), then killed outright,
    // with anything still working in this server's temp dir.
    const server = Number(tryTmux(['display-message', '-p', '#{pid}']).stdout.trim());
    const table = listProcesses();
    const leftovers = [
      ...(server > 0 ? processTree([server], table) : []),
      ...processesInside(tmp.path, table),
    ].map((p) => p.pid);
    tryTmux(['kill-server']);
    killAll(leftovers);
    if (existsSync(socketPath)) execFileSync('rm', ['-f', '--', socketPath]);
    tmp.cleanup();
  };
  registerCleanup(kill);
  return {
    socketName,
    socketPath,
    args,
    env,
    tryTmux,
    tmux(more) {
      const result = tryTmux(more);
      if (result.status !== 0) {
        throw new Error(
          `tmux ${more.join(' ')} failed (${result.status}): ${result.stderr.trim()}`,
        );
      }
      return result.stdout;
    },
    kill,
  };
}
