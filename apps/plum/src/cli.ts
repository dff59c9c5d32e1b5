// plum's process boundary: parse argv with commander, call the api, render, exit.
import type { Command } from 'commander';
import { createRootProgram, runBoundary } from '@plumpots/core/cli';
import { takeCdFile } from './cli/cd.js';
import { builtinCommands } from './cli/register.js';
import { setSignal, withGlobals } from './cli/shared.js';
import { version } from './version.js';

/** The commands a bare `plum` shows, most used first. */
const OVERVIEW = ['create', 'list', 'cd', 'path', 'remove', 'prune'] as const;

/**
 * Builds plum's commander program (exported for argv→options tests): with `args` (argv after the
 * script), only the command they name is imported and registered; without, every command.
 */
export function createProgram(args: readonly string[] = []): Promise<Command> {
  return createRootProgram(args, {
    name: 'plum',
    description: 'plum — git worktrees, one directory per branch, never losing your work',
    version,
    withGlobals,
    commands: builtinCommands,
    valueOptions: ['-C'],
    overview: OVERVIEW,
    footer: [
      'Set up once (bash; zsh and fish: plum shell-init --help, plum completion --help):',
      '  eval "$(plum shell-init bash)"; eval "$(plum completion bash)"   in ~/.bashrc',
      '',
      'Every command: plum --help · one command: plum <command> --help',
    ],
  });
}

/** Runs plum with `argv` (process.argv form) and exits. */
export async function run(argv: readonly string[]): Promise<never> {
  takeCdFile();
  return runBoundary(async (signal) => {
    setSignal(signal);
    await (await createProgram(argv.slice(2))).parseAsync(argv);
  });
}
