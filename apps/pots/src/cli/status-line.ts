// `pots status-line [--json]`: a short segment for tmux's status-right — agents by state, the
// sessions that need the user named. One tmux call, no git, no screen reads.
import type { Command } from 'commander';
import { statusLine } from '../api/supervision.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerStatusLine(program: Command): void {
  withGlobals(
    program
      .command('status-line')
      .description(
        "print agents by state for tmux's status bar: 1 waiting (app-feat-dev) · 2 working",
      )
      .option('--json', 'print JSON: { counts, attention: [{ session, pane, state }], text }'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots status-line
  pots status-line --json | jq '.attention[].pane'

In ~/.tmux.conf:
    set -g status-right '#(pots status-line) %H:%M'

It reads the states agents' hooks reported (and silence): one \`tmux list-panes -a\`, no git, so
it is cheap at every status-interval. Prints nothing when no agent runs.`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const line = await statusLine(pots);
      if (ui.mode.json) return ui.json(line);
      ui.print(line.text);
    });
}
