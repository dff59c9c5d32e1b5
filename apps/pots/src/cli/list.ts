// `pots list` (alias `ls`): pots's sessions (or windows) with their worktree, task and state.
import type { Command } from 'commander';
import { relativeTime } from '@plumpots/core/ui';
import { listUnits, type Unit } from '../api/units.js';
import { printWorktreeUnits } from './list-worktrees.js';
import { commandEnv, withGlobals } from './shared.js';

interface ListFlags {
  all?: boolean;
  json?: boolean;
  worktrees?: boolean;
}

export function registerList(program: Command): void {
  withGlobals(
    program
      .command('list')
      .alias('ls')
      .argument('[project]', 'only the units of this project (@pots-project)')
      .description(
        "list pots's sessions and windows (both modes, with the mode) with their worktree, task and state",
      )
      .option(
        '-a, --all',
        'also sessions pots did not make (mapped to a worktree when they sit in one)',
      )
      .option(
        '-w, --worktrees',
        'instead: every worktree of the repository with its sessions (also those without any)',
      )
      .option(
        '--json',
        'print JSON: [{ name, id, project, worktree, task, path, attached, windows, created, activity, orphan, managed, … }]',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots list                           pots's sessions, "orphan" when their worktree is gone
  pots ls --all                       every session on the server
  pots list shop                      only the project shop's units
  pots list --json | jq -r '.[] | select(.orphan) | .name'
  pots list --worktrees               every worktree, with or without sessions
                                      (--json: [{ worktree: { name, path, branch }, units: [...] }])

One tmux call, and at most one git call besides opening the repository, however many sessions.`,
    )
    .action(async (project: string | undefined, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<ListFlags>();
      if (flags.worktrees) return printWorktreeUnits(ui, pots, { all: flags.all ?? false });
      const units = await listUnits(pots, {
        all: flags.all ?? false,
        bothModes: true,
        ...(project === undefined ? {} : { project }),
      });
      if (ui.mode.json) return ui.json(units);
      if (units.length === 0) {
        return ui.info(
          project !== undefined
            ? `no units of project "${project}"`
            : flags.all
              ? 'no tmux sessions'
              : 'no pots sessions or windows (pots list --all shows the others)',
        );
      }
      const { stdout: c } = ui.colors;
      const now = Date.now();
      ui.printTable(units, [
        {
          key: 'name',
          header: 'NAME',
          format: (_v, row: Unit) => (row.attached ? c.green(row.name) : row.name),
        },
        { key: 'worktree', header: 'WORKTREE', format: (_v, row: Unit) => row.worktree ?? '-' },
        { key: 'task', header: 'TASK', format: (_v, row: Unit) => row.task ?? '-' },
        { key: 'mode', header: 'MODE' },
        { key: 'windows', header: 'WIN', align: 'right' },
        { key: 'attached', header: 'ATT', format: (v) => (v ? '*' : '') },
        {
          key: 'activity',
          header: 'ACTIVE',
          align: 'right',
          format: (_v, row: Unit) => relativeTime(new Date(row.activity), now),
        },
        {
          key: 'orphan',
          header: 'STATE',
          format: (_v, row: Unit) =>
            row.orphan ? c.yellow('orphan') : row.managed ? 'ok' : c.dim('not pots'),
        },
      ]);
    });
}
