// `pots ps [target] [--explain] [--json]`: every pane pots manages with its state — an agent's
// (starting, working, waiting, idle, stuck, exited) or a plain pane's (running, idle, exited) —
// and with --explain the evidence that decided it.
import type { Command } from 'commander';
import { relativeTime } from '@plumpots/core/ui';
import { agentStates, explain, type ManagedPane } from '../api/supervision.js';
import { commandEnv, withGlobals } from './shared.js';

interface PsFlags {
  explain?: boolean;
  json?: boolean;
}

export function registerPs(program: Command): void {
  withGlobals(
    program
      .command('ps')
      .description(
        "list the panes of pots's sessions and the commands pots spawned, with each agent's state: working, waiting, idle, stuck, exited",
      )
      .argument('[target]', 'only this pane: %12, session, session:window, session:window.pane')
      .option(
        '--explain',
        'say why each pane has its state: the hook event, the screen rule and line, or the silence',
      )
      .option(
        '--json',
        'print JSON: [{ id, session, worktree, path, task, command, pid, state, stateSince, agent, evidence, exitCode?, activity, spawned, name, log, window }]',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots ps
  pots ps --explain %12
  pots ps --json | jq -r '.[] | select(.state == "waiting") | .id'

Agent panes (claude, codex, gemini, aider, opencode — from the spawned command, else the pane's
processes) are working, waiting (a permission or a question), idle (its turn is over), stuck
(working, but no output and no hook event for pots.agents.stuckSeconds, default 600) or exited.
Their hooks report states (\`pots hooks install <agent>\`); screen rules read the last lines
where there is no hook, and as a cross-check — --explain says when the two disagree, and which
won. Other panes are running, idle (no output for pots.idleSeconds, default 30) or exited
(with its exit code, 128 + n for signal n).
Exit codes: 0 · 2 ambiguous target · 3 no such pane, or not one pots manages.`,
    )
    .action(async (target: string | undefined, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<PsFlags>();
      const rows =
        target !== undefined || flags.explain
          ? await explain(pots, target)
          : await agentStates(pots);
      if (ui.mode.json) return ui.json(rows.map(toJson));
      if (rows.length === 0) {
        ui.info('no panes in pots sessions');
        return;
      }
      if (flags.explain) {
        ui.print(rows.map(explanation).join('\n\n'));
        return;
      }
      await ui.printTable(
        rows.map((row) => ({
          ...row,
          where: `${row.session}:${row.window}`,
          status: row.state === 'exited' ? `exited(${row.exitCode ?? '?'})` : row.state,
          since: relativeTime(row.stateSince),
          what: (row.name && row.spawned ? `${row.name}: ${row.command}` : row.command).replace(
            /\r?\n/g,
            '; ',
          ),
          kind: row.agent ?? '-',
        })),
        [
          { key: 'id', header: 'PANE' },
          { key: 'where', header: 'SESSION:WINDOW' },
          { key: 'task', header: 'TASK' },
          { key: 'status', header: 'STATE' },
          { key: 'since', header: 'SINCE' },
          { key: 'kind', header: 'AGENT' },
          { key: 'pid', header: 'PID', align: 'right' },
          { key: 'what', header: 'COMMAND' },
        ],
      );
    });
}

function toJson(row: ManagedPane) {
  return { ...row, stateSince: row.stateSince.toISOString(), activity: row.activity.toISOString() };
}

function explanation(row: ManagedPane): string {
  const state = row.state === 'exited' ? `exited(${row.exitCode ?? '?'})` : row.state;
  const lines = [
    `${row.id}  ${row.session}:${row.window}  ${row.agent ?? 'no agent'}  ${state} since ${row.stateSince.toISOString().slice(11, 19)}Z (${relativeTime(row.stateSince)})`,
    `  decided by ${row.evidence.source}: ${row.evidence.summary}`,
  ];
  const { report, screen, conflict } = row.evidence;
  if (report && row.evidence.source !== 'hook' && row.evidence.source !== 'spawn') {
    lines.push(
      `  last report: ${report.state} by ${report.by} at ${new Date(report.at).toISOString().slice(11, 19)}Z`,
    );
  }
  if (screen && row.evidence.source !== 'screen') {
    lines.push(`  screen: ${screen.rule} matched ${JSON.stringify(screen.line)} (${screen.state})`);
  } else if (!screen && row.agent !== null && row.state !== 'exited') {
    lines.push('  screen: no rule matched');
  }
  if (conflict) {
    lines.push(
      `  hook and screen disagree: hook said ${conflict.hook}; screen says ${conflict.screen}; ${conflict.winner} won (${conflict.why})`,
    );
  }
  return lines.join('\n');
}
