// The unit pots manages: one worktree + task, as a tmux session (session mode) or as a window of
// the one session `pots.session` (window mode). Units are recognised by the `@pots-*` user options
// pots records on them — never by their names, which only a person reads.
import { statSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { NotFoundError, UsageError } from '@plumpots/core';
import { listWorktrees, type PlumContext, type Worktree } from '@plumpots/plum';
import { disambiguate, sessionName } from '../names/index.js';
import {
  POTS_OPTIONS,
  listSessions,
  listSessionsAndWindows,
  listWindows,
  type PotsOptions,
  type TmuxSession,
  type TmuxWindow,
} from '../tmux/index.js';
import type { PotsContext, PotsSettings, UnitMode } from './context.js';

/** One session (session mode) or window (window mode), as `pots list --json` prints it. */
export interface Unit {
  /** The tmux session or window name. */
  name: string;
  /** `$N` (a session) or `@N` (a window): what pots targets. */
  id: string;
  /** `@pots-project`; for an unmanaged unit inside a worktree, that repository's name. */
  project: string | null;
  /** The worktree's name (the directory name, as plum names it). */
  worktree: string | null;
  task: string | null;
  /** The worktree's absolute path (`@pots-worktree`); the session's directory when unmanaged. */
  path: string;
  /** A client is looking at it. */
  attached: boolean;
  /** Windows in the session (1 for a window unit). */
  windows: number;
  /** ISO time; null for windows (tmux does not record when a window was made). */
  created: string | null;
  /** ISO time of the last output or input. */
  activity: string;
  /** Its worktree is gone: no longer one of its repository's worktrees, or its directory is missing. */
  orphan: boolean;
  /** pots made it (it carries `@pots-worktree`). */
  managed: boolean;
  mode: UnitMode;
  /** The session it is (session mode) or lives in (window mode). */
  session: string;
  sessionId: string;
  /** `@pots-repo`: the repository's common git dir. */
  repo: string | null;
}

/**
 * The `@pots-*` options for a unit of `worktree`, set at the scope `mode` names (`@pots-unit`
 * records which, because formats fall back from a window's options to its session's).
 * @example unitTags(plum, worktree, 'app', 'dev', 'session')['@pots-unit'] // 'session'
 */
export function unitTags(
  plum: Pick<PlumContext, 'repo'>,
  worktree: Pick<Worktree, 'path'>,
  project: string,
  task: string,
  mode: UnitMode,
): Record<string, string> {
  return {
    [POTS_OPTIONS.worktree]: worktree.path,
    [POTS_OPTIONS.project]: project,
    [POTS_OPTIONS.task]: task,
    [POTS_OPTIONS.repo]: plum.repo.commonDir,
    [POTS_OPTIONS.unit]: mode,
  };
}

/**
 * The name of `worktree`'s unit for `task`: the codec's `{prefix}{project}-{worktree}-{task}`,
 * with a stable suffix when another worktree of the repository sanitizes to the same name.
 * @example unitName(settings, worktrees, feat, 'app', 'dev') // 'app-feat-login-dev'
 */
export function unitName(
  settings: Pick<PotsSettings, 'prefix'>,
  worktrees: readonly Pick<Worktree, 'name' | 'path'>[],
  worktree: Pick<Worktree, 'name' | 'path'>,
  project: string,
  task: string,
): string {
  const all = worktrees.some((w) => w.path === worktree.path)
    ? worktrees
    : [...worktrees, worktree];
  const named = disambiguate(
    all.map((w) => ({
      path: w.path,
      name: sessionName({ prefix: settings.prefix, project, worktree: w.name, task }),
    })),
  );
  return named.find((entry) => entry.path === worktree.path)!.name;
}

/**
 * A session as a unit (orphan not yet known). Only a session whose options were set at session
 * scope (`@pots-unit` = session) is pots's: otherwise `list-sessions` shows its current window's.
 */
export function sessionUnit(session: TmuxSession): Unit {
  const options = session.options.unit === 'session' ? session.options : NO_OPTIONS;
  return {
    name: session.name,
    id: session.id,
    project: options.project,
    worktree: options.worktree === null ? null : basename(options.worktree),
    task: options.task,
    path: options.worktree ?? session.path,
    attached: session.attached > 0,
    windows: session.windows,
    created: session.created.toISOString(),
    activity: session.activity.toISOString(),
    orphan: false,
    managed: options.worktree !== null,
    mode: 'session',
    session: session.name,
    sessionId: session.id,
    repo: options.repo,
  };
}

/**
 * A window as a unit (orphan not yet known). Only a window whose options were set at window scope
 * (`@pots-unit` = window) is pots's: a session unit's windows show the session's options.
 */
export function windowUnit(window: TmuxWindow): Unit {
  const options = window.options.unit === 'window' ? window.options : NO_OPTIONS;
  return {
    name: window.name,
    id: window.id,
    project: options.project,
    worktree: options.worktree === null ? null : basename(options.worktree),
    task: options.task,
    path: options.worktree ?? window.path,
    attached: window.active && window.sessionAttached > 0,
    windows: 1,
    created: null,
    activity: window.activity.toISOString(),
    orphan: false,
    managed: options.worktree !== null,
    mode: 'window',
    session: window.sessionName,
    sessionId: window.sessionId,
    repo: options.repo,
  };
}

const NO_OPTIONS: PotsOptions = {
  worktree: null,
  project: null,
  task: null,
  repo: null,
  unit: null,
};

export interface ListUnitsOptions {
  /** Also units pots did not make (`managed: false`). */
  all?: boolean;
  /**
   * Ask git which worktrees the current repository has (one `git worktree list`), for `orphan`.
   * Default true; without it `orphan` only means "directory missing".
   */
  checkWorktrees?: boolean;
  /**
   * Units of both modes, whatever the configured one: every session, and pots's windows in any
   * session (still one tmux call). What `pots list` shows, so that neither mode hides the other's units.
   */
  bothModes?: boolean;
  /** Only the units of this project (`@pots-project`). */
  project?: string;
}

/**
 * The units of the current mode, sorted by name: every session (session mode) or every window of
 * `pots.session` (window mode). One tmux call. `orphan` comes from ONE `git worktree list` of the
 * repository around the cwd for that repository's units, and from the file system (is the
 * directory still there?) for other repositories' units — so at most one git call besides opening
 * the repository, whatever the number of sessions.
 * @example const units = await listUnits(openPots()); units.filter((u) => u.orphan)
 */
export async function listUnits(
  pots: PotsContext,
  options: ListUnitsOptions = {},
): Promise<Unit[]> {
  const settings = await pots.settings();
  const plum = await pots.tryRepo();
  let units: Unit[];
  if (options.bothModes) {
    const { sessions, windows } = await listSessionsAndWindows(pots.tmux);
    // A window is a unit of its own only when pots made it one; the others are their session's.
    units = [...sessions.map(sessionUnit), ...windows.map(windowUnit).filter((u) => u.managed)];
  } else {
    units =
      settings.mode === 'session'
        ? (await listSessions(pots.tmux)).map(sessionUnit)
        : (await listWindows(pots.tmux))
            .filter((window) => window.sessionName === settings.session)
            .map(windowUnit);
  }
  if (!options.all) units = units.filter((unit) => unit.managed);

  const commonDir = plum?.repo.commonDir ?? null;
  const needGit =
    plum !== null &&
    options.checkWorktrees !== false &&
    units.some((unit) => (unit.managed ? unit.repo === commonDir : true));
  const worktrees = needGit ? await listWorktrees(plum, { status: false }) : null;
  const live = new Set(worktrees?.filter((w) => !w.prunable).map((w) => w.path));

  units = units.map((unit) => {
    if (!unit.managed) {
      const inside = worktrees && innermost(worktrees, unit.path);
      if (!inside || !plum) return unit;
      return { ...unit, worktree: inside.name, project: plum.repo.projectName, repo: commonDir };
    }
    const missing = !isDirectory(unit.path);
    const gone = worktrees !== null && unit.repo === commonDir && !live.has(unit.path);
    return { ...unit, orphan: missing || gone };
  });
  if (options.project !== undefined) units = units.filter((u) => u.project === options.project);
  return units.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The unit recording `worktreePath` and `task` in its tags, if any (names play no part).
 * @example findUnitByTags(await listUnits(pots), '/src/app.worktrees/feat', 'dev')?.name
 */
export function findUnitByTags(
  units: readonly Unit[],
  worktreePath: string,
  task: string,
): Unit | undefined {
  return units.find((unit) => unit.managed && unit.path === worktreePath && unit.task === task);
}

/**
 * The unit named exactly `name`. None → NotFoundError (exit 3); several (only windows can share a
 * name) → UsageError (exit 2). A prefix never matches: `feat-login` is not `feat-login-v2`.
 * @example const unit = findUnitExact(await listUnits(pots, { all: true }), 'app-feat-login-dev')
 */
export function findUnitExact(units: readonly Unit[], name: string): Unit {
  const found = units.filter((unit) => unit.name === name);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw ambiguous(name, found);
  throw notFound(name, units);
}

/**
 * The unit `query` means: an exact name; else the one name that starts with it, else the one that
 * contains it — first among managed units, then (when none matches) among all. Several →
 * UsageError (exit 2) listing them; none → NotFoundError (exit 3).
 * @example matchUnit(units, 'login') // the unit whose name contains "login", if only one does
 */
export function matchUnit(units: readonly Unit[], query: string): Unit {
  if (query === '') throw new UsageError('empty name');
  const exact = units.filter((unit) => unit.name === query);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) throw ambiguous(query, exact);
  const managed = units.filter((unit) => unit.managed);
  for (const pool of [managed, units]) {
    for (const test of [
      (unit: Unit) => unit.name.startsWith(query),
      (unit: Unit) => unit.name.includes(query),
    ]) {
      const found = pool.filter(test);
      if (found.length === 1) return found[0]!;
      if (found.length > 1) throw ambiguous(query, found);
    }
  }
  throw notFound(query, units);
}

/**
 * The tmux target of a unit: `$N`, or `$N:@M` for a window (so that the window is selected too:
 * switch-client selects a window only when the target names one after a `:`).
 * @example ['switch-client', '-t', unitTarget(unit)]
 */
export function unitTarget(unit: Pick<Unit, 'id' | 'sessionId' | 'mode'>): string {
  return unit.mode === 'session' ? unit.id : `${unit.sessionId}:${unit.id}`;
}

function ambiguous(query: string, found: readonly Unit[]): UsageError {
  return new UsageError(
    `"${query}" matches ${found.length} ${found[0]?.mode === 'window' ? 'windows' : 'sessions'}`,
    {
      details: found.map((unit) => unit.name),
      hint: 'give more of the name (or all of it)',
    },
    'ERR_POTS_AMBIGUOUS',
  );
}

function notFound(query: string, units: readonly Unit[]): NotFoundError {
  const what = units[0]?.mode === 'window' ? 'window' : 'session';
  return new NotFoundError('ERR_POTS_NOT_FOUND', `no ${what} named "${query}"`, {
    hint: 'pots list --all',
  });
}

function innermost(worktrees: readonly Worktree[], path: string): Worktree | undefined {
  let best: Worktree | undefined;
  for (const w of worktrees) {
    if (path === w.path || path.startsWith(w.path.endsWith(sep) ? w.path : w.path + sep)) {
      if (!best || w.path.length > best.path.length) best = w;
    }
  }
  return best;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
