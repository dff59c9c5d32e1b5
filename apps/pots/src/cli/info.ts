// `pots info <name>`: a session's windows and panes: commands, pids, directories.
import type { Command } from 'commander';
import { setCompletion } from '@plumpots/core';
import { unitInfo } from '../api/info.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerInfo(program: Command): void {
  const infoCommand = withGlobals(
    program
      .command('info')
      .description('show a session: its worktree, windows and panes (command, pid, directory)')
      .argument('<name>', 'exact name, else a unique prefix, else a unique part')
      .option(
        '--json',
        'print JSON: { unit, windows: [{ id, index, name, panes: [{ id, pid, command, path, … }] }] }',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots info app-main-dev
  pots info login --json | jq '.windows[].panes[].pid'

Exit codes: 0 shown, 2 the name matches several sessions, 3 none.`,
    )
    .action(async (name: string, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const info = await unitInfo(pots, name);
      if (ui.mode.json) return ui.json(info);
      const { unit } = info;
      const state = unit.orphan
        ? ' (orphan: its worktree is gone)'
        : unit.managed
          ? ''
          : ' (not made by pots)';
      ui.print(`${unit.mode} ${unit.name} ${unit.id}${state}`);
      if (unit.managed) {
        ui.print(`  worktree  ${unit.worktree ?? '-'}  ${unit.path}`);
        ui.print(`  project   ${unit.project ?? '-'}   task ${unit.task ?? '-'}`);
      }
      ui.print(`  attached  ${unit.attached ? 'yes' : 'no'}`);
      const rows = info.windows.flatMap((window) =>
        window.panes.map((pane) => ({
          window: `${window.index}:${window.name}`,
          pane: `${pane.index}${pane.active && window.panes.length > 1 ? '*' : ''}`,
          id: pane.id,
          pid: pane.pid,
          // A template's commands are lines; the table shows them on one.
          command: pane.dead
            ? `(dead: ${pane.deadStatus ?? 'signal'})`
            : pane.command.replace(/\r?\n/g, '; '),
          path: pane.path,
        })),
      );
      ui.printTable(rows, [
        { key: 'window', header: 'WINDOW' },
        { key: 'pane', header: 'PANE', align: 'right' },
        { key: 'id', header: 'ID' },
        { key: 'pid', header: 'PID', align: 'right' },
        { key: 'command', header: 'COMMAND' },
        { key: 'path', header: 'DIRECTORY' },
      ]);
    });
  setCompletion(infoCommand, { args: [{ dynamic: 'sessions' }] });
}
