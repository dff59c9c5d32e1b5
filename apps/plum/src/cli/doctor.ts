// `plum doctor`: check git, the repository, config, trust, plugins and the state dir.
import type { Command } from 'commander';
import { DependencyError } from '@plumpots/core';
import { failedChecks, printChecks } from '@plumpots/core/ui';
import { runDoctor } from '../api/doctor.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerDoctor(program: Command): void {
  withGlobals(
    program
      .command('doctor')
      .description(
        'check git, config, trust, plugins and shell set-up; say how to fix each problem',
      )
      .option('--json', 'print JSON: { ok, checks: [{ id, status, message, fix? }] }'),
  )
    .addHelpText(
      'after',
      `
Examples:
  plum doctor                          what is wrong, and how to fix it
  plum doctor --json | jq '.checks[] | select(.status != "ok")'
  plum doctor -C ../shop               check another repository

Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 5 git missing or too old.`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const { ui, options } = commandEnv(command);
      const report = await runDoctor(options.C ? { cwd: options.C } : {});
      if (ui.mode.json) ui.json(report);
      else await printChecks(ui, report.checks);
      const failed = report.checks.filter((check) => check.status === 'fail');
      if (failed.length === 0) return;
      const git = failed.find((check) => check.id === 'git');
      if (git) throw new DependencyError('ERR_GIT_MISSING', git.message, { hint: git.fix });
      throw failedChecks('ERR_PLUM_DOCTOR', failed);
    });
}
