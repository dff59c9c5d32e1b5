// `pots create [worktree] [task]`: a session (or window) for a worktree + task, in its directory.
import type { Command } from 'commander';
import { setCompletion } from '@plumpots/core/cli';
import { createUnit, type CreateUnitOptions } from '../api/create.js';
import { attach, planAttach } from '../api/attach.js';
import { commandEnv, stdinIsTerminal, withGlobals } from './shared.js';
import { templateConfirm } from './templates.js';

interface CreateFlags {
  project?: string;
  template?: string;
  attach?: boolean;
  cmd?: string;
  json?: boolean;
}

export function registerCreate(program: Command): void {
  const createCommand = withGlobals(
    program
      .command('create')
      .description(
        "create a tmux session for a worktree and task, started in the worktree's directory",
      )
      .argument('[worktree]', 'worktree name, branch or path (default: the one you are in)')
      .argument('[task]', 'what the session is for (default: pots.defaultTask, "dev")')
      .option(
        '--project <name>',
        "project part of the name (default: the repository's directory name)",
      )
      .option(
        '--template <name>',
        'layout template: a name (pots templates) or a pots/tmuxp/tmuxinator file (./x.yaml); default pots.template',
      )
      .option(
        '--cmd <command>',
        'run this in the first window, in your shell, which stays open after it',
      )
      .option('--attach', 'attach (or switch) to it once created')
      .option('--json', 'print the session as JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots create                         a "dev" session for the worktree you are in
  pots create feat/login test --cmd 'npm test -- --watch'
  pots create feat --attach           create, then attach (switch-client inside tmux)
  pots create feat --template development   editor, shell and tests panes (pots templates)

Prints the new session's name. Exit codes: 0 created, 2 bad arguments, 3 no such worktree or
template (or a template directory is missing), 4 that worktree already has a session for that task,
the name is taken, or a repository's template was not approved, 5 tmux missing or too old,
6 the template file is invalid.`,
    )
    .action(
      async (
        worktree: string | undefined,
        task: string | undefined,
        _opts: unknown,
        command: Command,
      ) => {
        const { ui, pots } = commandEnv(command);
        const flags = command.opts<CreateFlags>();
        const confirm = templateConfirm(ui);
        const options: CreateUnitOptions = {
          ...(worktree !== undefined ? { worktree } : {}),
          ...(task !== undefined ? { task } : {}),
          ...(flags.project !== undefined ? { project: flags.project } : {}),
          ...(flags.template !== undefined ? { template: flags.template } : {}),
          ...(flags.cmd !== undefined ? { command: flags.cmd } : {}),
          ...(confirm ? { confirm } : {}),
        };
        const unit = await createUnit(pots, options);
        if (ui.mode.json) ui.json(unit);
        else ui.print(unit.name);
        ui.success(`created ${unit.mode} ${unit.name} in ${unit.path}`);
        if (!flags.attach) return;
        const plan = await planAttach(pots, unit, { interactive: stdinIsTerminal() });
        if (plan.action === 'print')
          ui.warn(`not attaching: ${plan.reason ?? ''}; run: ${plan.command}`);
        else await attach(pots, plan);
      },
    );
  setCompletion(createCommand, {
    args: [{ dynamic: 'worktrees' }],
    options: { '--template': { dynamic: 'templates' } },
  });
}
