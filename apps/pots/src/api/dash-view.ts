// What `pots dash` shows, as data: the worktrees (plum's state: dirty, untracked, ahead/behind) with
// the panes pots manages in them and each pane's state. Two tiers, because they cost differently:
// the worktrees need git (a status per worktree: refreshed on structural changes and every few
// seconds), the panes need one `list-panes -a` (refreshed on every pushed change). `mergeDash` and
// `sortDash` are pure: the dashboard recomputes the screen from the last of each.
import { existsSync } from 'node:fs';
import { basename, sep } from 'node:path';
import { listWorktrees } from '@plumpots/plum';
import { agentStates, supervisionSettings, type SupervisionSettings } from './supervision.js';
import { openPots, type PotsContext } from './context.js';
import { listUnits, type Unit } from './units.js';

/** One pane as the dashboard shows it. */
export interface DashPane {
  /** `%N`. */
  id: string;
  session: string;
  window: string;
  /** `@pots-agent-name`, else the command. */
  name: string;
  command: string;
  /** Which agent runs in it (`claude`, `codex`, …), or null. */
  agent: string | null;
  /** `pots spawn` started it. */
  spawned: boolean;
  /** `running`/`idle`/`exited`, or with agent supervision `starting`/`working`/`waiting`/`stuck`. */
  state: string;
  /** When it entered `state` (ISO), when known. */
  since: string | null;
  /** Its last output (ISO). */
  activity: string;
  exitCode: number | null;
  /** Why it is in `state`, when known. */
  evidence: string | null;
  /** Its pots log, if it has one. */
  log: string | null;
  /** `@pots-worktree`. */
  path: string | null;
}

/** One worktree (or an orphan: a unit whose worktree is gone) with its panes. */
export interface DashWorktree {
  /** The worktree's path (the grouping key). */
  path: string;
  name: string;
  branch: string | null;
  /** The repository's name (`--all` shows several). */
  project: string | null;
  isMain: boolean;
  dirty: boolean | null;
  untracked: number | null;
  ahead: number | null;
  behind: number | null;
  /** Its directory or its worktree entry is gone, while units still record it. */
  orphan: boolean;
  /** Its units' session (window) names. */
  units: string[];
  panes: DashPane[];
}

export interface DashScope {
  /** Every repository with units on the server, not only the one around the cwd. */
  all?: boolean;
}

/**
 * The worktrees tier: the repository's worktrees with their status (every repository that has
 * units on the server with `all`; outside a repository, `all` is implied), plus orphan units.
 * `panes` is empty: `mergeDash` fills it. Git: one listing and one status per worktree, per repo.
 * @example const worktrees = await loadDashWorktrees(pots, { all: false })
 */
export async function loadDashWorktrees(
  pots: PotsContext,
  scope: DashScope = {},
): Promise<DashWorktree[]> {
  const here = await pots.tryRepo();
  const all = scope.all === true || here === null;
  const units = await listUnits(pots, { checkWorktrees: false });
  const contexts = new Map<string, PotsContext>();
  if (here) contexts.set(here.repo.commonDir, pots);
  if (all) {
    for (const unit of units) {
      if (unit.repo !== null && !contexts.has(unit.repo) && existsSync(unit.path)) {
        contexts.set(unit.repo, openPots({ cwd: unit.path, env: pots.env, tmux: pots.tmux }));
      }
    }
  }
  const rows: DashWorktree[] = [];
  for (const [commonDir, ctx] of contexts) {
    const plum = await ctx.tryRepo();
    if (!plum || plum.repo.commonDir !== commonDir) continue;
    const worktrees = await listWorktrees(plum, { status: true });
    for (const wt of worktrees) {
      rows.push({
        path: wt.path,
        name: wt.name,
        branch: wt.branch,
        project: plum.repo.projectName,
        isMain: wt.isMain,
        dirty: wt.dirty,
        untracked: wt.untracked,
        ahead: wt.ahead,
        behind: wt.behind,
        orphan: wt.prunable || !existsSync(wt.path),
        units: [],
        panes: [],
      });
    }
  }
  const repos = new Set(contexts.keys());
  for (const unit of units) {
    const row = rows.find((r) => r.path === unit.path);
    if (row) row.units.push(unit.name);
    else if (all || (unit.repo !== null && repos.has(unit.repo))) rows.push(orphanRow(unit));
  }
  return rows;
}

function orphanRow(unit: Unit): DashWorktree {
  return {
    path: unit.path,
    name: unit.worktree ?? basename(unit.path),
    branch: null,
    project: unit.project,
    isMain: false,
    dirty: null,
    untracked: null,
    ahead: null,
    behind: null,
    orphan: true,
    units: [unit.name],
    panes: [],
  };
}

/**
 * The panes tier: every pane pots manages, with its agent state, since when and why (agent
 * supervision: hooks first, then screen rules, then output). One tmux listing plus one read of the
 * agent panes' screens.
 * @example (await loadDashPanes(pots)).filter((p) => p.state === 'waiting')
 */
export async function loadDashPanes(
  pots: PotsContext,
  settings?: SupervisionSettings,
): Promise<DashPane[]> {
  const panes = await agentStates(pots, {
    settings: settings ?? (await supervisionSettings(pots)),
  });
  return panes.map((pane) => ({
    id: pane.id,
    session: pane.session,
    window: pane.window,
    name: pane.name ?? pane.agent ?? (pane.command || 'shell'),
    command: pane.command,
    agent: pane.agent,
    spawned: pane.spawned,
    state: pane.state,
    since: pane.stateSince.toISOString(),
    activity: pane.activity.toISOString(),
    exitCode: pane.exitCode ?? null,
    evidence: pane.evidence.conflict
      ? `${pane.evidence.summary} (${pane.evidence.conflict.why})`
      : pane.evidence.summary,
    log: pane.log,
    path: pane.path,
  }));
}

/**
 * The worktrees with their panes (by `@pots-worktree`, else the innermost worktree holding it);
 * panes of no listed worktree are left out unless `all`, where they form orphan rows.
 * @example const rows = sortDash(mergeDash(worktrees, panes, { all: false }))
 */
export function mergeDash(
  worktrees: readonly DashWorktree[],
  panes: readonly DashPane[],
  scope: DashScope = {},
): DashWorktree[] {
  const rows = worktrees.map((wt) => ({ ...wt, panes: [] as DashPane[] }));
  for (const pane of panes) {
    if (pane.path === null) continue;
    const row = rows.find((r) => r.path === pane.path) ?? innermost(rows, pane.path);
    if (row) row.panes.push(pane);
    else if (scope.all) {
      const orphan: DashWorktree = {
        path: pane.path,
        name: basename(pane.path),
        branch: null,
        project: null,
        isMain: false,
        dirty: null,
        untracked: null,
        ahead: null,
        behind: null,
        orphan: !existsSync(pane.path),
        units: [pane.session],
        panes: [pane],
      };
      rows.push(orphan);
    }
  }
  return rows;
}

/** How much a state needs the user: lower comes first. */
export const STATE_ORDER: Readonly<Record<string, number>> = {
  waiting: 0,
  stuck: 1,
  exited: 2,
  idle: 3,
  working: 4,
  running: 4,
  starting: 5,
};

/**
 * Most urgent first: worktrees by their most urgent pane (`waiting` first), then those without
 * panes; panes likewise within a worktree. Stable otherwise (main worktree first, then by name).
 * @example sortDash(rows)[0]?.panes[0]?.state // 'waiting'
 */
export function sortDash(rows: readonly DashWorktree[]): DashWorktree[] {
  const rank = (pane: DashPane) => STATE_ORDER[pane.state] ?? 6;
  const sorted = rows.map((row) => ({
    ...row,
    panes: [...row.panes].sort((a, b) => rank(a) - rank(b) || paneNumber(a) - paneNumber(b)),
  }));
  const best = (row: DashWorktree) => (row.panes.length === 0 ? 7 : rank(row.panes[0]!));
  return sorted.sort(
    (a, b) =>
      best(a) - best(b) ||
      Number(b.isMain) - Number(a.isMain) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/**
 * `3 working · 1 waiting · 2 idle`: the panes per state, most urgent first.
 * @example stateCounts(panes) // [['waiting', 1], ['working', 3]]
 */
export function stateCounts(panes: readonly DashPane[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const pane of panes) counts.set(pane.state, (counts.get(pane.state) ?? 0) + 1);
  return [...counts].sort((a, b) => (STATE_ORDER[a[0]] ?? 6) - (STATE_ORDER[b[0]] ?? 6));
}

function paneNumber(pane: DashPane): number {
  return Number(pane.id.slice(1));
}

function innermost<T extends { path: string }>(rows: readonly T[], path: string): T | undefined {
  let best: T | undefined;
  for (const row of rows) {
    const dir = row.path;
    if (path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep)) {
      if (!best || dir.length > best.path.length) best = row;
    }
  }
  return best;
}
