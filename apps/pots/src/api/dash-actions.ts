// What the dashboard's keys do, as library calls: go to a pane (switch-client inside tmux, attach
// outside), type into it, interrupt, answer, kill it; create a worktree with an agent; check and
// remove a worktree the safe way. Each returns a line to show; failures throw PlumErrors.
import { isAbsolute, relative } from 'node:path';
import { NotFoundError, PlumError, UsageError } from '@plumpots/core';
import {
  assessRemoval,
  listWorktrees,
  removeWorktrees,
  type RemovalRisk,
  type Worktree,
} from '@plumpots/plum';
import { send } from './agents.js';
import { spawnCreate } from './spawn-create.js';
import { confirmDelivery, killPane as killOnePane, sendKeysTo, stop } from './supervision.js';
import { chain, defineFormat, runInteractive, target } from '../tmux/index.js';
import { callerPane, whereAmI } from './attach.js';
import { openPots, type PotsContext } from './context.js';
import { finishWorktreeRemoval, prepareWorktreeRemoval } from './worktree-removal.js';

/** How Enter reaches a pane: switch the user's client, attach this terminal, or say what to run. */
export interface GoToPlan {
  action: 'switch' | 'attach' | 'print';
  /** The user's tmux client to switch (`client_name`), for `switch`. */
  client: string | null;
  pane: string;
  /** What to run by hand (`print`), or why not. */
  message: string;
}

const CLIENT = defineFormat({
  name: 'client_name',
  control: 'client_control_mode',
  session: 'session_id',
  activity: 'client_activity',
});

/**
 * Decides how to bring the user to `pane`. Inside a pane of this server: switch the client that
 * shows the caller's session — a terminal client, never a control-mode one (the dashboard's own
 * control clients are attached to sessions too, and tmux's "current client" could be one of them).
 * Outside tmux with a terminal: attach. Elsewhere: print the command.
 * @example const plan = await planGoTo(pots, '%12', { interactive: true }); await goTo(pots, plan)
 */
export async function planGoTo(
  pots: PotsContext,
  pane: string,
  options: { interactive: boolean },
): Promise<GoToPlan> {
  assertPaneId(pane);
  const place = whereAmI(pots);
  const by = pots.tmux.server.socketPath
    ? ` -S ${pots.tmux.server.socketPath}`
    : pots.tmux.server.socketName
      ? ` -L ${pots.tmux.server.socketName}`
      : '';
  const manual = `tmux${by} attach -t '${pane}'`;
  if (place.kind === 'same-server') {
    const client = await userClient(pots);
    if (client) return { action: 'switch', client, pane, message: '' };
    return { action: 'print', client: null, pane, message: `no client shows this pane: ${manual}` };
  }
  if (place.kind === 'other-server') {
    return {
      action: 'print',
      client: null,
      pane,
      message: `inside another tmux server: ${manual}`,
    };
  }
  if (!options.interactive) {
    return { action: 'print', client: null, pane, message: `no terminal: ${manual}` };
  }
  return { action: 'attach', client: null, pane, message: '' };
}

/** Names the client a popup dashboard runs on (`--popup` sets it): Enter switches that one. */
export const DASH_CLIENT_VAR = 'POTS_DASH_CLIENT';

/**
 * The user's terminal client for the caller: the one `POTS_DASH_CLIENT` names (a popup's), else
 * the most recently active terminal client showing the caller's session; never a control-mode
 * client. Null when there is none (no terminal shows the caller's pane).
 * @example const client = await userClient(pots) // '/dev/pts/3'
 */
export async function userClient(pots: PotsContext): Promise<string | null> {
  const me = await callerPane(pots);
  const named = pots.env[DASH_CLIENT_VAR];
  if (!me && !named) return null;
  const clients = CLIENT.parse(await pots.tmux.run(['list-clients', '-F', CLIENT.format])).filter(
    (c) => c.control !== '1',
  );
  if (named) return clients.find((c) => c.name === named)?.name ?? null;
  const mine = clients
    .filter((c) => c.session === me?.sessionId)
    .sort((a, b) => Number(b.activity) - Number(a.activity));
  return mine[0]?.name ?? null;
}

/**
 * Carries out a plan: selects the pane's window and the pane, then switches the client or attaches
 * this terminal until it detaches (the caller has handed the terminal over).
 * @example await goTo(pots, await planGoTo(pots, '%12', { interactive: true }))
 */
export async function goTo(pots: PotsContext, plan: GoToPlan): Promise<void> {
  const t = target(plan.pane);
  const select = [
    ['select-window', '-t', t],
    ['select-pane', '-t', t],
  ];
  if (plan.action === 'switch' && plan.client) {
    await pots.tmux.run(chain([...select, ['switch-client', '-c', plan.client, '-t', t]]));
  } else if (plan.action === 'attach') {
    await pots.tmux.run(chain(select));
    const code = await runInteractive(pots.tmux, ['attach-session', '-t', t]);
    if (code !== 0) {
      throw new PlumError('ERR_POTS_ATTACH', `tmux attach-session exited with code ${code}`, 1);
    }
  }
}

/**
 * Sends a prompt (one bracketed paste when it has several lines, then Enter), then waits (up to
 * `timeoutMs`, default 10 s) until the agent took it — its state left idle/waiting, or a hook
 * reported — as `pots send --confirm` does; says which.
 * @example await sendPrompt(pots, '%12', 'Fix the test.\nThen run it.') // 'sent 2 lines to %12 (paste), taken: working'
 */
export async function sendPrompt(
  pots: PotsContext,
  pane: string,
  text: string,
  options: { timeoutMs?: number } = {},
): Promise<string> {
  assertPaneId(pane);
  if (text.trim() === '') throw new UsageError('nothing to send: the prompt is empty');
  const sentAt = new Date();
  const result = await send(pots, pane, text);
  const lines = text.split('\n').length;
  const how = `sent ${lines} line${lines === 1 ? '' : 's'} to ${pane} (${result.via === 'paste' ? 'paste' : 'keys'})`;
  const taken = await confirmDelivery(pots, pane, sentAt, {
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  return taken.confirmed
    ? `${how}, taken: ${taken.state ?? 'gone'}`
    : `${how}, not taken: still ${taken.state ?? 'gone'} after 10 s`;
}

/**
 * Presses named keys in the pane (`C-c`, `y`, `Escape`): tmux key names, never text.
 * @example await pressKeys(pots, '%12', ['C-c'])
 */
export async function pressKeys(
  pots: PotsContext,
  pane: string,
  keys: readonly string[],
): Promise<void> {
  assertPaneId(pane);
  await sendKeysTo(pots, pane, keys);
}

/**
 * Kills one pane (`kill-pane`), after the caller has had it confirmed by name.
 * @example await killPane(pots, '%12')
 */
export async function killPane(pots: PotsContext, pane: string): Promise<void> {
  assertPaneId(pane);
  await killOnePane(pots, pane);
}

/**
 * Stops the pane's processes as `pots stop` does (SIGINT, SIGTERM after the grace, SIGKILL) and
 * says which signal ended them.
 * @example await stopPane(pots, '%12') // 'stopped %12: SIGINT ended it'
 */
export async function stopPane(pots: PotsContext, pane: string): Promise<string> {
  assertPaneId(pane);
  const result = await stop(pots, pane);
  if (result.endedBy === null) return `${pane}: nothing to stop (its process has exited)`;
  const left = result.survivors.length;
  return `stopped ${pane}: ${result.endedBy} ended it${left ? ` (${left} process(es) survived)` : ''}`;
}

export interface NewAgentOptions {
  branch: string;
  /** argv of the agent (run without a shell). */
  command: readonly string[];
  /** Typed into the agent once it runs, when given. */
  prompt?: string;
}

/**
 * A new worktree (plum's create: copy, hooks and trust as configured; a repository whose commands
 * are not yet trusted fails closed) with the agent in a new window of its unit.
 * @example const line = await newWorktreeAgent(pots, { branch: 'feat/x', command: ['claude'] })
 */
export async function newWorktreeAgent(
  pots: PotsContext,
  options: NewAgentOptions,
): Promise<string> {
  if (options.command.length === 0) throw new UsageError('an agent command is needed');
  // `pots spawn --create`'s path; an existing branch gets a worktree, as `plum create` does.
  const [pane] = await spawnCreate(pots, {
    branch: options.branch,
    command: options.command,
    existingBranch: 'checkout',
  });
  const created = pane!.worktreeCreated;
  if (options.prompt && options.prompt.trim() !== '') await send(pots, pane!.id, options.prompt);
  return `created ${created.worktree.name} (${created.worktree.branch ?? 'detached'}) with ${options.command[0]} in ${pane!.id}`;
}

/** What removing a worktree would lose, as plum checks it. */
export interface RemovalCheck {
  worktree: Pick<Worktree, 'name' | 'path' | 'branch' | 'isMain'>;
  risks: RemovalRisk[];
  /** The dashboard runs inside it: the removal runs from the main worktree. */
  inside: boolean;
}

/**
 * plum's removal checks for the worktree at `path`, changing nothing.
 * @example (await checkRemoval(pots, wt.path)).risks.map((r) => r.message)
 */
export async function checkRemoval(pots: PotsContext, path: string): Promise<RemovalCheck> {
  const plum = await pots.repo();
  const worktree = (await listWorktrees(plum, { status: false })).find((w) => w.path === path);
  if (!worktree) throw new NotFoundError('ERR_PLUM_WORKTREE_NOT_FOUND', `no worktree at ${path}`);
  const disposable = (await plum.config()).config.worktrees.disposable;
  const risks = worktree.isMain ? [] : await assessRemoval(plum, worktree, { disposable });
  return { worktree, risks, inside: isInside(pots.cwd, path) };
}

/**
 * Removes the worktree at `path` the safe way: refuses the main worktree; with risks, only when
 * `force` (the caller had the user confirm what is lost). Its panes' processes are stopped and its
 * units killed (the dashboard's own pane spared). When the dashboard sits inside the worktree, it
 * first moves to the main worktree, and the removal runs from there.
 * @example await removeWorktree(pots, check, { force: false })
 */
export async function removeWorktree(
  pots: PotsContext,
  check: RemovalCheck,
  options: { force: boolean },
): Promise<{ message: string; cwd: string }> {
  if (check.worktree.isMain) {
    throw new UsageError('the main worktree is not removed', {
      hint: 'remove linked worktrees only',
    });
  }
  if (check.risks.length > 0 && !options.force) {
    throw new PlumError(
      'ERR_PLUM_WORKTREE_DIRTY',
      `${check.worktree.name} has work that would be lost`,
      4,
    );
  }
  let from = pots;
  if (check.inside) {
    const main = (await listWorktrees(await pots.repo(), { status: false })).find((w) => w.isMain);
    if (!main) throw new UsageError('no main worktree to remove it from');
    process.chdir(main.path);
    from = openPots({ cwd: main.path, env: pots.env, tmux: pots.tmux });
  }
  await prepareWorktreeRemoval(from, check.worktree.path);
  const plum = await from.repo();
  await removeWorktrees(plum, [check.worktree.path], { force: options.force, yes: true });
  await finishWorktreeRemoval(from, check.worktree.path);
  return { message: `removed ${check.worktree.name}`, cwd: from.cwd };
}

function isInside(dir: string, root: string): boolean {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function assertPaneId(pane: string): void {
  if (!/^%\d+$/.test(pane)) throw new UsageError(`not a pane id: ${JSON.stringify(pane)}`);
}
