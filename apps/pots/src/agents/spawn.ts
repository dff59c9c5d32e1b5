// Starting a command in a new window (or split) as the pane's initial process — never typed into a
// shell, which races with shell start-up — with remain-on-exit so its exit status survives, and its
// raw output recorded by pipe-pane to a log that outlives the pane.
//
// Ordering is what makes this exact: tmux runs one invocation's commands back to back and only
// then goes back to its event loop, where it reads pane output and reaps children. So options and
// the pipe set in the same invocation as `new-window` are in place before the command's first byte
// is read and before its exit is noticed — even for `sh -c 'exit 3'`.
import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { UsageError, hasControl } from '@plumpots/core';
import {
  defineFormat,
  fmtLiteral,
  target,
  tmuxFailure,
  chain,
  realDirectory,
  type Tmux,
} from '../tmux/index.js';
import { POTS_PANE_OPTIONS } from '../tmux/pane-state.js';
import { dataDirOf, pipeCommand, spawnLogPath } from './paths.js';
import { agentFromCommand } from './state/detect.js';
import { reportCommands } from './state/store.js';

/** A session to spawn into: its id (`$3`) and exact name (the log directory is named after it). */
export interface SessionRef {
  id: string;
  name: string;
}

export interface SpawnAgentOptions {
  /** The session, or a callback that finds or creates it (called once the options are valid). */
  session: SessionRef | (() => Promise<SessionRef>);
  /** The command's working directory; must exist. */
  cwd: string;
  /** argv; exec'd directly by tmux (no shell). For shell syntax pass `['sh', '-c', '…']`. */
  command: readonly string[];
  /** Window name, `@pots-agent-name` and log-file stem (default: the program's base name). */
  name?: string;
  /** Variables for the command (`-e`). */
  env?: Record<string, string>;
  /** Split a pane (`h` side by side, `v` stacked) instead of opening a new window. */
  split?: 'h' | 'v';
  /** The pane (`%N`) or window (`@N`) to split; default: the session's current pane. */
  splitTarget?: string;
  /** Window options for a new window (`@pots-worktree`, `@pots-task`, … in window mode). */
  windowOptions?: Record<string, string>;
  /** pots's data dir (default `dataDirOf(tmux.env)`). */
  dataDir?: string;
  /** The agent it runs (default: detected from the command: `claude`, `codex`, …). */
  agent?: string;
}

/** A pane started by `spawnAgent`. */
export interface SpawnedPane {
  /** `%N`: target every later command with it. */
  id: string;
  sessionId: string;
  sessionName: string;
  windowId: string;
  name: string;
  command: string[];
  cwd: string;
  /** The raw output log (kept after the pane and its session are gone). */
  log: string;
  /** The command's process id. */
  pid: number;
  split: 'h' | 'v' | null;
}

const CREATED = defineFormat({
  sessionId: 'session_id',
  windowId: 'window_id',
  paneId: 'pane_id',
  pid: 'pane_pid',
  startPath: 'pane_start_path',
});
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPTION_NAME = /^@[A-Za-z][A-Za-z0-9_-]*$/;
/** A split's pane runs this until the same invocation that sets its options respawns it. */
const PLACEHOLDER = ['sleep', '2147483647'];

/**
 * Starts `command` in a new window of the session (or a split pane) and returns the pane. The pane
 * keeps `pane_dead_status` after the command exits (remain-on-exit), is tagged `@pots-agent 1`,
 * `@pots-agent-name`, `@pots-log`, and its output is appended to the log from the first byte.
 * A new window takes one tmux invocation; a split two (the pane's id is needed to address it).
 * @example const pane = await spawnAgent(tmux, { session: { id: '$0', name: 'app-main-dev' }, cwd: '/src/app', command: ['claude'] })
 */
export async function spawnAgent(tmux: Tmux, options: SpawnAgentOptions): Promise<SpawnedPane> {
  const command = [...options.command];
  if (command.length === 0 || command[0] === '') {
    throw new UsageError('nothing to run: give a command after --');
  }
  const name = options.name ?? basename(command[0]!);
  if (name === '' || hasControl(name)) throw new UsageError(`bad name ${JSON.stringify(name)}`);
  const env = options.env ?? {};
  for (const key of Object.keys(env)) {
    if (!ENV_NAME.test(key))
      throw new UsageError(`bad environment variable name ${JSON.stringify(key)}`);
  }
  for (const key of Object.keys(options.windowOptions ?? {})) {
    if (!OPTION_NAME.test(key)) throw new UsageError(`bad tmux user option ${JSON.stringify(key)}`);
  }
  if (options.splitTarget !== undefined && !/^[%@]\d+$/.test(options.splitTarget)) {
    throw new UsageError(
      `split target must be a pane (%N) or window (@N) id: ${options.splitTarget}`,
    );
  }
  const cwd = await realDirectory(options.cwd);
  const session = typeof options.session === 'function' ? await options.session() : options.session;
  target(session.id);
  const log = spawnLogPath(options.dataDir ?? dataDirOf(tmux.env), session.name, name);
  await mkdir(dirname(log.forPane('%0')), { recursive: true });

  const envArgs = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  // A known agent starts in `starting`, recorded with its kind before its first byte is read.
  const agent = options.agent ?? agentFromCommand(command.join(' '));
  const setUp = (at: string): string[][] => [
    ['set-option', '-p', '-t', at, 'remain-on-exit', 'on'],
    ['set-option', '-p', '-t', at, POTS_PANE_OPTIONS.agent, '1'],
    ['set-option', '-p', '-t', at, POTS_PANE_OPTIONS.agentName, name],
    ['set-option', '-p', '-F', '-t', at, POTS_PANE_OPTIONS.log, log.format],
    ...(agent ? reportCommands(at, { state: 'starting', by: 'spawn', agent }) : []),
    ['pipe-pane', '-t', at, pipeCommand(log)],
  ];

  let created: Record<'sessionId' | 'windowId' | 'paneId' | 'pid' | 'startPath', string>;
  if (options.split === undefined) {
    // `-a` after `{end}` makes the new window the last one, so `{end}` names it for the rest of
    // this invocation.
    const end = `${session.id}:{end}`;
    const windowOptions = Object.entries(options.windowOptions ?? {}).map(([key, value]) => [
      'set-option',
      '-w',
      '-t',
      end,
      key,
      value,
    ]);
    const create = [
      'new-window', '-a', '-d', '-P', '-F', CREATED.format, '-t', end,
      '-n', fmtLiteral(name), '-c', fmtLiteral(cwd), ...envArgs, '--', ...command,
    ]; // prettier-ignore
    created = await runCreating(tmux, chain([create, ...setUp(end), ...windowOptions]), cwd);
  } else {
    const splitTarget = options.splitTarget ?? session.id;
    const split = [
      'split-window', '-d', `-${options.split}`, '-P', '-F', CREATED.format, '-t', splitTarget,
      '-c', fmtLiteral(cwd), '--', ...PLACEHOLDER,
    ]; // prettier-ignore
    const placeholder = await runCreating(tmux, chain([split]), cwd);
    const pane = placeholder.paneId;
    const respawn = [
      'respawn-pane',
      '-k',
      '-t',
      pane,
      '-c',
      fmtLiteral(cwd),
      ...envArgs,
      '--',
      ...command,
    ];
    const stdout = await tmux
      .run(chain([...setUp(pane), respawn, ['list-panes', '-t', pane, '-F', CREATED.format]]), {
        cwd,
      })
      .catch(async (error: unknown) => {
        await tmux.probe(['kill-pane', '-t', pane]);
        throw error;
      });
    created = CREATED.parse(stdout).find((p) => p.paneId === pane) ?? placeholder;
  }

  if (created.startPath !== '' && created.startPath !== cwd) {
    await tmux.probe([
      options.split ? 'kill-pane' : 'kill-window',
      '-t',
      options.split ? created.paneId : created.windowId,
    ]);
    throw new UsageError(
      `tmux would start the command in ${JSON.stringify(created.startPath)} instead of ${JSON.stringify(cwd)}; nothing was started`,
    );
  }
  return {
    id: created.paneId,
    sessionId: created.sessionId,
    sessionName: session.name,
    windowId: created.windowId,
    name,
    command,
    cwd,
    log: log.forPane(created.paneId),
    pid: Number(created.pid),
    split: options.split ?? null,
  };
}

// Runs a creating invocation; if a later command of it fails, what it created is killed.
async function runCreating(
  tmux: Tmux,
  argv: string[],
  cwd: string,
): Promise<Record<'sessionId' | 'windowId' | 'paneId' | 'pid' | 'startPath', string>> {
  const result = await tmux.probe(argv, { cwd });
  let created: ReturnType<typeof CREATED.parse>[number] | undefined;
  try {
    created = CREATED.parse(result.stdout)[0];
  } catch {
    created = undefined;
  }
  if (result.exitCode !== 0) {
    if (created) {
      const kill =
        argv[0] === 'split-window'
          ? ['kill-pane', '-t', created.paneId]
          : ['kill-window', '-t', created.windowId];
      await tmux.probe(kill);
    }
    throw tmuxFailure(result, { args: argv, env: tmux.env });
  }
  if (!created)
    throw tmuxFailure(
      { ...result, exitCode: 1, stderr: 'tmux printed no ids for the new pane' },
      { args: argv },
    );
  return created;
}

const SESSION_PANES = defineFormat({
  windowId: 'window_id',
  startCommand: 'pane_start_command',
  userCommand: '@pots-command',
});

/**
 * For a session created for this spawn: the spawned pane's window becomes the current one, and
 * when the session's only other window is a lone plain shell (the `default` layout — nothing has
 * run in it yet) that window is closed and the windows renumbered, so the agent's window is the
 * first. A richer layout stays as its template made it. Two tmux calls.
 * @example await focusSpawnedWindow(tmux, { sessionId: '$3', windowId: '@7' })
 */
export async function focusSpawnedWindow(
  tmux: Tmux,
  pane: { sessionId: string; windowId: string },
): Promise<void> {
  target(pane.sessionId);
  target(pane.windowId);
  const others = SESSION_PANES.parse(
    await tmux.run(['list-panes', '-s', '-t', pane.sessionId, '-F', SESSION_PANES.format]),
  ).filter((p) => p.windowId !== pane.windowId);
  const lone = others.length === 1 ? others[0]! : null;
  const plainShell = lone !== null && lone.startCommand === '' && lone.userCommand === '';
  await tmux.run(
    chain([
      ...(plainShell
        ? [
            ['kill-window', '-t', lone.windowId],
            ['move-window', '-r', '-t', pane.sessionId],
          ]
        : []),
      ['select-window', '-t', pane.windowId],
    ]),
  );
}
