// What every plum command shares: global flags (-C, --verbose, --no-color), the UI, the context.
import type { Command } from 'commander';
import {
  commandUi,
  globalFlags,
  globalOptions,
  runSignal,
  setCompletion,
  type CommonGlobalOptions,
} from '@plumpots/core/cli';
import type { Ui } from '@plumpots/core/ui';
import { openRepo, type PlumContext } from '../api/context.js';

export { setSignal } from '@plumpots/core/cli';

export type GlobalOptions = CommonGlobalOptions;

export interface CommandEnv {
  ui: Ui;
  options: GlobalOptions;
  /** Opens the repository (lazily: commands that need none never spawn git). */
  context(flags?: Record<string, unknown>): Promise<PlumContext>;
}

/** Builds the UI and a lazy context from a command's own and global options. */
export function commandEnv(command: Command): CommandEnv {
  const options = globalOptions<GlobalOptions>(command);
  const ui = commandUi(options);
  const signal = runSignal();
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
    .addOption(globalFlags.directory('plum'))
    .addOption(globalFlags.verbose('print every git command'))
    .addOption(globalFlags.noColor());
  return setCompletion(command, { options: { '-C': 'dirs' } });
}
