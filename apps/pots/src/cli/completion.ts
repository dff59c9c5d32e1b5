// `pots completion [shell]`: the completion script, generated from the commands themselves; and the
// hidden `pots __complete <kind>` it calls for sessions, pane targets, templates and worktrees.
import type { Command } from 'commander';
import { Argument } from 'commander';
import { UsageError } from '@plumpots/core';
import {
  completionScript,
  completionSpec,
  detectShell,
  SHELLS,
  type Shell,
} from '@plumpots/core/cli';
import { COMPLETION_KINDS, completionValues, type CompletionKind } from '../api/complete.js';
import { commandEnv, withGlobals } from './shared.js';

/** The global options whose values `__complete` needs: which server, which directory. */
const FORWARD = ['-L', '--socket-name', '-S', '--socket-path', '-C'];

export function registerCompletion(program: Command): void {
  withGlobals(
    program
      .command('completion')
      .addArgument(
        new Argument('[shell]', 'bash, zsh or fish (default: from $SHELL)').choices(SHELLS),
      )
      .description(
        'print the shell completion script (commands, options, sessions, panes, templates)',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  eval "$(pots completion bash)"     in ~/.bashrc
  eval "$(pots completion zsh)"      in ~/.zshrc, after compinit
  pots completion fish > ~/.config/fish/completions/pots.fish

Sessions, pane targets (%12, session:window.pane) and worktrees are read when you press TAB (one
tmux or git call, on the -L/-S server and in the -C directory when given); the rest is fixed when
the script is made, so load it again after upgrading pots.`,
    )
    .action((shell: string | undefined, _opts: unknown, command: Command) => {
      const { ui } = commandEnv(command);
      const root = command.parent ?? program;
      ui.printRaw(completionScript(shellOf(shell), completionSpec(root, { forward: FORWARD })));
    });

  // Called by the completion scripts on every TAB: silent on any failure (a message would land
  // in the middle of the user's command line).
  withGlobals(
    program
      .command('__complete', { hidden: true })
      .addArgument(new Argument('<kind>').choices(COMPLETION_KINDS)),
  ).action(async (kind: CompletionKind, _opts: unknown, command: Command) => {
    const { ui, pots } = commandEnv(command);
    try {
      const values = await completionValues(pots, kind);
      ui.printRaw(values.map((v) => `${v.value}\t${v.description}\n`).join(''));
    } catch {
      // no tmux, no server, not in a repository…: nothing to offer
    }
  });
}

function shellOf(value: string | undefined): Shell {
  const shell = value ?? detectShell(process.env);
  if (shell === null) {
    throw new UsageError(
      `which shell? $SHELL (${process.env.SHELL ?? 'unset'}) is not one pots knows`,
      { hint: `pots completion ${SHELLS.join('|')}` },
    );
  }
  return shell as Shell;
}
