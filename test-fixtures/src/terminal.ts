// A real terminal for the picker and completion tests: a shell in a session of a private tmux server
// (the "host", never a server the tool under test manages), with exactly the environment given.
// Keys go in with send-keys, the screen comes back with capture-pane.
import { retryUntil } from './retry-until.js';
import { which } from './shells.js';
import type { TmuxServer } from './tmux-server.js';

export interface Terminal {
  screen(): string;
  /** Types `text` literally (no key names). */
  type(text: string): void;
  /** Presses keys by name: Enter, Escape, Tab, C-u… */
  press(...keys: string[]): void;
  /** Waits until the screen shows `text`; returns the screen. */
  waitFor(text: string | RegExp): Promise<string>;
  /**
   * Waits until the last line is the shell's `$` prompt: what ran before has exited. A picker (fzf,
   * a prompt library, a tmux client) reads the keys typed while it is still exiting, so wait for
   * this before typing to the shell again.
   */
  prompt(): Promise<string>;
  /** Types a command line, presses Enter and waits for `marker` on the screen. */
  run(line: string, marker: string | RegExp): Promise<string>;
}

let sessions = 0;

/**
 * `shell` (bash: no rc files, unless `argv` says otherwise) in a new 160×40 session of `host`, in
 * `cwd`, with exactly `env` (plus TERM and a `$ ` prompt).
 * @example const t = terminal(host, { cwd: repo.path, env: { ...f.env, PATH: binDir(['tmux', 'git']) } });
 */
export function terminal(
  host: TmuxServer,
  options: { cwd: string; env: Record<string, string>; argv?: readonly string[] },
): Terminal {
  const name = `t${++sessions}`;
  const vars = Object.entries({
    TERM: 'xterm-256color',
    PS1: '$ ',
    LANG: 'C.UTF-8',
    ...options.env,
  }).map(([key, value]) => `${key}=${value}`);
  host.tmux([
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    '160',
    '-y',
    '40',
    '-c',
    options.cwd,
    '/usr/bin/env',
    '-i',
    ...vars,
    ...(options.argv ?? [which('bash')!, '--noprofile', '--norc']),
  ]);
  const screen = () => host.tmux(['capture-pane', '-p', '-t', `=${name}:`]);
  // A miss throws, so that a timeout reports the last screen seen, not the first.
  const waitFor = (text: string | RegExp): Promise<string> =>
    retryUntil(() => {
      const shown = screen();
      if (typeof text === 'string' ? shown.includes(text) : text.test(shown)) return shown;
      throw new Error(`the screen never showed ${String(text)}:\n${shown}`);
    });
  return {
    screen,
    waitFor,
    prompt: () => waitFor(/(?:^|\n)\$\s*$/),
    type: (text) => void host.tmux(['send-keys', '-t', `=${name}:`, '-l', text]),
    press: (...keys) => void host.tmux(['send-keys', '-t', `=${name}:`, ...keys]),
    async run(line, marker) {
      host.tmux(['send-keys', '-t', `=${name}:`, '-l', line]);
      host.tmux(['send-keys', '-t', `=${name}:`, 'Enter']);
      return waitFor(marker);
    },
  };
}
