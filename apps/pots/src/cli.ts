// pots's process boundary: parse argv with commander, call the api, render, exit.
import type { Command } from 'commander';
import { createRootProgram, runBoundary } from '@plumpots/core/cli';
import { builtinCommands } from './cli/register.js';
import { setSignal, withGlobals } from './cli/shared.js';
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
export function createProgram(args: readonly string[] = []): Promise<Command> {
  return createRootProgram(args, {
    name: 'pots',
    description: 'pots — tmux sessions for git worktrees',
    version,
    withGlobals,
    commands: builtinCommands,
    valueOptions: VALUE_OPTIONS,
    overview: OVERVIEW,
    footer: [
      'Left out on a terminal, the name of attach and open is picked from a list (fzf when installed).',
      'Completion (zsh and fish: pots completion --help):',
      '  eval "$(pots completion bash)"   in ~/.bashrc',
      '',
      'Every command: pots --help · one command: pots <command> --help',
    ],
  });
}

/** Runs pots with `argv` (process.argv form) and exits. */
export async function run(argv: readonly string[]): Promise<never> {
  return runBoundary(async (signal) => {
    setSignal(signal);
    await (await createProgram(argv.slice(2))).parseAsync(argv);
    return requestedExitCode();
  });
}
