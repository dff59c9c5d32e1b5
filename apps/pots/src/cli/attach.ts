// `pots attach [name]`: go to a session by (part of) its name — switch-client inside tmux.
import type { Command } from 'commander';
import { NotFoundError } from '@plumpots/core';
import { attach, planAttach } from '../api/attach.js';
import { planUnitTarget } from '../api/create.js';
import { findUnitByTags, listUnits, matchUnit, type Unit } from '../api/units.js';
import type { PotsContext } from '../api/context.js';
import { commandEnv, stdinIsTerminal, withGlobals } from './shared.js';

export function registerAttach(program: Command): void {
  withGlobals(
    program
      .command('attach')
      .alias('a')
      .description('attach to a session (switch to it inside tmux) by its name or part of it')
      .argument(
        '[name]',
        'exact name, else a unique prefix, else a unique part (default: the session of the worktree you are in)',
      )
      .option('--json', 'print { unit, action, command } as JSON (then attach as usual)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots attach app-feat-login-dev      exactly this one
  pots attach feat-log                the only session whose name starts with (or contains) it
  pots attach                         the "dev" session of the worktree you are in

Exit codes: 0 attached (or the command printed when there is no terminal), 2 the name matches
several sessions (they are listed), 3 no session matches.`,
    )
    .action(async (name: string | undefined, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const unit = name === undefined ? await currentUnit(pots) : await named(pots, name);
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

async function currentUnit(pots: PotsContext): Promise<Unit> {
  const plan = await planUnitTarget(pots);
  const unit = findUnitByTags(
    await listUnits(pots, { checkWorktrees: false }),
    plan.worktree.path,
    plan.task,
  );
  if (unit) return unit;
  throw new NotFoundError(
    'ERR_POTS_NOT_FOUND',
    `${plan.worktree.name} has no ${plan.settings.mode} for task "${plan.task}"`,
    { hint: 'pots open creates it' },
  );
}
