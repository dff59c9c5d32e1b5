// `pots open [worktree] [task]`: the session for a worktree + task — created when missing — and
// you in it: switch-client inside tmux, attach outside, the command to run without a terminal.
import type { Command } from 'commander';
import { attach, planAttach } from '../api/attach.js';
import { openUnit, type CreateUnitOptions } from '../api/create.js';
import { commandEnv, stdinIsTerminal, withGlobals } from './shared.js';
import { templateConfirm } from './templates.js';

interface OpenFlags {
  project?: string;
  template?: string;
  cmd?: string;
  json?: boolean;
}

export function registerOpen(program: Command): void {
  withGlobals(
    program
      .command('open')
      .description('go to the session of a worktree and task, creating it first if needed')
      .argument('[worktree]', 'worktree name, branch or path (default: the one you are in)')
      .argument('[task]', 'what the session is for (default: pots.defaultTask, "dev")')
      .option('--project <name>', 'project part of the name, when it is created')
      .option('--template <name>', 'layout template (name or ./file.yaml), when it is created')
      .option('--cmd <command>', 'run this in the first window, when it is created')
      .option('--json', 'print { unit, created, action, command } as JSON (then attach as usual)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots open                           the session of the worktree you are in
  pots open feat/login                from anywhere in the repository
  pots open feat review               a second session for the same worktree

Inside tmux it switches your client (never a nested attach). Without a terminal, or inside another
tmux server, it prints the tmux command to attach instead and exits 0.`,
    )
    .action(
      async (
        worktree: string | undefined,
        task: string | undefined,
        _opts: unknown,
        command: Command,
      ) => {
        const { ui, pots } = commandEnv(command);
        const flags = command.opts<OpenFlags>();
        const confirm = templateConfirm(ui);
        const options: CreateUnitOptions = {
          ...(worktree !== undefined ? { worktree } : {}),
          ...(task !== undefined ? { task } : {}),
          ...(flags.project !== undefined ? { project: flags.project } : {}),
          ...(flags.template !== undefined ? { template: flags.template } : {}),
          ...(flags.cmd !== undefined ? { command: flags.cmd } : {}),
          ...(confirm ? { confirm } : {}),
        };
        const { unit, created } = await openUnit(pots, options);
        if (created) ui.success(`created ${unit.mode} ${unit.name} in ${unit.path}`);
        const plan = await planAttach(pots, unit, { interactive: stdinIsTerminal() });
        if (ui.mode.json) ui.json({ unit, created, action: plan.action, command: plan.command });
        if (plan.action === 'print') {
          ui.info(`${plan.reason ?? 'not attaching'}; attach with:`);
          ui.print(plan.command);
          return;
        }
        await attach(pots, plan);
      },
    );
}
