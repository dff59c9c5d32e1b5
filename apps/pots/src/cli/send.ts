// `pots send <target> <text> [--no-enter]`: type text into a pane, literally.
import type { Command } from 'commander';
import { UsageError, setCompletion } from '@plumpots/core';
import { resolvePane, send } from '../api/agents.js';
import { confirmDelivery, sendKeysTo } from '../api/supervision.js';
import { commandEnv, withGlobals } from './shared.js';
import { requestExitCode } from './agent-io.js';

interface SendFlags {
  enter: boolean;
  key?: string[];
  confirm?: boolean;
  timeout?: string;
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
      .argument('[text]', 'the text; a newline makes it a paste')
      .option('--no-enter', "don't press Enter after the text")
      .option(
        '--key <key...>',
        'send named keys instead of text: C-c, Escape, Enter, Up, Tab, y … (in order)',
      )
      .option(
        '--confirm',
        'wait until the agent took it (its state left idle/waiting); exit 1 if it did not',
      )
      .option('--timeout <seconds>', 'with --confirm: how long to wait (default 10)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots send %12 'run the tests and fix what fails'
  pots send app-feat-login-dev:claude "$(cat prompt.md)"     several lines: one paste, then Enter
  pots send app-feat-login-dev -- '-n is not a flag here'    text starting with - goes after --
  pots send %12 --key Escape                                   interrupt an agent
  pots send %12 --key 1 Enter                                  answer a numbered menu
  pots send %12 'run the tests' --confirm                      exit 1 unless the agent took it

Nothing in the text is read as tmux keys or commands: ;  #(…)  C-c  Enter  quotes and unicode
arrive as typed. A pane in copy-mode is taken out of it first. A pane pots spawned remembers
where its output stood, so \`pots wait <target> --text …\` sees the whole answer.
--key sends tmux key names (Enter, Escape, Tab, BTab, Space, BSpace, Up, Down, Left, Right,
Home, End, PageUp, PageDown, F1…F12, with C-, M-, S- modifiers) or single characters, as keys.
Exit codes: 0 sent (and with --confirm taken) · 1 --confirm: not taken within the timeout ·
2 ambiguous target, no text or keys, not a key name · 3 no such pane.`,
    )
    .action(async (spec: string, text: string | undefined, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<SendFlags>();
      if ((text === undefined) === (flags.key === undefined)) {
        throw new UsageError('give the text, or --key <key...>, not both', {
          hint: "pots send %12 'fix the tests' · pots send %12 --key Escape",
        });
      }
      const timeout = flags.timeout === undefined ? 10 : Number(flags.timeout);
      if (!(timeout > 0))
        throw new UsageError(`--timeout needs a positive number, not ${flags.timeout}`);
      const pane = await resolvePane(pots, spec);
      const where = `${pane.id} (${pane.sessionName}:${pane.windowName}.${pane.index})`;
      const sentAt = new Date();
      if (flags.key !== undefined) {
        await sendKeysTo(pots, pane.id, flags.key);
        ui.info(`sent ${flags.key.join(' ')} to ${where}`);
      } else {
        const result = await send(pots, pane, text!, { enter: flags.enter });
        ui.info(`sent to ${where}${result.via === 'paste' ? ' as a paste' : ''}`);
      }
      if (flags.confirm) {
        const confirmation = await confirmDelivery(pots, pane.id, sentAt, {
          timeoutMs: timeout * 1000,
        });
        if (confirmation.confirmed) ui.info(`${pane.id} took it: ${confirmation.state}`);
        else {
          ui.warn(
            `${pane.id} did not take it within ${timeout} s: still ${confirmation.state ?? 'unknown'}`,
          );
          requestExitCode(1);
        }
      }
    });
  setCompletion(sendCommand, { args: [{ dynamic: 'targets' }] });
}
