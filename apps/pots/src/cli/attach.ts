// `pots attach [name]`: go to a session by (part of) its name — switch-client inside tmux.
import type { Command } from 'commander';
import { isPlumError } from '@plumpots/core';
import { missingArgument, setCompletion } from '@plumpots/core/cli';
import { attach, planAttach } from '../api/attach.js';
import { planUnitTarget, type UnitTarget } from '../api/create.js';
import { findUnitByTags, listUnits, matchUnit, type Unit } from '../api/units.js';
import type { PotsContext } from '../api/context.js';
import { pickUnit } from './pick.js';
import { commandEnv, stdinIsTerminal, withGlobals } from './shared.js';

export function registerAttach(program: Command): void {
  const attachCommand = withGlobals(
    program
      .command('attach')
      .alias('a')
      .description('attach to a session (switch to it inside tmux) by its name or part of it')
      .argument(
        '[name]',
        'exact name, else a unique prefix, else a unique part (left out: pick one on a terminal, else the session of the worktree you are in)',
      )
      .option('--json', 'print { unit, action, command } as JSON (then attach as usual)'),
  ).addHelpText(
    'after',
    `
Examples:
  pots attach app-feat-login-dev      exactly this one
  pots attach feat-log                the only session whose name starts with (or contains) it
  pots attach                         pick one (fzf when installed); the worktree you are in first

Left out, the name is picked from pots's sessions (windows in window mode) with their worktree,
task and state; without a terminal it means the session of the worktree you are in (task
pots.defaultTask), and is a usage error when there is none.
Exit codes: 0 attached (or the command printed when there is no terminal), 2 the name matches
several sessions (they are listed), or no name and nothing to pick it from, 3 no session matches,
130 picker cancelled.`,
  );
  setCompletion(attachCommand, { args: [{ dynamic: 'sessions' }] });
  attachCommand.action(async (name: string | undefined, _opts: unknown, command: Command) => {
    const { ui, pots } = commandEnv(command);
    const unit =
      name !== undefined
        ? await named(pots, name)
        : ui.isInteractive()
          ? await pickUnit(ui, pots, 'Attach to which {unit}?')
          : await currentUnit(pots, command);
    const plan = await planAttach(pots, unit, { interactive: stdinIsTerminal() });
    if (ui.mode.json) ui.json({ unit, action: plan.action, command: plan.command });
    if (plan.action === 'print') {
      ui.info(`${plan.reason ?? 'not attaching'}; attach with:`);
      ui.print(plan.command);
      return;
    }
    await attach(pots, plan);
  });
}

async function named(pots: PotsContext, name: string): Promise<Unit> {
  return matchUnit(await listUnits(pots, { all: true, checkWorktrees: false }), name);
}

// No name and no terminal to pick on: the unit of the worktree holding the cwd, else a usage error.
async function currentUnit(pots: PotsContext, command: Command): Promise<Unit> {
  let plan: UnitTarget;
  try {
    plan = await planUnitTarget(pots);
  } catch (error) {
    if (isPlumError(error) && NOT_IN_WORKTREE.has(error.code)) {
      throw missingArgument(
        command,
        'name',
        `no terminal to pick a session on, and ${pots.cwd} is not in a worktree`,
        'name one (pots list shows them)',
      );
    }
    throw error;
  }
  const unit = findUnitByTags(
    await listUnits(pots, { checkWorktrees: false }),
    plan.worktree.path,
    plan.task,
  );
  if (unit) return unit;
  throw missingArgument(
    command,
    'name',
    `no terminal to pick a session on, and ${plan.worktree.name} has no ${plan.settings.mode} for task "${plan.task}"`,
    'pots open creates it; pots list shows the others',
  );
}

const NOT_IN_WORKTREE = new Set(['ERR_NOT_A_REPO', 'ERR_POTS_NO_WORKTREE']);
