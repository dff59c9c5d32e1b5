// `plum remove` with no name inside a linked worktree: check, ask, hand the removal to a pane at the
// main worktree (the pots plugin), or print what to run by hand — exit 0 handed over, 2 nothing
// done (not in tmux, no plugin, declined), 3 main worktree not found, 4 refused, 5 tmux failed.
import { DependencyError, UsageError, type PlumError } from '@plumpots/core';
import { formatCommand, type Ui } from '@plumpots/core/ui';
import type { PlumContext } from '../api/context.js';
import { removalRefusal } from '../api/remove.js';
import { removeSelf, type RemoveSelfReport } from '../api/remove-self.js';
import { formatRisks } from '../api/safety.js';
import { trustConfirm } from './confirm.js';

export interface RemoveSelfFlags {
  force?: boolean;
  deleteBranch?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  verbose?: boolean;
  color?: boolean;
}

/** The question asked before the removal is handed to a pane of the main worktree. */
export const REMOVE_SELF_QUESTION = 'Remove this worktree from the main repo?';

/** Runs the flow and prints its outcome; throws the error whose exit code the outcome calls for. */
export async function removeCurrentWorktree(
  ui: Ui,
  ctx: PlumContext,
  flags: RemoveSelfFlags,
): Promise<void> {
  const report = await removeSelf(ctx, {
    force: flags.force === true,
    deleteBranch: flags.deleteBranch === true,
    dryRun: flags.dryRun === true,
    yes: flags.yes === true,
    // Without a terminal nobody can answer: that is a no (exit 2, with the commands to run).
    confirm: () => ui.isInteractive() && ui.confirm(REMOVE_SELF_QUESTION, { default: true }),
    confirmTrust: trustConfirm(ui),
    extraArgs: [
      ...(flags.verbose ? ['--verbose'] : []),
      ...(flags.color === false ? ['--no-color'] : []),
    ],
  });
  if (ui.mode.json) ui.json(report);
  const error = outcomeError(report, flags.yes === true);
  if (report.outcome === 'dry-run') {
    if (!ui.mode.json && !report.plan.refused) {
      ui.print(`would remove ${report.name} (${report.path}) from ${report.main}`);
      const risks = report.plan.risks.filter((risk) => risk.kind !== 'unmerged-branch');
      if (risks.length > 0) {
        ui.print('  would discard (--force):');
        for (const line of formatRisks(risks)) ui.print(`    ${line}`);
      }
      if (report.plan.branchReason !== null) {
        ui.print(`  branch ${report.plan.branch ?? ''}: ${report.plan.branchReason}`);
      }
    }
    const refusal = removalRefusal([report.plan]);
    if (refusal) throw refusal;
    return;
  }
  if (report.outcome === 'spawned') {
    if (!ui.mode.json) {
      ui.success(
        `removing ${report.name} in tmux pane ${report.pane ?? '?'} at ${report.main}; once it is done your client moves to the main worktree's session`,
      );
    }
    return;
  }
  if (error) throw error;
}

/** The manual commands, and the exit code of each outcome that did nothing. */
function outcomeError(report: RemoveSelfReport, yes: boolean): PlumError | null {
  const manual = [
    `cd ${formatCommand([report.manual.cwd])} && ${formatCommand(report.manual.argv)}`,
  ];
  const from = `nothing was removed: ${report.name} is the worktree you are in`;
  switch (report.outcome) {
    case 'spawned':
    case 'dry-run':
      return null;
    case 'failed':
      return new DependencyError(
        'ERR_PLUM_REMOVE_SELF_FAILED',
        `nothing was removed: tmux could not start the removal${report.message ? ` (${report.message})` : ''}`,
        { details: ['run it from the main worktree:', ...manual] },
      );
    case 'declined':
      return new UsageError(
        `${from}, and the removal was not confirmed`,
        {
          details: ['run it from the main worktree:', ...manual],
          hint: yes ? undefined : 'pass --yes to hand it to a pane of the main worktree',
        },
        'ERR_PLUM_REMOVE_SELF_DECLINED',
      );
    case 'not-in-tmux':
    case 'no-plugin':
      return new UsageError(
        `${from}${report.message ? ` (${report.message})` : report.outcome === 'no-plugin' ? ' (no plugin can run the removal elsewhere)' : ''}`,
        {
          details: ['run it from the main worktree:', ...manual],
          hint:
            report.outcome === 'no-plugin'
              ? 'inside tmux, the pots plugin (plugins: ["@plumpots/pots/plum-plugin"]) runs it in a pane of the main worktree'
              : undefined,
        },
        'ERR_PLUM_REMOVE_SELF_MANUAL',
      );
  }
}
