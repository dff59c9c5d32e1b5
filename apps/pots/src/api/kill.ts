// `pots kill`: exact names only, planned before anything dies. A pane's process that kills its own
// session is SIGHUP'd on the spot (reliability §3.8), so the caller's client is switched away
// first, the other units go next, and the caller's own unit goes last with SIGHUP ignored.
import { NotFoundError, UsageError, isPlumError } from '@plumpots/core';
import { isTmuxError, listPanes, listSessions, target } from '../tmux/index.js';
import { callerPane, paneEnv } from './attach.js';
import type { PotsContext, UnitMode } from './context.js';
import { findUnitExact, listUnits, sessionUnit, unitTarget, type Unit } from './units.js';

export interface KillPlan {
  mode: UnitMode;
  /** What dies, in the order given (the caller's own unit is killed last all the same). */
  targets: Unit[];
  /** The target holding the caller's pane, if any. */
  self: Unit | null;
  /** The caller's client loses its session. */
  clientLosesSession: boolean;
  /** Where that client is switched first; null when there is no other session (it detaches). */
  switchTo: Unit | null;
}

/**
 * Resolves every name exactly (`feat-login` never means `feat-login-v2`) among all units of the
 * mode — pots's or not — and works out where the caller's client goes. Any unknown name →
 * NotFoundError (exit 3) before anything is killed.
 * @example const plan = await planKill(pots, ['app-feat-dev']); await executeKill(pots, plan);
 */
export async function planKill(pots: PotsContext, names: readonly string[]): Promise<KillPlan> {
  if (names.length === 0) throw new UsageError('name at least one session to kill');
  const settings = await pots.settings();
  const units = await listUnits(pots, { all: true, checkWorktrees: false });
  const targets: Unit[] = [];
  const missing: string[] = [];
  for (const name of new Set(names)) {
    try {
      targets.push(findUnitExact(units, name));
    } catch (error) {
      if (isPlumError(error) && error.code === 'ERR_POTS_NOT_FOUND') missing.push(name);
      else throw error;
    }
  }
  if (missing.length > 0) {
    const what = settings.mode === 'session' ? 'session' : 'window';
    throw new NotFoundError(
      'ERR_POTS_NOT_FOUND',
      `no ${what}${missing.length === 1 ? '' : 's'} named ${missing.map((n) => `"${n}"`).join(', ')}; nothing was killed`,
      { hint: 'names match exactly: pots list --all' },
    );
  }

  return planKillOf(pots, settings.mode, targets);
}

/**
 * The plan for killing `targets` (resolved already): which one holds the caller's pane and where
 * the caller's client goes. Used by `planKill` and by the plum plugin.
 * @example const plan = await planKillOf(pots, 'session', units.filter((u) => u.path === dir));
 */
export async function planKillOf(
  pots: PotsContext,
  mode: UnitMode,
  targets: Unit[],
): Promise<KillPlan> {
  const plan: KillPlan = { mode, targets, self: null, clientLosesSession: false, switchTo: null };
  const me = await callerPane(pots);
  if (!me) return plan;
  plan.self =
    targets.find((t) => t.id === (t.mode === 'session' ? me.sessionId : me.windowId)) ?? null;
  // Only a client that shows the caller's pane is "yours"; without one, tmux would pick any.
  if (!me.attached || targets.length === 0) return plan;
  const panes = await listPanes(pots.tmux);
  const killed = new Set(targets.map((t) => t.id));
  const windowsOfMine = new Set(
    panes.filter((p) => p.sessionId === me.sessionId).map((p) => p.windowId),
  );
  plan.clientLosesSession =
    killed.has(me.sessionId) || [...windowsOfMine].every((windowId) => killed.has(windowId));
  if (plan.clientLosesSession) plan.switchTo = await pickRefuge(pots, me.sessionId, plan);
  return plan;
}

/**
 * Carries out a plan: switch the caller's client, kill the others, then the caller's own unit.
 * `onKill` is called just before each kill (so the caller's own line is printed while its
 * terminal still exists). A unit that is already gone is skipped.
 * @example await executeKill(pots, plan, { onKill: (unit) => ui.success(`killed ${unit.name}`) });
 */
export async function executeKill(
  pots: PotsContext,
  plan: KillPlan,
  options: {
    onKill?: (unit: Unit) => void;
    /** Leave the caller's own unit alive (the plum plugin kills it after the removal). */
    spareSelf?: boolean;
    /** Called just before the caller's own unit is killed, which hangs up this process. */
    beforeSelfKill?: () => void;
  } = {},
): Promise<Unit[]> {
  if (plan.switchTo) {
    try {
      await pots.tmux.run(['switch-client', '-t', unitTarget(plan.switchTo)], {
        env: paneEnv(pots),
      });
    } catch (error) {
      // No client shows the caller's pane (pots ran from a detached session): nothing to move.
      if (!isTmuxError(error, 'no-client')) throw error;
    }
  }
  const killed: Unit[] = [];
  const last = plan.self && !options.spareSelf ? [plan.self] : [];
  const order = [...plan.targets.filter((t) => t !== plan.self), ...last];
  for (const unit of order) {
    if (unit === plan.self) {
      // The kill SIGHUPs this very process (it runs in a pane of that unit): the program decides
      // how to finish anyway (a CLI ignores SIGHUP and EPIPE from here on).
      options.beforeSelfKill?.();
    }
    options.onKill?.(unit);
    const args = [unit.mode === 'session' ? 'kill-session' : 'kill-window', '-t', target(unit.id)];
    if (unit === plan.self) {
      // Our own tmux client is in the pane's process group too and may be hung up before it
      // hears back: the kill went through whatever it reports.
      await pots.tmux.probe(args);
      killed.push(unit);
      continue;
    }
    try {
      await pots.tmux.run(args);
      killed.push(unit);
    } catch (error) {
      if (!isTmuxError(error, 'not-found') && !isTmuxError(error, 'no-server')) throw error;
    }
  }
  return killed;
}

// Prefer the main worktree's unit of the caller's repository, else the most recently used session.
async function pickRefuge(
  pots: PotsContext,
  sessionId: string,
  plan: KillPlan,
): Promise<Unit | null> {
  const sessions = (await listSessions(pots.tmux)).map(sessionUnit);
  const dying = new Set([sessionId, ...plan.targets.map((t) => t.id)]);
  const others = sessions
    .filter((s) => !dying.has(s.id))
    .sort((a, b) => (a.activity < b.activity ? 1 : a.activity > b.activity ? -1 : 0));
  const repo = sessions.find((s) => s.id === sessionId)?.repo ?? plan.self?.repo ?? null;
  const plum = await pots.tryRepo().catch(() => null);
  const main = plum && plum.repo.commonDir === repo ? plum.repo.mainWorktree : null;
  return (
    (main && others.find((s) => s.managed && s.repo === repo && s.path === main)) ||
    others[0] ||
    null
  );
}
