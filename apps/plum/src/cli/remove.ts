// `plum remove` (alias `rm`): remove worktrees, refusing (exit 4, nothing changed) when work would
// be lost; --force for the rest, never for the main worktree.
import type { Command } from 'commander';
import { missingArgument, NotFoundError, setCompletion } from '@plumpots/core';
import { plural, type Ui } from '@plumpots/core/ui';
import type { PlumContext } from '../api/context.js';
import { listWorktrees } from '../api/list.js';
import { removalRefusal, removeWorktrees, type RemoveResult } from '../api/remove.js';
import { formatRisks } from '../api/safety.js';
import { pickWorktree } from './pick.js';
import { commandEnv, withGlobals } from './shared.js';
import { trustConfirm } from './confirm.js';
import { removeCurrentWorktree } from './remove-self.js';
import { inLinkedWorktree } from '../api/remove-self.js';

interface RemoveFlags {
  force?: boolean;
  deleteBranch?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  reapAll?: boolean;
  json?: boolean;
}

export function registerRemove(program: Command): void {
  const removeCommand = withGlobals(
    program
      .command('remove')
      .alias('rm')
      .argument('[names...]', 'worktrees to remove: names, branches or paths (left out: pick one)')
      .description('remove worktrees, refusing when work would be lost')
      .option(
        '-f, --force',
        'remove even if work would be lost, also a locked worktree (never the main one)',
      )
      .option(
        '--delete-branch',
        'also delete each branch, if merged into the base (squash merges count) or pushed to its upstream',
      )
      .option('-n, --dry-run', 'change nothing: show what would be removed and what would refuse')
      .option('-y, --yes', "don't ask for confirmation (never approves a repository's hooks)")
      .option(
        '--reap-all',
        'with the pots plugin: also stop processes pots did not start that work inside the worktree (--force implies it)',
      )
      .option('--json', 'print the results as JSON'),
  ).addHelpText(
    'after',
    `
Examples:
  plum remove feat/login                  refuses if anything in it would be lost
  plum rm fix-123 --delete-branch --yes   also delete the branch (merged or pushed only)
  plum remove old-spike --dry-run         what would be lost, without removing anything

Without a name, in the main worktree on a terminal: pick the worktree (fzf when installed).
Without a name inside a linked worktree: remove that one, from the main worktree. In tmux with
the pots plugin a pane there runs it (asks first unless --yes); otherwise the commands to run are
printed. Exit codes then: 0 handed to the pane, 2 nothing done (not in tmux, or declined), 3 main
worktree not found, 4 refused (nothing spawned), 5 tmux failed.
It asks first only when removing several worktrees, or when --force would discard work; a clean
single worktree is just removed.
Exit codes: 0 removed (or nothing at risk in a dry run), 1 git or a plugin failed, 2 no name and
no terminal to pick on, or none to confirm on (pass --yes), 3 no such worktree, 4 refused: work
would be lost (also in a dry run) or the main worktree, or (pots plugin) processes pots did not
start work inside it (--reap-all stops them), 130 interrupted.`,
  );
  setCompletion(removeCommand, { args: [{ dynamic: 'linked' }] });
  removeCommand.action(async (names: string[], _opts: unknown, command: Command) => {
    const env = commandEnv(command);
    const { ui } = env;
    const flags = command.opts<RemoveFlags>();
    const ctx = await env.context();
    // Inside a linked worktree, no name means this one: handed to a pane of the main worktree.
    if (names.length === 0 && inLinkedWorktree(ctx)) {
      return removeCurrentWorktree(ui, ctx, { ...env.options, ...flags });
    }
    if (names.length === 0) names = await pickTarget(ui, ctx, command);
    const results = await removeWorktrees(ctx, names, {
      force: flags.force === true,
      deleteBranch: flags.deleteBranch === true,
      dryRun: flags.dryRun === true,
      yes: flags.yes === true,
      reapAll: flags.reapAll === true,
      confirm: (plan) => confirmRemoval(ui, plan),
      confirmTrust: trustConfirm(ui),
    });
    if (ui.mode.json) ui.json(results);
    else if (flags.dryRun) printPlan(ui, results);
    else printRemoved(ui, results);
    // A dry run that would refuse exits 4 as the real run would: scripts check it first.
    const refusal = flags.dryRun ? removalRefusal(results) : null;
    if (refusal) throw refusal;
  });
}

/**
 * The worktree to remove when none was named. Inside a linked worktree: none (the action hands
 * that case to removeCurrentWorktree before asking). Elsewhere a picker of the
 * linked worktrees; without a terminal, exit 2 with the usage line.
 */
async function pickTarget(ui: Ui, ctx: PlumContext, command: Command): Promise<string[]> {
  const { currentWorktree, mainWorktree } = ctx.repo;
  if (currentWorktree !== null && currentWorktree !== mainWorktree) return [];
  if (!ui.isInteractive()) {
    throw missingArgument(
      command,
      'names',
      'no terminal to pick a worktree on',
      'plum list shows the names',
    );
  }
  const linked = (await listWorktrees(ctx)).filter((w) => !w.isMain);
  if (linked.length === 0) {
    throw new NotFoundError('ERR_PLUM_NO_WORKTREES', 'there is no linked worktree to remove', {
      hint: 'plum list',
    });
  }
  return [(await pickWorktree(ui, linked, 'Remove which worktree?')).path];
}

/**
 * One question for all targets, asked only when removing several at once or when --force would
 * discard something (a clean single removal just happens, as `git worktree remove` does); without
 * a terminal ui.confirm then exits 2 (pass --yes).
 */
async function confirmRemoval(ui: Ui, plan: readonly RemoveResult[]): Promise<boolean> {
  const loses = (result: RemoveResult) => result.risks.some((r) => r.kind !== 'unmerged-branch');
  if (plan.length === 1 && !loses(plan[0]!)) return true;
  const question = `Remove ${plan.length === 1 ? plan[0]!.name : plural(plan.length, 'worktree')}?`;
  if (!ui.isInteractive()) return ui.confirm(question);
  for (const result of plan) {
    ui.info(`${result.name}  ${result.path}`);
    for (const line of describe(result, 'will')) ui.info(`  ${line}`);
  }
  return ui.confirm(question, { default: false });
}

function printPlan(ui: Ui, results: readonly RemoveResult[]): void {
  // Refused ones are listed, with what they hold, by the error that follows.
  for (const result of results.filter((r) => !r.refused)) {
    ui.print(`would remove ${result.name} (${result.path})`);
    for (const line of describe(result, 'would')) ui.print(`  ${line}`);
  }
}

function printRemoved(ui: Ui, results: readonly RemoveResult[]): void {
  if (results.every((r) => !r.removed)) {
    ui.info('nothing was removed');
    return;
  }
  for (const result of results) {
    ui.success(`removed ${result.name} (${result.path})`);
    const [discarded, branch] = split(describe(result, 'did'));
    if (discarded.length > 0) ui.warn(discarded.join('\n'));
    if (branch.length > 0) ui.info(branch.join('\n'));
  }
}

/** Lines about discarded work (a warning) apart from the branch's lines. */
function split(lines: readonly string[]): [string[], string[]] {
  const at = lines.findIndex((line) => line.startsWith('branch '));
  return at === -1 ? [[...lines], []] : [lines.slice(0, at), lines.slice(at)];
}

/** What else happens to a worktree: work discarded with --force, a lock overridden, its branch. */
function describe(result: RemoveResult, tense: 'will' | 'would' | 'did'): string[] {
  const lines: string[] = [];
  const risks = result.risks.filter((r) => r.kind !== 'locked' && r.kind !== 'unmerged-branch');
  const lock = result.risks.find((r) => r.kind === 'locked');
  const verb = { will: 'will discard', would: 'would discard', did: 'discarded' }[tense];
  if (risks.length > 0) {
    lines.push(`${verb} (--force):`, ...formatRisks(risks).map((line) => `  ${line}`));
  }
  if (lock) {
    const how = { will: 'will be removed', would: 'would be removed', did: 'removed' }[tense];
    lines.push(`${lock.message}: ${how} anyway (--force; git worktree remove -f -f)`);
  }
  if (result.branch !== null && result.branchReason !== null) {
    const deletes = tense === 'did' ? result.branchDeleted : result.branchAction === 'delete';
    const unmerged = result.risks.find((r) => r.kind === 'unmerged-branch');
    if (deletes) {
      const state = { will: 'will be deleted', would: 'would be deleted', did: 'deleted' }[tense];
      lines.push(`branch ${result.branch} ${state} (${result.branchReason})`);
      if (unmerged) lines.push(...formatRisks([unmerged]).map((line) => `  ${line}`));
    } else {
      lines.push(`branch ${result.branch} ${result.branchReason}`);
    }
  }
  return lines;
}
