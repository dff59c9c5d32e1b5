// `pots stop <pane> [--grace s]`: SIGINT, then SIGTERM, then SIGKILL to a pane's processes, saying
// which signal ended them.
import type { Command } from 'commander';
import { UsageError, setCompletion } from '@plumpots/core';
import { stop } from '../api/supervision.js';
import { commandEnv, withGlobals } from './shared.js';
import { requestExitCode } from './agent-io.js';

interface StopFlags {
  grace?: string;
  json?: boolean;
}

export function registerStop(program: Command): void {
  const stopCommand = withGlobals(
    program
      .command('stop')
      .description(
        "stop a pane's processes: SIGINT, then SIGTERM, then SIGKILL; says which ended them",
      )
      .argument('<target>', 'a pane id (%12), or session, session:window, session:window.pane')
      .option('--grace <seconds>', 'how long each signal gets (default pots.killGraceSeconds, 5)')
      .option('--json', 'print JSON: { pane, endedBy, sent, processes, survivors }'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots stop %12
  pots stop app-feat-dev:claude --grace 2

Every process of the pane's tree gets the signal (children started meanwhile included); the next
signal follows after --grace seconds while any is left. The pane stays: a spawned pane shows its
exit status in pots ps. To remove the pane too: pots kill %12.
Exit codes: 0 stopped (or had already exited) · 1 a process survived SIGKILL · 2 bad --grace ·
3 no such pane.`,
    )
    .action(async (spec: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<StopFlags>();
      const grace = flags.grace === undefined ? undefined : Number(flags.grace);
      if (grace !== undefined && !(grace >= 0)) {
        throw new UsageError(
          `--grace needs a number of seconds, not ${JSON.stringify(flags.grace)}`,
        );
      }
      const result = await stop(pots, spec, grace === undefined ? {} : { graceSeconds: grace });
      if (result.survivors.length > 0) requestExitCode(1);
      if (ui.mode.json) return ui.json(result);
      if (result.endedBy === null && result.sent.length === 0) {
        ui.info(`${result.pane}: nothing was running`);
      } else if (result.endedBy) {
        ui.success(
          `${result.pane} stopped by ${result.endedBy} (${result.processes.length} processes)`,
        );
      } else ui.warn(`${result.pane}: still running after SIGKILL: ${result.survivors.join(', ')}`);
    });
  setCompletion(stopCommand, { args: [{ dynamic: 'targets' }] });
}
