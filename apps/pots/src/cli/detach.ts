// `pots detach`: detach the tmux client you are in.
import type { Command } from 'commander';
import { detachClient } from '../api/attach.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerDetach(program: Command): void {
  withGlobals(
    program
      .command('detach')
      .description('detach the tmux client you are in (the session keeps running)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots detach                         from a pane: back to the shell you attached from
  pots open feat && pots detach       (scripts: prepare a session, leave it running)

Exit codes: 0 detached, 2 not inside a tmux client of pots's server.`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const { pots } = commandEnv(command);
      await detachClient(pots);
    });
}
