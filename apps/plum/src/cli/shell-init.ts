// `plum shell-init [shell]`: the shell function that lets `plum cd` change the shell's directory.
import type { Command } from 'commander';
import { Argument } from 'commander';
import { UsageError } from '@plumpots/core';
import { detectShell, SHELLS, type Shell } from '@plumpots/core/cli';
import { shellInitScript } from '../api/shell-init.js';
import { commandEnv, withGlobals } from './shared.js';

/** The shell named on the command line, else $SHELL's; UsageError (exit 2) when neither is known. */
export function shellArgument(value: string | undefined, subcommand: string): Shell {
  const shell = value ?? detectShell(process.env);
  if (shell === null) {
    throw new UsageError(
      `which shell? $SHELL (${process.env.SHELL ?? 'unset'}) is not one plum knows`,
      {
        hint: `plum ${subcommand} ${SHELLS.join('|')}`,
      },
    );
  }
  return shell as Shell;
}

export function registerShellInit(program: Command): void {
  withGlobals(
    program
      .command('shell-init')
      .addArgument(
        new Argument('[shell]', 'bash, zsh or fish (default: from $SHELL)').choices(SHELLS),
      )
      .description('print the shell function that lets plum cd change your directory'),
  )
    .addHelpText(
      'after',
      `
Examples:
  eval "$(plum shell-init bash)"     in ~/.bashrc
  eval "$(plum shell-init zsh)"      in ~/.zshrc
  plum shell-init fish | source      in ~/.config/fish/config.fish

It defines a function named plum that runs the plum on PATH (or $PLUM_BIN) and, after plum cd
<name> or plum create --cd <branch>, changes to the worktree. It never evaluates plum's output.`,
    )
    .action((shell: string | undefined, _opts: unknown, command: Command) => {
      const { ui } = commandEnv(command);
      ui.printRaw(shellInitScript(shellArgument(shell, 'shell-init')));
    });
}
