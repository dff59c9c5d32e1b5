// What every plum command shares: global flags (-C, --verbose, --no-color), the UI, the context.
import type { Command } from 'commander';
import { onSpawn, setCompletion } from '@plumpots/core';
import { createUi, formatCommand, type Ui } from '@plumpots/core/ui';
import { openRepo, type PlumContext } from '../api/context.js';

export interface GlobalOptions {
  C?: string;
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
  /** Opens the repository (lazily: commands that need none never spawn git). */
  context(flags?: Record<string, unknown>): Promise<PlumContext>;
}

/** Builds the UI and a lazy context from a command's own and global options. */
export function commandEnv(command: Command): CommandEnv {
  const options = command.optsWithGlobals<GlobalOptions>();
  const ui = createUi({ json: options.json, color: options.color, verbose: options.verbose });
  if (options.verbose) onSpawn((argv) => ui.verbose(`$ ${formatCommand(argv)}`));
  return {
    ui,
    options,
    context: (flags) =>
      openRepo({
        ...(options.C ? { cwd: options.C } : {}),
        ...(signal ? { signal } : {}),
        ...(flags ? { flags } : {}),
        log: (message) => ui.info(message),
        warn: (message) => ui.warn(message),
      }),
  };
}

/** Adds the global flags to a command so they are accepted after the subcommand name too. */
export function withGlobals(command: Command): Command {
  command
    .option('-C <dir>', 'run as if plum was started in <dir>')
    .option('--verbose', 'print every git command')
    .option('--no-color', 'no colours (also NO_COLOR=1)');
  return setCompletion(command, { options: { '-C': 'dirs' } });
}
