// pots's process boundary: parse argv with commander, call the api, render, exit.
import { Command } from 'commander';
import {
  registrarsFor,
  renderOverview,
  runBoundary,
  unknownCommand,
  versionReport,
} from '@plumpots/core';
import { createUi } from '@plumpots/core/ui';
import { builtinCommands } from './cli/register.js';
import { setSignal, withGlobals, type GlobalOptions } from './cli/shared.js';
import { requestedExitCode } from './cli/agent-io.js';
import { version } from './version.js';

/** The commands a bare `pots` shows, most used first. */
const OVERVIEW = ['open', 'list', 'attach', 'spawn', 'logs', 'send', 'kill', 'cleanup'] as const;

/** Global options that take a value: the command word is the first word after them. */
const VALUE_OPTIONS = ['-L', '--socket-name', '-S', '--socket-path', '-C', '--mode'];

/**
 * Builds pots's commander program (exported for argv→options tests): with `args` (argv after the
 * script), only the command they name is imported and registered; without, every command.
 */
export async function createProgram(args: readonly string[] = []): Promise<Command> {
  const program = withGlobals(
    new Command('pots')
      .description('pots — tmux sessions for git worktrees')
      .usage('[options] [command]')
      // The root takes a word so that a bare `pots` can show the overview, and rejects any word
      // that is not a command itself, with the nearest command suggested.
      .argument('[command]')
      .allowExcessArguments()
      .option('-V, --version', 'print the version (with --verbose: also core, git, tmux, node)')
      .helpOption('-h, --help', 'show help')
      .helpCommand(true)
      .exitOverride()
      .showSuggestionAfterError(true),
  );
  for (const register of await registrarsFor(args, builtinCommands, VALUE_OPTIONS)) {
    register(program);
  }
  program.action(async (word: string | undefined, _opts: unknown, command: Command) => {
    // Not commandEnv: --verbose here asks for more versions, not for the tmux commands behind them.
    const options = command.opts<GlobalOptions & { version?: boolean }>();
    const ui = createUi({ color: options.color });
    if (options.version) {
      ui.print(options.verbose ? await versionReport({ tool: ['pots', version] }) : version);
      return;
    }
    if (word !== undefined) unknownCommand(program, word);
    ui.printRaw(
      renderOverview(program, {
        commands: OVERVIEW,
        footer: [
          'Left out on a terminal, the name of attach and open is picked from a list (fzf when installed).',
          'Completion (zsh and fish: pots completion --help):',
          '  eval "$(pots completion bash)"   in ~/.bashrc',
          '',
          'Every command: pots --help · one command: pots <command> --help',
        ],
      }),
    );
  });
  return program;
}

/** Runs pots with `argv` (process.argv form) and exits. */
export async function run(argv: readonly string[]): Promise<never> {
  return runBoundary(async (signal) => {
    setSignal(signal);
    await (await createProgram(argv.slice(2))).parseAsync(argv);
    return requestedExitCode();
  });
}
