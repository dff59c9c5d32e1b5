// Agent supervision, as pots's library exports it: which state each agent pane is in and why,
// recording a state from a hook, waiting for a state, being told, the status-line segment, and
// control of one pane (keys, stop). The CLI commands (`report`, `ps`, `wait --state`,
// `status-line`, `send --key`, `stop`, `hooks`) are these plus rendering; the MCP server and the
// dashboard read the same functions.
import { UsageError } from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
// Static: a dynamic import of the package would bundle all of plum into every command's chunk.
import { ensureTrusted, resolveWorktree } from '@plumpots/plum';
import { ps as listManagedPanes, type ManagedPane } from '../agents/ps.js';
import { resolveTarget } from '../agents/targets.js';
import type { ScreenRule } from '../agents/rules/index.js';
import {
  NOTIFY_STATES,
  REPORTABLE_STATES,
  type PaneStateName,
  type ReportableState,
} from '../agents/state/model.js';
import { notify, type NotifyChannels, type NotifyOutcome } from '../agents/state/notify.js';
import { isGone, writeReport, type ReportedPane } from '../agents/state/store.js';
import { chain } from '../tmux/index.js';
import type { BroadcastTarget } from '../agents/broadcast.js';
import type { HookFilePlan } from '../agents/hooks/model.js';
import type { PotsContext } from './context.js';
import type { StopResult } from './stop.js';

export {
  AGENT_STATES,
  KNOWN_AGENTS,
  NOTIFY_STATES,
  REPORTABLE_STATES,
  type AgentState,
  type Evidence,
  type KnownAgent,
  type PaneStateName,
  type ReportableState,
  type ScreenMatch,
  type StateReport,
} from '../agents/state/model.js';
export { BUILTIN_RULES, rulesFor, type ScreenRule } from '../agents/rules/index.js';
export { resolveState, type ResolvedState, type StateInput } from '../agents/state/resolve.js';
export { agentFromCommand } from '../agents/state/detect.js';
export type { ManagedPane } from '../agents/ps.js';
export type { NotifyOutcome } from '../agents/state/notify.js';
export type { HookFilePlan } from '../agents/hooks/model.js';
export type { StopResult, StopSignal } from './stop.js';

/** What supervision reads from config (`pots.idleSeconds`, `pots.agents.*`, `pots.notify.*`). */
export interface SupervisionSettings {
  idleSeconds: number;
  stuckSeconds: number;
  rules: Readonly<Record<string, readonly ScreenRule[]>>;
  notify: NotifyChannels;
  /** `pots.notify.command` came from the repository's config (it runs only once trusted). */
  commandFromRepo: boolean;
}

/**
 * The supervision settings for the cwd: the user's config file and the repository's around the
 * cwd, the environment — found without running git, so a status line or a hook stays cheap.
 * @example (await supervisionSettings(pots)).stuckSeconds // 600
 */
export async function supervisionSettings(pots: PotsContext): Promise<SupervisionSettings> {
  const { loadConfig } = await import('@plumpots/core/config');
  return settingsOf(await loadConfig({ cwd: pots.cwd, env: pots.env }));
}

function settingsOf(resolved: ResolvedConfig): SupervisionSettings {
  const pots = resolved.config.pots;
  return {
    idleSeconds: pots.idleSeconds,
    stuckSeconds: pots.agents.stuckSeconds,
    rules: pots.agents.rules,
    notify: { ...pots.notify },
    commandFromRepo: resolved.origins.get('pots.notify.command')?.source === 'repo',
  };
}

export interface StatesOptions {
  /** Read the agents' screens for the rules (one more tmux call; default true). */
  screen?: boolean;
  /** Settings already loaded. */
  settings?: SupervisionSettings;
  now?: Date;
}

/**
 * Every pane pots manages with its state, since when, which agent runs in it and the evidence:
 * one `list-panes -a`, plus one call that reads every agent pane's screen (unless `screen: false`).
 * @example (await agentStates(pots)).filter((p) => p.state === 'waiting').map((p) => p.id)
 */
export async function agentStates(
  pots: PotsContext,
  options: StatesOptions = {},
): Promise<ManagedPane[]> {
  const settings = options.settings ?? (await supervisionSettings(pots));
  return listManagedPanes(pots.tmux, {
    idleSeconds: settings.idleSeconds,
    stuckSeconds: settings.stuckSeconds,
    rules: settings.rules,
    screen: options.screen ?? true,
    ...(options.now ? { now: options.now } : {}),
  });
}

/**
 * The state of one target (`%12`, `session:window.pane`, …) with its evidence — or of every
 * managed pane without a target. NotFoundError (exit 3) when the target is not a managed pane.
 * @example const [pane] = await explain(pots, '%12'); pane.evidence.summary
 */
export async function explain(pots: PotsContext, target?: string): Promise<ManagedPane[]> {
  if (target === undefined) return agentStates(pots);
  const pane = await resolveTarget(pots.tmux, target);
  const rows = (await agentStates(pots)).filter((row) => row.id === pane.id);
  if (rows.length === 0) {
    const { NotFoundError } = await import('@plumpots/core');
    throw new NotFoundError(
      'ERR_POTS_NOT_MANAGED',
      `pane ${pane.id} is not one pots manages: it has no state`,
      {
        hint: 'pots manages the panes of its sessions, the commands it spawned, and panes a state was reported for',
      },
    );
  }
  return rows;
}

export interface ReportOptions {
  /** The pane (`%N`); default `$TMUX_PANE`. */
  pane?: string;
  message?: string | null;
  /** Which agent reports (`claude`, …): recorded on the pane. */
  agent?: string | null;
  /** The hook event (`Notification`, `Stop`, `agent-turn-complete`): recorded as `hook:<event>`. */
  event?: string | null;
  /** Send notifications on entering waiting/idle/stuck/exited (default true). */
  notify?: boolean;
}

export interface ReportResult {
  /** The state was stored. */
  recorded: boolean;
  pane: string | null;
  state: ReportableState;
  /** The state before, when recorded. */
  previous: string | null;
  /** The notifications sent (only on entering a notify state). */
  notified: NotifyOutcome[];
  /** Why it was not recorded, or a notification problem: one line each, for stderr. */
  warnings: string[];
}

/**
 * Records `state` for a pane (default `$TMUX_PANE`) with its time and source, and on entering
 * waiting, idle or exited notifies the user. Made to run on every agent event: one tmux call
 * when nothing is to be notified, and it never throws for a missing tmux, server or pane — the
 * result carries a warning instead (a hook must not fail its agent). A state that is not a
 * reportable one is UsageError.
 * @example await report(pots, 'waiting', { event: 'Notification', agent: 'claude', message: 'Claude needs your permission to use Bash' })
 */
export async function report(
  pots: PotsContext,
  state: string,
  options: ReportOptions = {},
): Promise<ReportResult> {
  if (!(REPORTABLE_STATES as readonly string[]).includes(state)) {
    throw new UsageError(
      `unknown state ${JSON.stringify(state)}: report one of ${REPORTABLE_STATES.join(', ')}`,
    );
  }
  const reported = state as ReportableState;
  const pane = options.pane ?? pots.env.TMUX_PANE ?? null;
  const result: ReportResult = {
    recorded: false,
    pane,
    state: reported,
    previous: null,
    notified: [],
    warnings: [],
  };
  if (pane === null || pane === '') {
    result.warnings.push(
      'not in a tmux pane ($TMUX_PANE is unset) and no --pane: nothing recorded',
    );
    return result;
  }
  let before: ReportedPane;
  try {
    before = await writeReport(pots.tmux, pane, {
      state: reported,
      by: options.event ? `hook:${options.event}` : 'report',
      message: options.message ?? null,
      agent: options.agent ?? null,
    });
  } catch (error) {
    if (isGone(error) || isMissingTmux(error)) {
      result.warnings.push(`state not recorded: ${(error as Error).message}`);
      return result;
    }
    throw error;
  }
  result.recorded = true;
  result.previous = before.previous;
  if (options.notify === false || !NOTIFY_STATES.has(reported) || before.previous === reported) {
    return result;
  }
  const settings = await supervisionSettings(pots).catch((error: unknown) => {
    result.warnings.push(`no notification: config: ${(error as Error).message}`);
    return null;
  });
  if (!settings) return result;
  result.notified = await sendNotification(pots, settings, {
    pane,
    state: reported,
    session: before.session,
    window: before.window,
    worktree: before.worktree,
    agent: before.agent,
    message: options.message ?? null,
    tty: before.tty,
    clients: before.clients,
  });
  for (const outcome of result.notified) {
    if (!outcome.ok && outcome.channel === 'command') {
      result.warnings.push(`notify command: ${outcome.detail ?? 'failed'}`);
    }
  }
  return result;
}

/**
 * Tells the user that `pane` entered `state` on the configured channels, as a report would — for
 * changes no hook reported (screen rules, `stuck`, an exit): reads the pane's terminal and the
 * attached clients in one tmux call. A repository's `pots.notify.command` runs only when trusted.
 * @example await notifyPane(pots, settings, { id: '%3', state: 'waiting', session: 's', window: 'claude', path: null, agent: 'claude' }, 'Do you want to proceed?')
 */
export async function notifyPane(
  pots: PotsContext,
  settings: SupervisionSettings,
  pane: Pick<ManagedPane, 'id' | 'state' | 'session' | 'window' | 'path' | 'agent'>,
  message: string | null,
): Promise<NotifyOutcome[]> {
  const marker = 'pots-client ';
  const out = await pots.tmux.run(
    chain([
      ['display-message', '-p', '-t', pane.id, '#{pane_tty}'],
      ['list-clients', '-F', `${marker}#{client_name}`],
    ]),
  );
  const lines = out.split('\n').filter(Boolean);
  return sendNotification(pots, settings, {
    pane: pane.id,
    state: pane.state,
    session: pane.session,
    window: pane.window,
    worktree: pane.path,
    agent: pane.agent,
    message,
    tty: lines.find((line) => !line.startsWith(marker)) ?? '',
    clients: lines
      .filter((line) => line.startsWith(marker))
      .map((line) => line.slice(marker.length)),
  });
}

/**
 * Notifies on the configured channels; a repository's `pots.notify.command` runs only when the
 * repository is trusted (never prompting: a hook has no terminal).
 */
async function sendNotification(
  pots: PotsContext,
  settings: SupervisionSettings,
  event: Parameters<typeof notify>[1],
): Promise<NotifyOutcome[]> {
  let channels = settings.notify;
  let refused: NotifyOutcome | null = null;
  if (channels.command !== null && settings.commandFromRepo) {
    const trusted = await pots
      .tryRepo()
      .then(async (plum) => {
        if (!plum) return false;
        await ensureTrusted(plum);
        return true;
      })
      .catch(() => false);
    if (!trusted) {
      channels = { ...channels, command: null };
      refused = {
        channel: 'command',
        ok: false,
        detail:
          'pots.notify.command comes from the repository, which is not trusted (run plum trust)',
      };
    }
  }
  const outcomes = await notify(pots.tmux, event, channels, pots.env);
  return refused ? [...outcomes, refused] : outcomes;
}

function isMissingTmux(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** The states `waitForState` accepts (`pots wait --state`, the MCP agent_wait tool). */
export const WAITABLE_STATES = [
  'waiting',
  'idle',
  'exited',
  'working',
  'stuck',
  'starting',
] as const;

export type WaitableState = (typeof WAITABLE_STATES)[number];

export interface WaitStateOptions {
  /** Give up after this long: WaitTimeoutError (exit 1). Default: wait for ever. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How often the state is read (default 250 ms: one or two tmux calls each). */
  pollMs?: number;
}

/**
 * Resolves with the pane as soon as the target is in one of `states` (a pane that is gone counts
 * as `exited`). WaitTimeoutError (exit 1) after `timeoutMs`.
 * @example const pane = await waitForState(pots, '%12', ['waiting', 'idle'], { timeoutMs: 600_000 }); pane.state
 */
export async function waitForState(
  pots: PotsContext,
  target: string,
  states: readonly WaitableState[],
  options: WaitStateOptions = {},
): Promise<ManagedPane> {
  if (states.length === 0) throw new UsageError('name at least one state to wait for');
  const pane = await resolveTarget(pots.tmux, target);
  const settings = await supervisionSettings(pots);
  const { WaitTimeoutError } = await import('../agents/wait.js');
  const { abortReason } = await import('../agents/liveness.js');
  const started = Date.now();
  const pollMs = options.pollMs ?? 250;
  const wanted = new Set<PaneStateName>(states);
  let last: ManagedPane | undefined;
  for (;;) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    const rows = await agentStates(pots, { settings });
    const row = rows.find((r) => r.id === pane.id);
    if (!row) {
      if (wanted.has('exited') && last) return { ...last, state: 'exited', stateSince: new Date() };
      if (!last) {
        const { NotFoundError } = await import('@plumpots/core');
        throw new NotFoundError('ERR_POTS_NOT_MANAGED', `pane ${pane.id} has no state to wait for`);
      }
      throw new UsageError(`pane ${pane.id} is gone`);
    }
    last = row;
    if (wanted.has(row.state)) return row;
    if (options.timeoutMs !== undefined && Date.now() - started >= options.timeoutMs) {
      throw new WaitTimeoutError(pane.id, `be ${states.join(' or ')}`, options.timeoutMs);
    }
    await sleep(pollMs, options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The data behind `pots status-line`. */
export interface StatusLine {
  /** Agent panes per state (only states with panes). */
  counts: Partial<Record<PaneStateName, number>>;
  /** The sessions with a waiting (or stuck) agent, in order. */
  attention: Array<{ session: string; pane: string; state: 'waiting' | 'stuck' }>;
  /** The segment: `2 working · 1 waiting (app-feat-dev) · 3 idle`; '' without agents. */
  text: string;
}

const LINE_ORDER: readonly PaneStateName[] = [
  'waiting',
  'stuck',
  'working',
  'starting',
  'idle',
  'exited',
];

/**
 * The status-line segment: agent panes counted by state, the sessions that need the user named.
 * One tmux call (`list-panes -a`), no screen reads, no git: fit to run every status interval.
 * @example (await statusLine(pots)).text // '1 waiting (app-feat-dev) · 2 working · 3 idle'
 */
export async function statusLine(pots: PotsContext): Promise<StatusLine> {
  const rows = (await agentStates(pots, { screen: false })).filter((r) => r.agent !== null);
  const counts: Partial<Record<PaneStateName, number>> = {};
  const attention: StatusLine['attention'] = [];
  for (const row of rows) {
    counts[row.state] = (counts[row.state] ?? 0) + 1;
    if (row.state === 'waiting' || row.state === 'stuck') {
      attention.push({ session: row.session, pane: row.id, state: row.state });
    }
  }
  const parts = LINE_ORDER.filter((state) => counts[state]).map((state) => {
    const sessions = [...new Set(attention.filter((a) => a.state === state).map((a) => a.session))];
    return `${counts[state]} ${state}${sessions.length > 0 ? ` (${sessions.join(', ')})` : ''}`;
  });
  return { counts, attention, text: parts.join(' · ') };
}

export interface InstallHooksOptions {
  /** A worktree name, branch or path (default: the one holding the cwd; the cwd outside a repo). */
  worktree?: string;
  /** Take pots's entries out instead. */
  uninstall?: boolean;
  /** Plan only: return the file and its new text, write nothing. */
  dryRun?: boolean;
  /** How the hooks call pots (default `pots`, found on the agent's PATH). */
  pots?: string;
}

export interface InstallHooksResult extends HookFilePlan {
  /** The file was written (or deleted). */
  changed: boolean;
  /** Added to the repository's info/exclude, so a local settings file never makes a worktree dirty. */
  excluded: string | null;
}

/**
 * Installs (or with `uninstall` removes) the hooks that make `agent` call `pots report`: Claude
 * Code (`.claude/settings.local.json`), Gemini CLI (`.gemini/settings.json`), Codex (`notify` in
 * `$CODEX_HOME/config.toml`), aider (`.aider.conf.yml`). The user's own hooks and settings stay;
 * uninstall takes out only pots's. RefusedError (exit 4) when the user's own notification program
 * holds the one slot (Codex, aider), or the file is not valid JSON.
 * @example await installHooks(pots, 'claude', { worktree: 'feat-login' })
 */
export async function installHooks(
  pots: PotsContext,
  agent: string,
  options: InstallHooksOptions = {},
): Promise<InstallHooksResult> {
  const { planHooks, applyHookPlan } = await import('../agents/hooks/index.js');
  const plum = await pots.tryRepo();
  let dir = pots.cwd;
  if (plum && options.worktree !== undefined) {
    dir = (await resolveWorktree(plum, options.worktree, { status: false })).path;
  } else if (plum?.repo.currentWorktree) dir = plum.repo.currentWorktree;
  else if (options.worktree !== undefined) {
    throw new UsageError(`--worktree ${options.worktree}: not inside a git repository`);
  }
  const plan = await planHooks({
    agent,
    dir,
    env: pots.env,
    ...(options.pots ? { pots: options.pots } : {}),
    ...(options.uninstall ? { uninstall: true } : {}),
  });
  if (options.dryRun) return { ...plan, changed: false, excluded: null };
  const changed = await applyHookPlan(plan);
  let excluded: string | null = null;
  // A settings file pots created in a worktree is local: excluded, or `plum remove` would see
  // an untracked file and refuse.
  if (
    changed &&
    plan.before === null &&
    plan.after !== null &&
    plum &&
    plan.file.startsWith(`${dir}/`)
  ) {
    excluded = await excludeLocally(plum.repo.commonDir, plan.file.slice(dir.length + 1));
  }
  return { ...plan, changed, excluded };
}

async function excludeLocally(commonDir: string, relative: string): Promise<string | null> {
  const { appendFile, mkdir, readFile } = await import('node:fs/promises');
  const file = `${commonDir}/info/exclude`;
  const line = `/${relative}`;
  const text = await readFile(file, 'utf8').catch(() => '');
  if (text.split('\n').includes(line)) return null;
  await mkdir(`${commonDir}/info`, { recursive: true });
  await appendFile(file, `${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`);
  return line;
}

/**
 * Sends named keys (`Escape`, `C-c`, `Enter`, `Up`, `y`) to the target pane, as keys, in one tmux
 * call. A word that is not a key name is UsageError (exit 2).
 * @example await sendKeysTo(pots, '%12', ['Escape'])
 */
export async function sendKeysTo(
  pots: PotsContext,
  target: string,
  keys: readonly string[],
): Promise<{ pane: string }> {
  const { sendKeys } = await import('../agents/keys.js');
  const pane = await resolveTarget(pots.tmux, target);
  await sendKeys(pots.tmux, pane.id, keys);
  return { pane: pane.id };
}

export interface ConfirmResult {
  pane: string;
  /** The agent took the input: its state left idle/waiting, or a hook reported a new state. */
  confirmed: boolean;
  /** Its state when confirmed, or at the timeout. */
  state: PaneStateName | null;
}

/**
 * Waits until pane `%N` shows it took what was sent at `sentAt`: its state leaves idle/waiting, or
 * a hook reports a state after `sentAt` (a turn that started and ended between two reads). Resolves
 * `confirmed: false` after `timeoutMs` (default 10 s) rather than throwing.
 * @example const sentAt = new Date(); await send(pots, '%12', 'go'); (await confirmDelivery(pots, '%12', sentAt)).confirmed
 */
export async function confirmDelivery(
  pots: PotsContext,
  paneId: string,
  sentAt: Date,
  options: { timeoutMs?: number; settings?: SupervisionSettings; pollMs?: number } = {},
): Promise<ConfirmResult> {
  const settings = options.settings ?? (await supervisionSettings(pots));
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let state: PaneStateName | null = null;
  for (;;) {
    const row = (await agentStates(pots, { settings })).find((r) => r.id === paneId);
    state = row?.state ?? null;
    const report = row?.evidence.report;
    const reported = report != null && report.by !== 'spawn' && report.at >= sentAt.getTime();
    if (row && ((state !== 'idle' && state !== 'waiting') || reported)) {
      return { pane: paneId, confirmed: true, state };
    }
    if (Date.now() >= deadline) return { pane: paneId, confirmed: false, state };
    await sleep(options.pollMs ?? 100);
  }
}

/**
 * Stops the target pane's processes: SIGINT, then SIGTERM after `graceSeconds` (default
 * `pots.killGraceSeconds`), then SIGKILL; says which signal ended them. The pane stays.
 * @example (await stop(pots, '%12', { graceSeconds: 3 })).endedBy // 'SIGINT'
 */
export async function stop(
  pots: PotsContext,
  target: string,
  options: { graceSeconds?: number } = {},
): Promise<StopResult> {
  const pane = await resolveTarget(pots.tmux, target);
  const { stopPane } = await import('./stop.js');
  let grace = options.graceSeconds;
  if (grace === undefined) {
    const { killGraceSecondsOf } = await import('./reap.js');
    grace = await killGraceSecondsOf(pots);
  }
  if (pane.dead) return { pane: pane.id, endedBy: null, sent: [], processes: [], survivors: [] };
  return stopPane(pane.id, { graceSeconds: grace, pid: pane.pid });
}

/**
 * Kills one pane (`%N`, exact), as `tmux kill-pane`: its window goes with its last pane, its
 * session with its last window. NotFoundError (exit 3) when there is no such pane.
 * @example await killPane(pots, '%16')
 */
export async function killPane(
  pots: PotsContext,
  paneId: string,
): Promise<{ pane: string; session: string; window: string }> {
  const pane = await resolveTarget(pots.tmux, paneId);
  await pots.tmux.run(['kill-pane', '-t', pane.id]);
  return { pane: pane.id, session: pane.sessionName, window: pane.windowName };
}

export interface AgentBroadcastOptions {
  project?: string;
  /** A glob on session (or window) names: then every matching unit gets it, agents or not. */
  filter?: string;
  enter?: boolean;
  /** Wait (up to `timeoutMs`, default 10 s) until each agent took it. */
  confirm?: boolean;
  timeoutMs?: number;
}

/**
 * Sends `text` to every agent pane (those with an agent state) — or, with `filter`, to every
 * matching unit as `broadcast` always did — and reports each target: delivered, or skipped and
 * why (`not an agent pane`, `dead`, `input-off`); with `confirm`, whether each agent took it.
 * @example const results = await broadcastToAgents(pots, 'run the tests', { confirm: true }); results.filter((r) => !r.confirmed)
 */
export async function broadcastToAgents(
  pots: PotsContext,
  text: string,
  options: AgentBroadcastOptions = {},
): Promise<BroadcastTarget[]> {
  const { broadcast } = await import('../agents/broadcast.js');
  const settings = await supervisionSettings(pots);
  const agents =
    options.filter === undefined
      ? new Set(
          (await agentStates(pots, { settings, screen: false }))
            .filter((row) => row.agent !== null && row.state !== 'exited')
            .map((row) => row.id),
        )
      : undefined;
  const sentAt = new Date();
  const results = await broadcast(pots.tmux, text, {
    enter: options.enter ?? true,
    ...(options.project === undefined ? {} : { project: options.project }),
    ...(options.filter === undefined ? {} : { filter: options.filter }),
    ...(agents ? { agents } : {}),
  });
  if (!options.confirm) return results;
  return Promise.all(
    results.map(async (result) => {
      if (!result.delivered) return result;
      const confirmation = await confirmDelivery(pots, result.pane, sentAt, {
        settings,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      return { ...result, confirmed: confirmation.confirmed, state: confirmation.state };
    }),
  );
}
