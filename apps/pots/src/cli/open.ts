// `pots open [worktree] [task]`: the session for a worktree + task — created when missing — and
// you in it: switch-client inside tmux, attach outside, the command to run without a terminal.
import type { Command } from 'commander';
import { isPlumError } from '@plumpots/core';
import { missingArgument, setCompletion } from '@plumpots/core/cli';
import { attach, planAttach } from '../api/attach.js';
import { openUnit, type CreateUnitOptions, type OpenResult } from '../api/create.js';
import { pickWorktreeToOpen } from './pick.js';
import { commandEnv, stdinIsTerminal, withGlobals } from './shared.js';
import { templateConfirm } from './templates.js';

interface OpenFlags {
  project?: string;
  template?: string;
  cmd?: string;
  json?: boolean;
}

export function registerOpen(program: Command): void {
  const openCommand = withGlobals(
    program
      .command('open')
      .description('go to the session of a worktree and task, creating it first if needed')
      .argument(
        '[worktree]',
        'worktree name, branch or path (left out: pick one on a terminal, else the one you are in)',
      )
      .argument('[task]', 'what the session is for (default: pots.defaultTask, "dev")')
      .option('--project <name>', 'project part of the name, when it is created')
      .option('--template <name>', 'layout template (name or ./file.yaml), when it is created')
      .option('--cmd <command>', 'run this in the first window, when it is created')
      .option('--json', 'print { unit, created, action, command } as JSON (then attach as usual)'),
  ).addHelpText(
    'after',
    `
Examples:
  pots open                           pick one (fzf when installed); the worktree you are in first
  pots open feat/login                from anywhere in the repository
  pots open feat review               a second session for the same worktree

Left out, the worktree is picked from the repository's worktrees with their state and sessions;
without a terminal it means the worktree you are in, and is a usage error (exit 2) outside one.
Inside tmux it switches your client (never a nested attach). Without a terminal, or inside another
tmux server, it prints the tmux command to attach instead and exits 0.`,
  );
  setCompletion(openCommand, {
    args: [{ dynamic: 'worktrees' }],
    options: { '--template': { dynamic: 'templates' } },
  });
  openCommand.action(
    async (
      worktree: string | undefined,
      task: string | undefined,
      _opts: unknown,
      command: Command,
    ) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<OpenFlags>();
      const confirm = templateConfirm(ui);
      const picked =
        worktree === undefined && ui.isInteractive()
          ? (await pickWorktreeToOpen(ui, pots, 'Open which worktree?')).path
          : worktree;
      const options: CreateUnitOptions = {
        ...(picked !== undefined ? { worktree: picked } : {}),
        ...(task !== undefined ? { task } : {}),
        ...(flags.project !== undefined ? { project: flags.project } : {}),
        ...(flags.template !== undefined ? { template: flags.template } : {}),
        ...(flags.cmd !== undefined ? { command: flags.cmd } : {}),
        ...(confirm ? { confirm } : {}),
      };
      const { unit, created } = await openUnit(pots, options).catch(
        (error: unknown): Promise<OpenResult> => {
          // No worktree named, no terminal to pick one on, and the cwd is in none.
          if (picked === undefined && isPlumError(error) && NOT_IN_WORKTREE.has(error.code)) {
            throw missingArgument(
              command,
              'worktree',
              `no terminal to pick a worktree on, and ${pots.cwd} is not in a worktree`,
              'name one (plum list shows them), or run pots in a worktree or with -C <dir>',
            );
          }
          throw error;
        },
      );
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

const NOT_IN_WORKTREE = new Set(['ERR_NOT_A_REPO', 'ERR_POTS_NO_WORKTREE']);
