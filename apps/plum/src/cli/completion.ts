// `plum completion [shell]`: the completion script, generated from the commands themselves; and the
// hidden `plum __complete <kind>` it calls for worktree names and branches.
import type { Command } from 'commander';
import { Argument } from 'commander';
import { completionScript, completionSpec, SHELLS } from '@plumpots/core/cli';
import { COMPLETION_KINDS, completionValues, type CompletionKind } from '../api/complete.js';
import { commandEnv, withGlobals } from './shared.js';
import { shellArgument } from './shell-init.js';

export function registerCompletion(program: Command): void {
  withGlobals(
    program
      .command('completion')
      .addArgument(
        new Argument('[shell]', 'bash, zsh or fish (default: from $SHELL)').choices(SHELLS),
      )
      .description('print the shell completion script (commands, options, worktrees, branches)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  eval "$(plum completion bash)"     in ~/.bashrc
  eval "$(plum completion zsh)"      in ~/.zshrc, after compinit
  plum completion fish > ~/.config/fish/completions/plum.fish

Worktree names and branches are read when you press TAB (one git call, in the -C directory when
given); the rest is fixed when the script is made, so load it again after upgrading plum.`,
    )
    .action((shell: string | undefined, _opts: unknown, command: Command) => {
      const { ui } = commandEnv(command);
      const root = command.parent ?? program;
      ui.printRaw(
        completionScript(
          shellArgument(shell, 'completion'),
          completionSpec(root, { forward: ['-C'] }),
        ),
      );
    });

  // Called by the completion scripts on every TAB: silent on any failure (a message would land
  // in the middle of the user's command line).
  program
    .command('__complete', { hidden: true })
    .addArgument(new Argument('<kind>').choices(COMPLETION_KINDS))
    .option('-C <dir>', 'run as if plum was started in <dir>')
    .action(async (kind: CompletionKind, _opts: unknown, command: Command) => {
      const { ui, options } = commandEnv(command);
      try {
        const values = await completionValues(options.C ?? process.cwd(), kind);
        ui.printRaw(values.map((v) => `${v.value}\t${v.description}\n`).join(''));
      } catch {
        // not in a repository, git missing…: nothing to offer
      }
    });
}
