// The root command both CLIs share: global flags, help, the overview a bare `plum`/`pots` prints,
// "did you mean" for a word that is no command, `--version [--verbose]`, and only the commands
// argv needs (see lazy.ts).
import { Command } from 'commander';
import { renderOverview, unknownCommand, usageLine, versionReport } from './help.js';
import { registrarsFor, type LazyCommand } from './lazy.js';

export interface RootProgramOptions {
  name: string;
  description: string;
  version: string;
  /** Adds the tool's global flags (accepted after a command name too). */
  withGlobals: (command: Command) => Command;
  commands: readonly LazyCommand[];
  /** Global flags that take a value, so the command word can be found before parsing. */
  valueOptions: readonly string[];
  /** The commands a bare invocation shows, most used first. */
  overview: readonly string[];
  /** Lines under the overview. */
  footer: readonly string[];
}

/**
 * The commander program for `args` (argv after the script; none: every command registered).
 * @example const program = await createRootProgram(process.argv.slice(2), { name: 'plum', … })
 */
export async function createRootProgram(
  args: readonly string[],
  options: RootProgramOptions,
): Promise<Command> {
  const program = options.withGlobals(
    new Command(options.name)
      .description(options.description)
      .usage('[options] [command]')
      // The root takes a word so that a bare invocation can show the overview, and rejects any
      // word that is not a command itself, with the nearest command suggested.
      .argument('[command]')
      .allowExcessArguments()
      .option('-V, --version', 'print the version (with --verbose: also core, git, tmux, node)')
      .helpOption('-h, --help', 'show help')
      .helpCommand(true)
      .exitOverride()
      .showSuggestionAfterError(true),
  );
  for (const register of await registrarsFor(args, options.commands, options.valueOptions)) {
    register(program);
  }
  for (const command of program.commands) strictArguments(command);
  program.action(async (word: string | undefined, _opts: unknown, command: Command) => {
    // --verbose here asks for more versions, not for the git/tmux commands behind them.
    const flags = command.opts<{ version?: boolean; verbose?: boolean; color?: boolean }>();
    const { createUi } = await import('../ui/index.js');
    const ui = createUi({ color: flags.color });
    if (flags.version) {
      ui.print(
        flags.verbose
          ? await versionReport({ tool: [options.name, options.version] })
          : options.version,
      );
      return;
    }
    if (word !== undefined) unknownCommand(program, word);
    ui.printRaw(renderOverview(program, { commands: options.overview, footer: options.footer }));
  });
  return program;
}

/**
 * A command given a word it does not take fails (exit 2) instead of ignoring it, and every usage
 * error of a command ends with its usage line. (Commands inherit the root's allowExcessArguments,
 * which the root needs for its own `[command]` word.)
 */
function strictArguments(command: Command): void {
  command.allowExcessArguments(false).showHelpAfterError(`Usage: ${usageLine(command)}`);
  for (const child of command.commands) strictArguments(child);
}
