// `pots spawn [worktree] [--task t] [--name n] [--env K=V]... [--split h|v] -- <command...>`: run a
// command (an agent, a dev server, tests) as the initial process of a new window or split pane in
// the worktree's session (created if missing), keeping its exit status, logging its output.
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError, setCompletion } from '@plumpots/core';
import { spawn } from '../api/agents.js';
import { commandEnv, withGlobals } from './shared.js';

interface SpawnFlags {
  task?: string;
  name?: string;
  env?: string[];
  split?: 'h' | 'v';
  json?: boolean;
}

export function registerSpawn(program: Command): void {
  const spawnCommand = withGlobals(
    program
      .command('spawn')
      .description(
        "run a command (an agent, a server) in a new window of the worktree's session: its exit status and output are kept",
      )
      .argument('[worktree]', 'a worktree name, branch or path (default: the one holding the cwd)')
      .argument('[command...]', 'the command and its arguments, after --')
      .option('--task <task>', 'the session of this task (default pots.defaultTask)')
      .option('--name <name>', 'window name and log name (default: the program name)')
      .option(
        '--env <K=V>',
        'an environment variable for the command (repeatable)',
        (value: string, previous: string[] = []) => [...previous, value],
      )
      .addOption(
        new Option(
          '--split <h|v>',
          "split the unit's current pane (h: side by side, v: stacked)",
        ).choices(['h', 'v']),
      )
      .option(
        '--json',
        'print the pane as JSON: { id, sessionId, sessionName, windowId, name, command, cwd, log, pid, split, unitCreated }',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots spawn -- claude --permission-mode plan
  pots spawn feat-login --task agents --name review -- codex exec 'review the diff'
  pane=$(pots spawn --env PORT=3001 -- npm run dev) && pots wait "$pane" --text 'ready'

The command is exec'd directly (no shell); for shell syntax use: -- sh -c '…'. It runs as the
pane's first process, never typed into a shell, and the pane stays after it exits, so
\`pots wait <pane> --exit\` and \`pots ps\` see its exit status. Its raw output is appended to
$POTS_DATA_DIR/logs/<session>/<name>-<pane>-<time>.log (default ~/.local/state/pots), which
outlives the pane: \`pots logs <pane> --since-start\`.
Exit codes: 0 started (prints the pane id) · 2 no command after -- or a bad --env · 3 no such
worktree or directory · 4 the session's name is taken · 5 tmux missing.`,
    )
    .action(async (_worktree: unknown, _command: unknown, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<SpawnFlags>();
      const { positional, argv } = splitAtDashes(command);
      if (positional.length > 1) {
        throw new UsageError(
          `expected at most one worktree before --, got: ${positional.join(' ')}`,
          {
            hint: 'put the command after --: pots spawn [worktree] -- <command...>',
          },
        );
      }
      if (argv.length === 0) {
        throw new UsageError('no command to run', {
          hint: 'pots spawn [worktree] -- <command...>',
        });
      }
      const pane = await spawn(pots, {
        command: argv,
        env: parseEnv(flags.env ?? []),
        ...(positional[0] === undefined ? {} : { worktree: positional[0] }),
        ...(flags.task === undefined ? {} : { task: flags.task }),
        ...(flags.name === undefined ? {} : { name: flags.name }),
        ...(flags.split === undefined ? {} : { split: flags.split }),
      });
      if (pane.unitCreated) ui.info(`created ${pane.sessionName}`);
      if (ui.mode.json) return ui.json(pane);
      ui.print(pane.id);
      ui.info(`${pane.name} runs in ${pane.sessionName} (${pane.id}); log: ${pane.log}`);
    });
  setCompletion(spawnCommand, { args: [{ dynamic: 'worktrees' }] });
}

/**
 * The operands before and after the first `--` (commander drops the `--` itself).
 * @example pots spawn feat -- claude --x  // { positional: ['feat'], argv: ['claude', '--x'] }
 */
export function splitAtDashes(command: Command): { positional: string[]; argv: string[] } {
  const operands = command.args;
  let root: Command = command;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs: string[] }).rawArgs;
  const dashes = raw.indexOf('--');
  const after = dashes === -1 ? 0 : raw.length - dashes - 1;
  return {
    positional: operands.slice(0, operands.length - after),
    argv: operands.slice(operands.length - after),
  };
}

function parseEnv(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? '' : pair.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new UsageError(`bad --env ${JSON.stringify(pair)}: expected NAME=value`);
    }
    env[key] = pair.slice(eq + 1);
  }
  return env;
}
