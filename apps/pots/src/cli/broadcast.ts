// `pots broadcast <text> [--project p] [--filter <glob>] [--no-enter]`: one prompt to every agent.
import type { Command } from 'commander';
import { NotFoundError, UsageError } from '@plumpots/core';
import { broadcastToAgents } from '../api/supervision.js';
import { commandEnv, withGlobals } from './shared.js';
import { requestExitCode } from './agent-io.js';

interface BroadcastFlags {
  project?: string;
  filter?: string;
  enter: boolean;
  confirm?: boolean;
  timeout?: string;
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
      .option(
        '--confirm',
        'wait until each agent took it (its state left idle/waiting); exit 1 if one did not',
      )
      .option('--timeout <seconds>', 'with --confirm: how long to wait for each (default 10)')
      .option(
        '--json',
        'print JSON: [{ target, pane, session, worktree, delivered, reason?, confirmed?, state? }]',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots broadcast 'commit your work and stop'
  pots broadcast --project shop --filter 'shop-feat-*' "$(cat review-prompt.md)"

Without --filter it goes to the agent panes (those with an agent state: see pots ps); the
panes a session-wide broadcast would have reached that run no agent are listed as skipped.
With --filter every matching session (window, in window mode) gets it once per \`pots spawn\`
pane in it, else in its active pane. Dead panes and panes with input off are skipped and
reported. --confirm waits until each agent's state leaves idle/waiting.
Exit codes: 0 delivered (and with --confirm taken) everywhere it was meant to go · 1 an agent
pane was skipped, failed or did not take it (see the report) · 3 no managed session matches.`,
    )
    .action(async (text: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<BroadcastFlags>();
      const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
      if (timeout !== undefined && !(timeout > 0)) {
        throw new UsageError(`--timeout needs a positive number of seconds, not ${flags.timeout}`);
      }
      const results = await broadcastToAgents(pots, text, {
        enter: flags.enter,
        ...(flags.project === undefined ? {} : { project: flags.project }),
        ...(flags.filter === undefined ? {} : { filter: flags.filter }),
        ...(flags.confirm ? { confirm: true } : {}),
        ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
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
      const failed = results.some(
        (r) => (!r.delivered && r.reason !== 'not an agent pane') || r.confirmed === false,
      );
      if (failed || results.every((r) => !r.delivered)) requestExitCode(1);
      if (ui.mode.json) return ui.json(results);
      ui.printTable(
        results.map((r) => ({
          ...r,
          result: !r.delivered
            ? `skipped: ${r.reason ?? ''}`
            : r.confirmed === undefined
              ? 'sent'
              : r.confirmed
                ? `sent, taken (${r.state ?? '?'})`
                : `sent, NOT taken (still ${r.state ?? '?'})`,
        })),
        [
          { key: 'target', header: 'TARGET' },
          { key: 'pane', header: 'PANE' },
          { key: 'result', header: 'RESULT' },
        ],
      );
    });
}
