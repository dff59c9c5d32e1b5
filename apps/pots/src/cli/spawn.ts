// `pots spawn [worktree] [--task t] [--name n] [--env K=V]... [--split h|v] -- <command...>`: run a
// command (an agent, a dev server, tests) as the initial process of a new window or split pane in
// the worktree's session (created if missing), keeping its exit status, logging its output.
// `--agent claude` starts a known agent with its hooks installed; `--create <branch> [--count N]`
// first makes the worktree(s) through plum.
import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError } from '@plumpots/core';
import { setCompletion } from '@plumpots/core/cli';
import { SPAWN_AGENTS, spawn, type SpawnResult } from '../api/agents.js';
import { spawnCreate } from '../api/spawn-create.js';
import type { Ui } from '@plumpots/core/ui';
import { commandEnv, withGlobals } from './shared.js';
import { templateConfirm } from './templates.js';

interface SpawnFlags {
  agent?: string;
  create?: string;
  count?: string;
  base?: string;
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
      .option(
        '--agent <agent>',
        `start a known agent (${SPAWN_AGENTS.join(', ')}) with its hooks installed for the worktree; the command defaults to its name`,
      )
      .option(
        '--create <branch>',
        'first create a worktree for this new branch through plum (its copy, hooks and trust)',
      )
      .option('--count <n>', 'with --create: n worktrees, <branch>-1 … <branch>-n, one agent each')
      .option('--base <ref>', 'with --create: start the new branches here (default worktrees.base)')
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
        'print the pane as JSON: { id, sessionId, sessionName, windowId, name, command, cwd, log, pid, split, unitCreated, hooks }; with --create an array, each with worktreeCreated',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  pots spawn -- claude --permission-mode plan
  pots spawn feat-login --task agents --name review -- codex exec 'review the diff'
  pane=$(pots spawn --env PORT=3001 -- npm run dev) && pots wait "$pane" --text 'ready'
  pots spawn feat-login --agent claude
  pots spawn --create try-auth --count 3 --agent claude -- claude --permission-mode plan

The command is exec'd directly (no shell); for shell syntax use: -- sh -c '…'. It runs as the
pane's first process, never typed into a shell, and the pane stays after it exits, so
\`pots wait <pane> --exit\` and \`pots ps\` see its exit status. Its raw output is appended to
$POTS_DATA_DIR/logs/<session>/<name>-<pane>-<time>.log (default ~/.local/state/pots), which
outlives the pane: \`pots logs <pane> --since-start\`.
--agent installs the agent's hooks (as \`pots hooks install <agent>\`: merged beside your own, and
idempotent) so its states reach \`pots ps\` at once; when they cannot be installed it says why and
starts the agent anyway. --create makes the worktree as \`plum create\` does (an unapproved
repository's commands are asked about on a terminal, refused without one), then its session and
the agent, and prints one pane id per worktree. A failure after some were made keeps them and
names them.
Exit codes: 0 started (prints the pane id) · 1 git, tmux or a postCreate hook failed (what was made
is kept and named) · 2 no command after --, an unknown --agent, a bad --env or --count · 3 no such
worktree, directory or --base · 4 the session's name is taken; with --create the branch or its worktree
exists (nothing is created), or the repository's commands are not trusted · 5 tmux missing.`,
    )
    .action(async (_worktree: unknown, _command: unknown, _opts: unknown, command: Command) => {
      const { ui, pots } = commandEnv(command);
      const flags = command.opts<SpawnFlags>();
      const { positional, argv } = splitAtDashes(command);
      if (flags.create !== undefined) {
        if (positional.length > 0) {
          throw new UsageError(
            `--create makes the worktree: give no worktree before --, got ${positional.join(' ')}`,
          );
        }
        return spawnCreated(
          ui,
          await spawnCreate(pots, {
            branch: flags.create,
            command: argv,
            env: parseEnv(flags.env ?? []),
            ...(flags.count === undefined ? {} : { count: parseCount(flags.count) }),
            ...(flags.base === undefined ? {} : { base: flags.base }),
            ...(flags.agent === undefined ? {} : { agent: flags.agent }),
            ...(flags.task === undefined ? {} : { task: flags.task }),
            ...(flags.name === undefined ? {} : { name: flags.name }),
            ...(flags.split === undefined ? {} : { split: flags.split }),
            ...confirmOf(ui),
          }),
        );
      }
      if (flags.count !== undefined || flags.base !== undefined) {
        throw new UsageError('--count and --base go with --create <branch>');
      }
      if (positional.length > 1) {
        throw new UsageError(
          `expected at most one worktree before --, got: ${positional.join(' ')}`,
          {
            hint: 'put the command after --: pots spawn [worktree] -- <command...>',
          },
        );
      }
      if (argv.length === 0 && flags.agent === undefined) {
        throw new UsageError('no command to run', {
          hint: 'pots spawn [worktree] -- <command...>, or pots spawn --agent claude',
        });
      }
      const pane = await spawn(pots, {
        command: argv,
        ...(flags.agent === undefined ? {} : { agent: flags.agent }),
        env: parseEnv(flags.env ?? []),
        ...(positional[0] === undefined ? {} : { worktree: positional[0] }),
        ...(flags.task === undefined ? {} : { task: flags.task }),
        ...(flags.name === undefined ? {} : { name: flags.name }),
        ...(flags.split === undefined ? {} : { split: flags.split }),
      });
      if (pane.unitCreated) ui.info(`created ${pane.sessionName}`);
      sayHooks(ui, pane);
      if (ui.mode.json) return ui.json(pane);
      ui.print(pane.id);
      ui.info(`${pane.name} runs in ${pane.sessionName} (${pane.id}); log: ${pane.log}`);
    });
  setCompletion(spawnCommand, { args: [{ dynamic: 'worktrees' }] });
}

function spawnCreated(ui: Ui, panes: Awaited<ReturnType<typeof spawnCreate>>): void {
  for (const pane of panes) {
    const { worktree, branchSource } = pane.worktreeCreated;
    ui.info(
      `created ${worktree.name} (${worktree.branch ?? 'detached'}${branchSource === 'new' ? '' : `, ${branchSource} branch`}) at ${worktree.path}`,
    );
    sayHooks(ui, pane);
    ui.info(`${pane.name} runs in ${pane.sessionName} (${pane.id}); log: ${pane.log}`);
  }
  if (ui.mode.json) return ui.json(panes);
  ui.print(panes.map((pane) => pane.id).join('\n'));
}

function sayHooks(ui: Ui, pane: SpawnResult): void {
  if (!pane.hooks) return;
  if (pane.hooks.warning) ui.warn(`${pane.hooks.agent} hooks not installed: ${pane.hooks.warning}`);
  else if (pane.hooks.changed) ui.info(`installed ${pane.hooks.agent} hooks in ${pane.hooks.file}`);
}

function confirmOf(ui: Ui): { confirm?: NonNullable<ReturnType<typeof templateConfirm>> } {
  const confirm = templateConfirm(ui);
  return confirm ? { confirm } : {};
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(
      `bad --count ${JSON.stringify(text)}: expected a whole number of 1 or more`,
    );
  }
  return Number(text);
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
