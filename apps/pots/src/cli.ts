// pots's process boundary: parse argv with commander, call the api, render, exit.
import { Command } from 'commander';
import { runBoundary } from '@plumpots/core';
import { builtinCommands } from './cli/register.js';
import { setSignal, withGlobals } from './cli/shared.js';
import { requestedExitCode } from './cli/agent-io.js';
import { version } from './version.js';

/** Builds pots's commander program (exported for argv→options tests). */
export function createProgram(): Command {
  const program = withGlobals(
    new Command('pots')
      .description('pots — tmux sessions for git worktrees')
      .version(version, '-V, --version', 'print the version')
      .helpOption('-h, --help', 'show help')
      .exitOverride()
      .showSuggestionAfterError(true),
  );
  for (const register of builtinCommands) register(program);
  return program;
}

/** Runs pots with `argv` (process.argv form) and exits. */
export async function run(argv: readonly string[]): Promise<never> {
  return runBoundary(async (signal) => {
    setSignal(signal);
    await createProgram().parseAsync(argv);
    return requestedExitCode();
  });
}
