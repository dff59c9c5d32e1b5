// What every pots command shares: global flags (-L/-S, -C, --mode, --verbose, --no-color), the UI,
// and the pots context built from them.
import { Option, type Command } from 'commander';
import {
  commandUi,
  globalFlags,
  globalOptions,
  runSignal,
  type CommonGlobalOptions,
} from '@plumpots/core/cli';
import { formatCommand, type Ui } from '@plumpots/core/ui';
import { openPots, type PotsContext, type UnitMode } from '../api/context.js';
import { checkSocketPath } from '../api/socket-path.js';

export { setSignal } from '@plumpots/core/cli';

export interface GlobalOptions extends CommonGlobalOptions {
  socketName?: string;
  socketPath?: string;
  mode?: UnitMode;
}

export interface CommandEnv {
  ui: Ui;
  options: GlobalOptions;
  pots: PotsContext;
}

/** Builds the UI and the pots context from a command's own and global options. */
export function commandEnv(command: Command): CommandEnv {
  const options = globalOptions<GlobalOptions>(command);
  // tmux calls come through the gateway's hook (attach too); git calls through core's spawn hook.
  const ui = commandUi(options, { echo: (argv) => argv[0] !== 'tmux' });
  const signal = runSignal();
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
    .addOption(globalFlags.directory('pots'))
    .addOption(
      new Option(
        '--mode <mode>',
        'a session per worktree+task, or a window each in one session',
      ).choices(['session', 'window']),
    )
    .addOption(globalFlags.verbose('print every tmux and git command'))
    .addOption(globalFlags.noColor());
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
