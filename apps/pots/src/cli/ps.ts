// `pots ps [--json]`: every pane pots manages, running / idle / exited(status).
import type { Command } from 'commander';
import { relativeTime } from '@plumpots/core/ui';
import { ps } from '../api/agents.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerPs(program: Command): void {
  withGlobals(
    program
      .command('ps')
      .description(
        "list the panes of pots's sessions and the commands pots spawned: running, idle or exited",
      )
      .option(
        '--json',
        'print JSON: [{ id, session, worktree, path, task, command, pid, state, exitCode?, activity, agent, name, log, window }]',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots ps
  pots ps --json | jq -r '.[] | select(.state == "exited" and .exitCode != 0) | .id'

A pane is idle when it has printed nothing for pots.idleSeconds (default 30): measured by its
log for panes pots spawned, by its window's last activity otherwise. Exited panes are the
spawned ones tmux keeps after their command ends, with its exit code (128 + n for signal n).`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const rows = await ps(pots);
      if (ui.mode.json)
        return ui.json(rows.map((row) => ({ ...row, activity: row.activity.toISOString() })));
      if (rows.length === 0) {
        ui.info('no panes in pots sessions');
        return;
      }
      ui.printTable(
        rows.map((row) => ({
          ...row,
          where: `${row.session}:${row.window}`,
          status: row.state === 'exited' ? `exited(${row.exitCode ?? '?'})` : row.state,
          ago: relativeTime(row.activity),
          what: (row.name && row.agent ? `${row.name}: ${row.command}` : row.command).replace(
            /\r?\n/g,
            '; ',
          ),
        })),
        [
          { key: 'id', header: 'PANE' },
          { key: 'where', header: 'SESSION:WINDOW' },
          { key: 'task', header: 'TASK' },
          { key: 'status', header: 'STATE' },
          { key: 'ago', header: 'ACTIVE' },
          { key: 'pid', header: 'PID', align: 'right' },
          { key: 'what', header: 'COMMAND' },
        ],
      );
    });
}
