// `plum prune`: forget worktrees whose directory is gone; with --merged, also remove clean
// worktrees whose branch is merged into the base, and their branches.
import type { Command } from 'commander';
import { UsageError } from '@plumpots/core';
import { plural, type Ui } from '@plumpots/core/ui';
import { pruneWorktrees, type PruneResult } from '../api/prune.js';
import { formatRisks } from '../api/safety.js';
import { commandEnv, withGlobals } from './shared.js';
import { trustConfirm } from './confirm.js';

interface PruneFlags {
  merged?: boolean;
  base?: string;
  dryRun?: boolean;
  yes?: boolean;
  force?: boolean;
  json?: boolean;
}

export function registerPrune(program: Command): void {
  withGlobals(
    program
      .command('prune')
      .description('forget deleted worktrees; --merged: remove merged, clean ones')
      .option(
        '--merged',
        'also remove worktrees whose branch is merged into the base (squash merges count), and delete those branches',
      )
      .option(
        '--base <ref>',
        'the base for --merged (default: worktrees.base, the remote default branch, main)',
      )
      .option('-n, --dry-run', 'change nothing: show what would be pruned, removed and kept')
      .option('-y, --yes', "don't ask before removing merged worktrees")
      .option(
        '-f, --force',
        'with --merged: also remove merged worktrees with live processes inside, or whose branch has no commit of its own (never one with work at risk)',
      )
      .option('--json', 'print the result as JSON: { dryRun, base, pruned, removed, skipped }'),
  )
    .addHelpText(
      'after',
      `
Examples:
  plum prune                          drop entries of worktrees deleted with rm -rf
  plum prune --merged --dry-run       which merged worktrees would go
  plum prune --merged --base origin/main --yes

Never touched: the main worktree, the one you are in, locked ones, and any worktree whose removal
would lose work (listed as kept, with the reason). Without --force, --merged also keeps a worktree
with processes working inside it, and one whose branch has no commit of its own yet. Exit codes: 0 done (also when some were kept),
1 git or a plugin failed, 2 no terminal to confirm on (pass --yes), 3 base not found.`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const env = commandEnv(command);
      const { ui } = env;
      const flags = command.opts<PruneFlags>();
      if (flags.base !== undefined && !flags.merged) {
        throw new UsageError('--base applies to --merged only', {
          hint: 'plum prune --merged --base <ref>',
        });
      }
      if (flags.base !== undefined && (flags.base === '' || flags.base.startsWith('-'))) {
        throw new UsageError(`invalid base: ${flags.base}`, {
          hint: 'a base is a branch, tag or commit',
        });
      }
      const ctx = await env.context();
      const result = await pruneWorktrees(ctx, {
        merged: flags.merged === true,
        ...(flags.base === undefined ? {} : { base: flags.base }),
        dryRun: flags.dryRun === true,
        yes: flags.yes === true,
        force: flags.force === true,
        confirm: (plan) => confirmPrune(ui, plan),
        confirmTrust: trustConfirm(ui),
      });
      if (ui.mode.json) ui.json(result);
      else printResult(ui, result);
    });
}

async function confirmPrune(ui: Ui, plan: PruneResult): Promise<boolean> {
  const question = `Remove ${plural(plan.removed.length, 'merged worktree')} and ${plan.removed.length === 1 ? 'its branch' : 'their branches'}?`;
  if (!ui.isInteractive()) return ui.confirm(question);
  for (const r of plan.removed) ui.info(`${r.name}  ${r.path}  (${r.branchReason ?? ''})`);
  return ui.confirm(question, { default: false });
}

function printResult(ui: Ui, result: PruneResult): void {
  const dry = result.dryRun;
  const say = (text: string) => (dry ? ui.print(text) : ui.success(text));
  for (const r of result.pruned) {
    say(`${dry ? 'would prune' : 'pruned'} ${r.name} (${r.path}): its directory is gone`);
  }
  for (const r of result.removed) {
    const branch =
      r.branch === null ? '' : `, ${dry ? 'would delete' : 'deleted'} branch ${r.branch}`;
    say(
      `${dry ? 'would remove' : 'removed'} ${r.name} (${r.path})${branch} (${r.branchReason ?? ''})`,
    );
  }
  const unmerged = result.skipped.filter((s) => s.reason === 'not-merged');
  for (const s of result.skipped.filter((s) => s.reason !== 'not-merged')) {
    // A lock is already the message; list only what else is at stake.
    const risks = s.risks.filter((r) => !(s.reason === 'locked' && r.kind === 'locked'));
    const lines = formatRisks(risks).map((line) => `  ${line}`);
    ui.warn([`kept ${s.name} (${s.path}): ${s.message}`, ...lines].join('\n'));
  }
  if (unmerged.length > 0) {
    ui.info(
      `kept ${plural(unmerged.length, 'worktree')} not merged into ${result.base ?? 'the base'}`,
    );
  }
  if (result.pruned.length + result.removed.length === 0) {
    ui.info(dry ? 'nothing would be pruned or removed' : 'nothing was pruned or removed');
  }
}
