// `pots broadcast <text> [--project p] [--filter <glob>] [--no-enter]`: one prompt to every agent.
import type { Command } from 'commander';
import { NotFoundError } from '@plumpots/core';
import { broadcast } from '../api/agents.js';
import { commandEnv, withGlobals } from './shared.js';
import { requestExitCode } from './agent-io.js';

interface BroadcastFlags {
  project?: string;
  filter?: string;
  enter: boolean;
}

export function registerBroadcast(program: Command): void {
  withGlobals(
    program
      .command('broadcast')
      .description("send text to every pots session's agent pane (or active pane), reporting each")
      .argument('<text>', 'the text, as for pots send')
      .option('--project <project>', 'only sessions of this project')
      .option(
        '--filter <glob>',
        'only sessions whose name matches (* ? [..]; in window mode also the window name)',
      )
      .option('--no-enter', "don't press Enter after the text")
      .option('--json', 'print JSON: [{ target, pane, session, worktree, delivered, reason? }]'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots broadcast 'commit your work and stop'
  pots broadcast --project shop --filter 'shop-feat-*' "$(cat review-prompt.md)"

Each managed session (window, in window mode) gets it once per \`pots spawn\` pane in it, else
in its active pane. Dead panes and panes with input off are skipped and reported.
Exit codes: 0 delivered everywhere · 1 some target was skipped or failed (see the report) ·
3 no managed session matches.`,
    )
    .action(async (text: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<BroadcastFlags>();
      const results = await broadcast(pots, text, {
        enter: flags.enter,
        ...(flags.project === undefined ? {} : { project: flags.project }),
        ...(flags.filter === undefined ? {} : { filter: flags.filter }),
      });
      if (results.length === 0) {
        throw new NotFoundError(
          'ERR_POTS_NO_TARGETS',
          'no managed session matches: nothing was sent',
          {
            hint: 'see pots list and pots ps; --filter matches whole session names',
          },
        );
      }
      if (results.some((r) => !r.delivered)) requestExitCode(1);
      if (ui.mode.json) return ui.json(results);
      ui.printTable(
        results.map((r) => ({ ...r, result: r.delivered ? 'sent' : `skipped: ${r.reason ?? ''}` })),
        [
          { key: 'target', header: 'TARGET' },
          { key: 'pane', header: 'PANE' },
          { key: 'result', header: 'RESULT' },
        ],
      );
    });
}
