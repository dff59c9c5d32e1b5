// `pots send <target> <text> [--no-enter]`: type text into a pane, literally.
import type { Command } from 'commander';
import { setCompletion } from '@plumpots/core';
import { resolvePane, send } from '../api/agents.js';
import { commandEnv, withGlobals } from './shared.js';

interface SendFlags {
  enter: boolean;
}

export function registerSend(program: Command): void {
  const sendCommand = withGlobals(
    program
      .command('send')
      .description(
        'type text into a pane, exactly as given (multi-line text as one bracketed paste)',
      )
      .argument(
        '<target>',
        'a pane id (%12), or session, session:window, session:window.pane — exact names',
      )
      .argument('<text>', 'the text; a newline makes it a paste')
      .option('--no-enter', "don't press Enter after the text"),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots send %12 'run the tests and fix what fails'
  pots send app-feat-login-dev:claude "$(cat prompt.md)"     several lines: one paste, then Enter
  pots send app-feat-login-dev -- '-n is not a flag here'    text starting with - goes after --

Nothing in the text is read as tmux keys or commands: ;  #(…)  C-c  Enter  quotes and unicode
arrive as typed. A pane in copy-mode is taken out of it first. A pane pots spawned remembers
where its output stood, so \`pots wait <target> --text …\` sees the whole answer.
Exit codes: 0 sent · 2 ambiguous target · 3 no such pane.`,
    )
    .action(async (spec: string, text: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<SendFlags>();
      const pane = await resolvePane(pots, spec);
      const result = await send(pots, pane, text, { enter: flags.enter });
      ui.info(
        `sent to ${pane.id} (${pane.sessionName}:${pane.windowName}.${pane.index})${result.via === 'paste' ? ' as a paste' : ''}`,
      );
    });
  setCompletion(sendCommand, { args: [{ dynamic: 'targets' }] });
}
