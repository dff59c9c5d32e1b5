// plum's process boundary: parse argv with commander, call the api, render, exit.
import { Command } from 'commander';
import {
  registrarsFor,
  renderOverview,
  runBoundary,
  unknownCommand,
  versionReport,
} from '@plumpots/core';
import { createUi } from '@plumpots/core/ui';
import { takeCdFile } from './cli/cd.js';
import { builtinCommands } from './cli/register.js';
import { setSignal, withGlobals, type GlobalOptions } from './cli/shared.js';
import { version } from './version.js';

/** The commands a bare `plum` shows, most used first. */
const OVERVIEW = ['create', 'list', 'cd', 'path', 'remove', 'prune'] as const;

/**
 * Builds plum's commander program (exported for argv→options tests): with `args` (argv after the
 * script), only the command they name is imported and registered; without, every command.
 */
export async function createProgram(args: readonly string[] = []): Promise<Command> {
  const program = withGlobals(
    new Command('plum')
      .description('plum — git worktrees, one directory per branch, never losing your work')
      .usage('[options] [command]')
      // The root takes a word so that a bare `plum` can show the overview, and rejects any word
      // that is not a command itself, with the nearest command suggested.
      .argument('[command]')
      .allowExcessArguments()
      .option('-V, --version', 'print the version (with --verbose: also core, git, tmux, node)')
      .helpOption('-h, --help', 'show help')
      .helpCommand(true)
      .exitOverride()
      .showSuggestionAfterError(true),
  );
  for (const register of await registrarsFor(args, builtinCommands, ['-C'])) register(program);
  program.action(async (word: string | undefined, _opts: unknown, command: Command) => {
    // Not commandEnv: --verbose here asks for more versions, not for the git commands behind them.
    const options = command.opts<GlobalOptions & { version?: boolean }>();
    const ui = createUi({ color: options.color });
    if (options.version) {
      ui.print(options.verbose ? await versionReport({ tool: ['plum', version] }) : version);
      return;
    }
    if (word !== undefined) unknownCommand(program, word);
    ui.printRaw(
      renderOverview(program, {
        commands: OVERVIEW,
        footer: [
          'Set up once (bash; zsh and fish: plum shell-init --help, plum completion --help):',
          '  eval "$(plum shell-init bash)"; eval "$(plum completion bash)"   in ~/.bashrc',
          '',
          'Every command: plum --help · one command: plum <command> --help',
        ],
      }),
    );
  });
  return program;
}

/** Runs plum with `argv` (process.argv form) and exits. */
export async function run(argv: readonly string[]): Promise<never> {
  takeCdFile();
  return runBoundary(async (signal) => {
    setSignal(signal);
    await (await createProgram(argv.slice(2))).parseAsync(argv);
  });
}
