// `pots doctor`: check tmux, the server, config, plum's API, the data dir and completions.
import type { Command } from 'commander';
import { DependencyError } from '@plumpots/core';
import { failedChecks, printChecks } from '@plumpots/core/ui';
import { potsDoctor } from '../api/doctor.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerDoctor(program: Command): void {
  withGlobals(
    program
      .command('doctor')
      .description(
        'check tmux (≥ 3.2), the tmux server, config, plum, the data dir and completions; say how to fix problems',
      )
      .option(
        '--json',
        'print JSON: { ok, tmux, features, checks: [{ id, status, message, fix? }] }',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots doctor                         what is wrong, and how to fix it
  pots doctor -L work                 check the server on socket "work"
  pots doctor --json | jq '.checks[] | select(.status != "ok")'

Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 5 tmux missing or too old.`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const report = await potsDoctor(pots);
      if (ui.mode.json) ui.json(report);
      else await printChecks(ui, report.checks);
      const failed = report.checks.filter((check) => check.status === 'fail');
      if (failed.length === 0) return;
      const tmux = failed.find((check) => check.id === 'tmux');
      if (tmux) {
        const code = report.tmux === null ? 'ERR_TMUX_MISSING' : 'ERR_TMUX_TOO_OLD';
        throw new DependencyError(code, tmux.message, { hint: tmux.fix });
      }
      throw failedChecks('ERR_POTS_DOCTOR', failed);
    });
}
