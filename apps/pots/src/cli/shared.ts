// What every pots command shares: global flags (-L/-S, -C, --mode, --verbose, --no-color), the UI,
// and the pots context built from them.
import { Option, type Command } from 'commander';
import { onSpawn } from '@plumpots/core';
import { createUi, formatCommand, type Ui } from '@plumpots/core/ui';
import { openPots, type PotsContext, type UnitMode } from '../api/context.js';
import { checkSocketPath } from '../api/socket-path.js';

export interface GlobalOptions {
  socketName?: string;
  socketPath?: string;
  C?: string;
  mode?: UnitMode;
  verbose?: boolean;
  color?: boolean;
  json?: boolean;
}

let signal: AbortSignal | undefined;

/** Set once by run(): aborted on the first Ctrl-C. */
export function setSignal(value: AbortSignal): void {
  signal = value;
}

export interface CommandEnv {
  ui: Ui;
  options: GlobalOptions;
  pots: PotsContext;
}

/** Builds the UI and the pots context from a command's own and global options. */
export function commandEnv(command: Command): CommandEnv {
  const options = globalOptions(command);
  const ui = createUi({ json: options.json, color: options.color, verbose: options.verbose });
  if (options.verbose) {
    // tmux calls come through the gateway's hook (attach too); git calls through core's spawn hook.
    onSpawn((argv) => {
      if (argv[0] !== 'tmux') ui.verbose(`$ ${formatCommand(argv)}`);
    });
  }
  // Before tmux runs: asked to start a server, it would put its socket in place of a file.
  const socketPath =
    options.socketPath === undefined ? undefined : checkSocketPath(options.socketPath);
  const server =
    socketPath !== undefined
      ? { socketPath }
      : options.socketName !== undefined
        ? { socketName: options.socketName }
        : undefined;
  const pots = openPots({
    ...(options.C ? { cwd: options.C } : {}),
    ...(server ? { server } : {}),
    ...(options.mode ? { mode: options.mode } : {}),
    ...(signal ? { signal } : {}),
    ...(options.verbose
      ? { onCommand: (argv: string[]) => ui.verbose(`$ ${formatCommand(argv)}`) }
      : {}),
    log: (message) => ui.info(message),
  });
  return { ui, options, pots };
}

/** Adds the global flags to a command, so they are accepted after the subcommand name too. */
export function withGlobals(command: Command): Command {
  return command
    .option(
      '-L, --socket-name <name>',
      "tmux server socket name, as tmux's -L (env POTS_TMUX_SOCKET_NAME)",
    )
    .option('-S, --socket-path <path>', "tmux server socket path, as tmux's -S")
    .option('-C <dir>', 'run as if pots was started in <dir>')
    .addOption(
      new Option(
        '--mode <mode>',
        'a session per worktree+task, or a window each in one session',
      ).choices(['session', 'window']),
    )
    .option('--verbose', 'print every tmux and git command')
    .option('--no-color', 'no colours (also NO_COLOR=1)');
}

/** The tmux server flags pots was given, for messages (`-L work`). */
export function serverFlags(options: GlobalOptions): string {
  if (options.socketPath) return ` -S ${options.socketPath}`;
  if (options.socketName) return ` -L ${options.socketName}`;
  return '';
}

/** True when questions and `attach-session` can use the terminal. */
export function stdinIsTerminal(): boolean {
  return process.stdin.isTTY === true;
}

// Options from the command and its ancestors: a value given on the command line (at any level)
// wins over a default (commander's optsWithGlobals lets a parent's default, e.g. color: true from
// --no-color, override the subcommand's explicit value).
function globalOptions(command: Command): GlobalOptions {
  const chain: Command[] = [];
  for (let c: Command | null = command; c; c = c.parent) chain.unshift(c);
  const out: GlobalOptions & Record<string, unknown> = {};
  const explicit = new Set<string>();
  for (const c of chain) {
    for (const [key, value] of Object.entries(c.opts())) {
      const source = c.getOptionValueSource(key);
      const given = source !== undefined && source !== 'default';
      if (given || !explicit.has(key)) out[key] = value;
      if (given) explicit.add(key);
    }
  }
  return out;
}
