// plum's process boundary: parse argv with commander, call the api, render, exit.
import { Command } from 'commander';
import { runBoundary } from '@plumpots/core';
import { builtinCommands } from './cli/register.js';
import { setSignal, withGlobals } from './cli/shared.js';
import { version } from './version.js';

/** Builds plum's commander program (exported for argv→options tests). */
export function createProgram(): Command {
  const program = withGlobals(
    new Command('plum')
      .description('plum — git worktrees, one directory per branch, never losing your work')
      .version(version, '-V, --version', 'print the version')
      .helpOption('-h, --help', 'show help')
      .exitOverride()
      .showSuggestionAfterError(true),
  );
  for (const register of builtinCommands) register(program);
  return program;
}

/** Runs plum with `argv` (process.argv form) and exits. */
export async function run(argv: readonly string[]): Promise<never> {
  return runBoundary(async (signal) => {
    setSignal(signal);
    await createProgram().parseAsync(argv);
  });
}
