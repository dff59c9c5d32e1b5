// The agent tools of `pots mcp`: start a command in a worktree's session, type into it, read it,
// wait for it, ask its state, stop it — each on a pane of this repository's units only.
import { UsageError } from '@plumpots/core';
import { z } from '@plumpots/core/schema';
import { capture, idleSecondsOf, send, spawn, wait, type WaitCondition } from '../agents.js';
import { createdSchema, psSchema, spawnSchema, stopSchema, waitSchema } from '../schemas.js';
import { spawnCreate } from '../spawn-create.js';
import {
  confirmDelivery,
  explain,
  sendKeysTo,
  stop,
  waitForState,
  WAITABLE_STATES,
  type ManagedPane,
} from '../supervision.js';
import { readLogPage } from './log-page.js';
import { hasWorktree, scopedPane, scopedWorktree, type McpScope } from './scope.js';
import { defineTool } from './tool.js';

const target = z
  .string()
  .min(1)
  .describe(
    'a pane id (%12, from agent_spawn), or session, session:window, session:window.pane — exact names',
  );

/** The most one agent_output call returns, whatever it asks for. */
export const MAX_OUTPUT_BYTES = 256 * 1024;

export const agentSpawn = defineTool({
  name: 'agent_spawn',
  title: 'Start an agent',
  description:
    "Runs a command (an agent such as `claude`, a dev server, tests) as the first process of a new window in a worktree's tmux session, created if missing — as `pots spawn` does. The command is exec'd without a shell; its exit status and output are kept (agent_output, agent_wait). With `create`, a worktree that does not exist yet is first created for the branch `worktree` names, as worktree_create does.",
  input: z.object({
    command: z
      .array(z.string())
      .min(1)
      .describe("argv, e.g. ['claude'] or ['sh', '-c', 'npm test']"),
    worktree: z
      .string()
      .min(1)
      .optional()
      .describe("a worktree's name, branch or path (default: the one the server runs in)"),
    create: z.boolean().optional().describe('create the worktree (branch `worktree`) when missing'),
    base: z.string().min(1).optional().describe('with create: start point of a new branch'),
    task: z
      .string()
      .min(1)
      .optional()
      .describe('the session of this task (default pots.defaultTask)'),
    name: z.string().min(1).optional().describe('window and log name (default: the program name)'),
    env: z
      .record(z.string(), z.string())
      .optional()
      .describe('environment variables for the command'),
    split: z.enum(['h', 'v']).optional().describe("split the unit's current pane instead"),
  }),
  output: spawnSchema.extend({
    worktreeCreated: createdSchema
      .nullable()
      .describe('with create: the new worktree, if one was made'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
  async run(scope, args) {
    if (args.create && args.worktree === undefined) {
      throw new UsageError('create needs `worktree`: the branch to create a worktree for');
    }
    for (const key of Object.keys(args.env ?? {})) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
        throw new UsageError(`bad environment variable name ${JSON.stringify(key)}`);
      }
    }
    const options = {
      command: args.command,
      ...(args.task === undefined ? {} : { task: args.task }),
      ...(args.name === undefined ? {} : { name: args.name }),
      ...(args.env === undefined ? {} : { env: args.env }),
      ...(args.split === undefined ? {} : { split: args.split }),
    };
    if (args.create && !(await hasWorktree(scope, args.worktree!))) {
      // The same path as `pots spawn --create`; an existing branch is checked out (as
      // worktree_create does), and an unapproved repository fails closed: no `confirm` here.
      const [pane] = await spawnCreate(scope.pots, {
        ...options,
        branch: args.worktree!,
        ...(args.base === undefined ? {} : { base: args.base }),
        existingBranch: 'checkout',
        yes: true,
      });
      return { ...pane!, split: pane!.split ?? null };
    }
    const worktree = await scopedWorktree(scope, args.worktree ?? scope.pots.cwd);
    const pane = await spawn(scope.pots, { ...options, worktree: worktree.path });
    return { ...pane, split: pane.split ?? null, worktreeCreated: null };
  },
});

export const agentSend = defineTool({
  name: 'agent_send',
  title: 'Type into an agent',
  description:
    'Types text into a pane literally, as `pots send` does: nothing in it is read as tmux keys or commands; several lines go as one bracketed paste; then Enter (unless enter is false). Or sends named keys (`keys`: Escape, C-c, Enter, Up, Tab, y …) to answer a menu or interrupt. With `confirm`, waits (up to confirmSeconds, default 10) until the agent took it — its state left idle/waiting — and says whether it did.',
  input: z.object({
    target,
    text: z.string().optional().describe('the text; a newline makes it a paste'),
    keys: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('instead of text: tmux key names or single characters, sent in order'),
    enter: z.boolean().optional().describe('with text: press Enter after it (default true)'),
    confirm: z.boolean().optional().describe('wait until the agent took it'),
    confirmSeconds: z.number().positive().optional().describe('with confirm (default 10)'),
  }),
  output: z.object({
    pane: z.string().describe('the pane id'),
    via: z.enum(['keys', 'paste']),
    confirmed: z
      .boolean()
      .nullable()
      .describe('with confirm: the agent took it (its state left idle/waiting); else null'),
    state: z.string().nullable().describe('with confirm: its state then'),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
  async run(scope, args) {
    if ((args.text === undefined) === (args.keys === undefined)) {
      throw new UsageError('give `text` or `keys`, not both');
    }
    const pane = await scopedPane(scope, args.target);
    const sentAt = new Date();
    let via: 'keys' | 'paste';
    if (args.keys !== undefined) {
      await sendKeysTo(scope.pots, pane.id, args.keys);
      via = 'keys';
    } else {
      via = (await send(scope.pots, pane, args.text!, { enter: args.enter !== false })).via;
    }
    if (!args.confirm) return { pane: pane.id, via, confirmed: null, state: null };
    const seconds = Math.min(args.confirmSeconds ?? 10, scope.maxWaitSeconds);
    const taken = await confirmDelivery(scope.pots, pane.id, sentAt, { timeoutMs: seconds * 1000 });
    return { pane: pane.id, via, confirmed: taken.confirmed, state: taken.state };
  },
});

export const agentOutput = defineTool({
  name: 'agent_output',
  title: "Read an agent's output",
  description: `A pane's output, bounded in size (at most ${MAX_OUTPUT_BYTES} bytes). source "log" (the default for panes agent_spawn started): its recorded output from byte \`cursor\` — pass the returned nextCursor to the next call to read on, every byte once; without a cursor, the last maxBytes. source "screen": the text on its screen now (or its last \`lines\`). Escape sequences are removed unless raw.`,
  input: z.object({
    target,
    source: z.enum(['log', 'screen']).optional(),
    cursor: z.number().int().nonnegative().optional().describe('log: the byte offset to read from'),
    maxBytes: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(`log: the most bytes to return (default 16384, at most ${MAX_OUTPUT_BYTES})`),
    lines: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('screen: the last N lines, history included'),
    raw: z.boolean().optional().describe('keep escape sequences (log) or colours (screen)'),
  }),
  output: z.object({
    paneId: z.string(),
    source: z.enum(['log', 'screen']),
    text: z.string(),
    cursor: z.number().int().nullable().describe('log: where this text starts'),
    nextCursor: z.number().int().nullable().describe('log: pass it as the next cursor'),
    size: z.number().int().nullable().describe("log: the log's size when read"),
    truncated: z.boolean().describe('more output follows (log) or the text was cut to maxBytes'),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(scope, args) {
    const pane = await scopedPane(scope, args.target);
    const source = args.source ?? (pane.log ? 'log' : 'screen');
    const maxBytes = Math.min(args.maxBytes ?? 16 * 1024, MAX_OUTPUT_BYTES);
    if (source === 'log') {
      if (!pane.log) {
        throw new UsageError(`pane ${pane.id} has no pots log (agent_spawn did not start it)`, {
          hint: 'read its screen: source "screen"',
        });
      }
      const page = await readLogPage(pane.log, { cursor: args.cursor, maxBytes, raw: args.raw });
      return { paneId: pane.id, source, ...page };
    }
    let text = await capture(scope.pots, pane, {
      ...(args.lines === undefined ? {} : { lines: args.lines }),
      ...(args.raw ? { ansi: true } : {}),
    });
    const bytes = Buffer.from(text);
    const truncated = bytes.length > maxBytes;
    // Keep the end: the newest lines are what a caller reads a screen for.
    if (truncated)
      text = bytes
        .subarray(bytes.length - maxBytes)
        .toString('utf8')
        .replace(/^\uFFFD+/, '');
    return { paneId: pane.id, source, text, cursor: null, nextCursor: null, size: null, truncated };
  },
});

export const agentWait = defineTool({
  name: 'agent_wait',
  title: 'Wait for an agent',
  description:
    'Blocks until a pane reaches one of `states` ("state": waiting = it needs the user, idle = its turn is over, working, stuck, exited — as agent_state reports them), exits ("exit", with its exit code), has printed nothing for idleSeconds ("idle"), or prints text matching a regular expression ("text"; for a pane agent_spawn started, counted from the last agent_send) — or until timeoutSeconds pass (an error). The server caps every wait at its --max-wait.',
  input: z.object({
    target,
    until: z.enum(['state', 'exit', 'idle', 'text']),
    states: z.array(z.enum(WAITABLE_STATES)).min(1).optional().describe('state: any of these'),
    idleSeconds: z
      .number()
      .positive()
      .optional()
      .describe('idle: seconds of silence (default pots.idleSeconds)'),
    text: z.string().min(1).optional().describe('text: a JavaScript regular expression'),
    sinceStart: z.boolean().optional().describe('text: search everything the pane printed'),
    timeoutSeconds: z
      .number()
      .positive()
      .optional()
      .describe('default 60, at most the server’s --max-wait'),
  }),
  output: waitSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(scope, args, signal) {
    const pane = await scopedPane(scope, args.target);
    const timeoutMs = Math.min(args.timeoutSeconds ?? 60, scope.maxWaitSeconds) * 1000;
    if (args.until === 'state') {
      if (args.states === undefined) {
        throw new UsageError('until "state" needs `states`, e.g. ["waiting", "idle"]');
      }
      const row = await waitForState(scope.pots, pane.id, args.states, { timeoutMs, signal });
      return { reason: 'state' as const, paneId: pane.id, state: row.state };
    }
    const condition = await conditionOf(scope, { ...args, until: args.until });
    return wait(scope.pots, pane, condition, {
      signal,
      timeoutMs,
      ...(args.sinceStart ? { sinceStart: true } : {}),
    });
  },
});

export const agentState = defineTool({
  name: 'agent_state',
  title: "An agent's state",
  description:
    "A pane's state, since when, which agent runs in it, and the evidence that decided it (`pots ps --explain`): for an agent, starting, working, waiting (it needs the user: a permission or a question), idle (its turn is over), stuck (working but silent for pots.agents.stuckSeconds) or exited (with its exit code); for other panes running, idle or exited. The evidence names the hook report or the screen line that matched, or the silence, and says which won when they disagreed.",
  input: z.object({ target }),
  output: psSchema.element,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(scope, args) {
    const pane = await scopedPane(scope, args.target);
    const [row] = await explain(scope.pots, pane.id);
    return toJson(row!);
  },
});

export const agentStop = defineTool({
  name: 'agent_stop',
  title: 'Stop an agent',
  description:
    "Stops a pane's process and everything it started, as `pots stop` does: SIGINT, then SIGTERM after graceSeconds (default pots.killGraceSeconds), then SIGKILL; says which signal ended it. The pane stays, showing its exit status.",
  input: z.object({
    target,
    graceSeconds: z.number().nonnegative().optional().describe('default pots.killGraceSeconds'),
  }),
  output: stopSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
  async run(scope, args) {
    const pane = await scopedPane(scope, args.target);
    return stop(scope.pots, pane.id, {
      ...(args.graceSeconds === undefined ? {} : { graceSeconds: args.graceSeconds }),
    });
  },
});

/** A state row as `pots ps --json` prints it. */
function toJson(row: ManagedPane) {
  return { ...row, stateSince: row.stateSince.toISOString(), activity: row.activity.toISOString() };
}

async function conditionOf(
  scope: McpScope,
  args: {
    until: 'exit' | 'idle' | 'text';
    idleSeconds?: number | undefined;
    text?: string | undefined;
  },
): Promise<WaitCondition> {
  if (args.until === 'exit') return { exit: true };
  if (args.until === 'idle') return { idle: args.idleSeconds ?? (await idleSecondsOf(scope.pots)) };
  if (args.text === undefined)
    throw new UsageError('until "text" needs `text`: a regular expression');
  try {
    return { text: new RegExp(args.text) };
  } catch (error) {
    throw new UsageError(`bad text regex: ${(error as Error).message}`);
  }
}
