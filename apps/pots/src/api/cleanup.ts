// `pots cleanup`: units (sessions, and windows of window mode) whose worktree is gone — its
// directory missing, or no longer one of its repository's worktrees — found by their `@pots-*`
// tags, never by name (reliability §5.6), and killed; and agent logs past their days.
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError, isPlumError } from '@plumpots/core';
import {
  adminDirOf,
  findMovedWorktree,
  listWorktrees,
  withRepoLock,
  type PlumContext,
} from '@plumpots/plum';
import { defineFormat, isTmuxError } from '../tmux/index.js';
import { POTS_PANE_OPTIONS } from '../tmux/pane-state.js';
import { potsDataDir, type PotsContext } from './context.js';
import { executeKill, planKillOf } from './kill.js';
import type { Unit } from './units.js';
import { unitsByWorktree } from './worktree-units.js';

/** Why a unit is an orphan. */
export type OrphanReason = 'directory-missing' | 'not-a-worktree';

/** What cleanup did (or, in a dry run, would do) to a unit. */
export type CleanupAction = 'killed' | 'would-kill' | 'skipped';

/** One orphan unit and what became of it (the `--json` contract: add fields, never rename). */
export interface CleanupEntry {
  /** The session or window name. */
  name: string;
  /** Its `@pots-worktree`: the worktree's absolute path. */
  worktree: string;
  reason: OrphanReason;
  action: CleanupAction;
  /** Why it was skipped (null otherwise). */
  note: string | null;
  mode: Unit['mode'];
  /** `$N` or `@N`. */
  id: string;
  project: string | null;
}

/** A unit whose worktree is gone. */
export interface Orphan {
  unit: Unit;
  reason: OrphanReason;
  /** Made less than `minAgeSeconds` ago: perhaps its worktree is still being created. */
  young: boolean;
  /**
   * Where its worktree's directory went, when it was moved by hand (still registered with git,
   * found elsewhere): never killed — `git worktree repair <movedTo>` reconnects it.
   */
  movedTo: string | null;
}

export interface FindOrphansOptions {
  /** Only units of this project (`@pots-project`). */
  project?: string;
  /** Units younger than this are left alone (default 10). */
  minAgeSeconds?: number;
}

export interface CleanupOptions extends FindOrphansOptions {
  /** List, kill nothing (`would-kill`). */
  dryRun?: boolean;
  /** Asked once with what would be killed; no → every entry `skipped`. Without it: no question. */
  confirm?: (orphans: readonly Orphan[]) => boolean | Promise<boolean>;
  /** Called just before each kill (the caller's own unit goes last: print while you can). */
  onKill?: (unit: Unit, reason: OrphanReason) => void;
  /** Called just before the caller's own unit is killed, which hangs up this process. */
  beforeSelfKill?: () => void;
}

/** Units younger than this are never orphans yet (their `worktree add` may still be running). */
export const MIN_ORPHAN_AGE_SECONDS = 10;

/**
 * The units whose worktree is gone. A unit's repository (`@pots-repo`) is asked once — one
 * `git worktree list` per repository involved, from its common dir — and its answer is the truth
 * (a locked worktree on an unmounted drive is still a worktree); when the repository itself is
 * gone, a missing directory decides. Two tmux calls at most.
 * @example const orphans = await findOrphanUnits(openPots()); orphans.map((o) => o.unit.name)
 */
export async function findOrphanUnits(
  pots: PotsContext,
  options: FindOrphansOptions = {},
): Promise<Orphan[]> {
  const units = await candidateUnits(pots, options);
  const repos = new Map<string, Promise<ReadonlySet<string> | null>>();
  const current = await pots.tryRepo().catch(() => null);
  for (const unit of units) {
    if (unit.repo !== null && !repos.has(unit.repo)) {
      repos.set(unit.repo, liveWorktrees(unit.repo, current));
    }
  }
  return decide(units, repos, options);
}

/**
 * Finds the orphans and kills them (after `confirm`, when given), or lists them (`dryRun`). For a
 * real run each repository is asked again holding plum's repository lock (waiting for a `plum
 * create` in progress), and only units still orphaned then are killed — by id, the caller's own
 * unit last, after its client was switched away. Never an unmanaged unit; never one younger than
 * `minAgeSeconds` (reported as skipped).
 * @example const entries = await cleanupOrphans(pots, { dryRun: true }); entries.map((e) => e.action)
 */
export async function cleanupOrphans(
  pots: PotsContext,
  options: CleanupOptions = {},
): Promise<CleanupEntry[]> {
  if (options.dryRun) {
    return (await findOrphanUnits(pots, options)).map((o) =>
      o.movedTo !== null
        ? entry(o, 'skipped', movedNote(o.movedTo))
        : entry(o, o.young ? 'skipped' : 'would-kill', o.young ? youngNote(options) : null),
    );
  }
  let confirmed: Set<string> | null = null;
  if (options.confirm) {
    const orphans = await findOrphanUnits(pots, options);
    const killable = orphans.filter((o) => !o.young && o.movedTo === null);
    const note = (o: Orphan, otherwise: string) =>
      o.movedTo !== null ? movedNote(o.movedTo) : o.young ? youngNote(options) : otherwise;
    if (killable.length === 0) return orphans.map((o) => entry(o, 'skipped', note(o, '')));
    if (!(await options.confirm(killable))) {
      return orphans.map((o) => entry(o, 'skipped', note(o, 'not confirmed')));
    }
    confirmed = new Set(killable.map((o) => o.unit.id));
  }

  // The authoritative look, under each repository's lock.
  const units = await candidateUnits(pots, options);
  const current = await pots.tryRepo().catch(() => null);
  const locked = new Set<string>();
  const repos = new Map<string, Promise<ReadonlySet<string> | null>>();
  for (const repo of new Set(units.map((unit) => unit.repo))) {
    if (repo === null) continue;
    repos.set(
      repo,
      (await isDirectory(repo))
        ? withRepoLock(lockRef(repo), () => liveWorktrees(repo, current), { waitMs: 10_000 }).catch(
            (error: unknown) => {
              if (isPlumError(error) && error.code === 'ERR_PLUM_LOCKED') locked.add(repo);
              else throw error;
              return null;
            },
          )
        : Promise.resolve(null),
    );
  }
  await Promise.all(repos.values());
  const orphans = await decide(units, repos, options);

  const entries = new Map<string, CleanupEntry>();
  const targets: Unit[] = [];
  for (const orphan of orphans) {
    const { unit } = orphan;
    if (orphan.movedTo !== null) {
      entries.set(unit.id, entry(orphan, 'skipped', movedNote(orphan.movedTo)));
    } else if (orphan.young) entries.set(unit.id, entry(orphan, 'skipped', youngNote(options)));
    else if (unit.repo !== null && locked.has(unit.repo)) {
      entries.set(unit.id, entry(orphan, 'skipped', 'another plum is changing its worktrees'));
    } else if (confirmed && !confirmed.has(unit.id)) {
      entries.set(unit.id, entry(orphan, 'skipped', 'became an orphan after the question'));
    } else {
      entries.set(unit.id, entry(orphan, 'skipped', 'already gone'));
      targets.push(unit);
    }
  }
  if (targets.length > 0) {
    const plan = await planKillOf(pots, (await pots.settings()).mode, targets);
    const { onKill, beforeSelfKill } = options;
    const reasons = new Map(orphans.map((o) => [o.unit.id, o.reason]));
    const killed = await executeKill(pots, plan, {
      ...(onKill ? { onKill: (unit: Unit) => onKill(unit, reasons.get(unit.id)!) } : {}),
      ...(beforeSelfKill ? { beforeSelfKill } : {}),
    });
    for (const unit of killed) {
      const before = entries.get(unit.id)!;
      entries.set(unit.id, { ...before, action: 'killed', note: null });
    }
  }
  return [...entries.values()];
}

/** A stale log file and what became of it (`--stale-logs --json`). */
export interface StaleLogEntry {
  path: string;
  bytes: number;
  /** ISO time of its last write. */
  modified: string;
  action: 'removed' | 'would-remove';
}

/**
 * Removes agent logs (`<data dir>/logs/**`) not written for `days` days, with their end markers,
 * and the session directories left empty; never the log of a pane that is still alive (one tmux
 * call). A dry run only lists them.
 * @example const removed = await trimStaleLogs(pots, { days: 14 }); removed.length
 */
export async function trimStaleLogs(
  pots: Pick<PotsContext, 'env' | 'tmux'>,
  options: { days: number; dryRun?: boolean; now?: number },
): Promise<StaleLogEntry[]> {
  if (!Number.isFinite(options.days) || options.days < 0) {
    throw new UsageError(`--stale-logs wants a number of days (0 or more), not ${options.days}`);
  }
  const root = join(potsDataDir(pots.env), 'logs');
  const cutoff = (options.now ?? Date.now()) - options.days * 86_400_000;
  const files = await walk(root);
  if (files.length === 0) return [];
  const inUse = await livePaneLogs(pots);
  const entries: StaleLogEntry[] = [];
  for (const file of files.filter((f) => f.path.endsWith('.log'))) {
    if (file.mtimeMs >= cutoff || inUse.has(file.path)) continue;
    entries.push({
      path: file.path,
      bytes: file.size,
      modified: new Date(file.mtimeMs).toISOString(),
      action: options.dryRun ? 'would-remove' : 'removed',
    });
  }
  if (options.dryRun) return entries;
  for (const log of entries) {
    await rm(log.path, { force: true });
    await rm(endMarker(log.path), { force: true });
  }
  // End markers whose log is gone, and directories nothing is left in.
  const logs = new Set(files.map((f) => f.path));
  for (const file of files.filter((f) => /\/\.[^/]*\.log\.end$/.test(f.path))) {
    const log = join(dirname(file.path), basename(file.path).slice(1, -'.end'.length));
    if (!logs.has(log) && file.mtimeMs < cutoff) await rm(file.path, { force: true });
  }
  for (const dir of new Set(files.map((f) => dirname(f.path)))) {
    if (dir !== root) await rmdir(dir).catch(() => undefined); // fails unless empty: intended
  }
  return entries;
}

async function candidateUnits(pots: PotsContext, options: FindOrphansOptions): Promise<Unit[]> {
  const all = [...(await unitsByWorktree(pots)).values()].flat();
  return options.project === undefined ? all : all.filter((u) => u.project === options.project);
}

async function decide(
  units: readonly Unit[],
  repos: ReadonlyMap<string, Promise<ReadonlySet<string> | null>>,
  options: FindOrphansOptions,
): Promise<Orphan[]> {
  const minAgeMs = (options.minAgeSeconds ?? MIN_ORPHAN_AGE_SECONDS) * 1000;
  const now = Date.now();
  const orphans: Orphan[] = [];
  for (const unit of units) {
    const live = unit.repo === null ? null : await repos.get(unit.repo);
    const missing = !(await isDirectory(unit.path));
    // git's word wins: a locked worktree on an unmounted drive is missing but still a worktree.
    if (live ? live.has(unit.path) : !missing) continue;
    // tmux records no creation time for a window: its last activity stands in.
    const born = Date.parse(unit.created ?? unit.activity);
    orphans.push({
      unit,
      reason: missing ? 'directory-missing' : 'not-a-worktree',
      young: now - born < minAgeMs,
      movedTo: missing && unit.repo !== null ? await movedTo(unit.repo, unit.path) : null,
    });
  }
  return orphans.sort((a, b) =>
    a.unit.name < b.unit.name ? -1 : a.unit.name > b.unit.name ? 1 : 0,
  );
}

// A directory missing from a path git still has registered may have been moved by hand: its panes'
// shells work in the new place, and its `.git` file still names the registration.
async function movedTo(commonDir: string, path: string): Promise<string | null> {
  const admin = await adminDirOf(commonDir, path);
  return admin === null ? null : findMovedWorktree(admin, path);
}

function movedNote(path: string): string {
  return `its worktree was moved to ${path}: run \`git worktree repair ${path}\``;
}

/**
 * The paths of a repository's live (not prunable) worktrees, from ONE `git worktree list` in its
 * common dir; null when the repository cannot answer (gone, or broken).
 */
async function liveWorktrees(
  commonDir: string,
  current: PlumContext | null,
): Promise<ReadonlySet<string> | null> {
  if (!(await isDirectory(commonDir))) return null;
  // plum lists from the current worktree, else from the common dir: a context that knows only
  // the common dir is enough (opening the repository there would cost two more git calls).
  const ctx: Pick<PlumContext, 'repo' | 'cwd'> =
    current && current.repo.commonDir === commonDir
      ? current
      : { cwd: commonDir, repo: repoAt(commonDir) };
  try {
    const worktrees = await listWorktrees(ctx, { status: false });
    return new Set(worktrees.filter((w) => !w.prunable).map((w) => w.path));
  } catch (error) {
    if (isPlumError(error)) return null;
    throw error;
  }
}

function repoAt(commonDir: string): PlumContext['repo'] {
  const projectRoot = dirname(commonDir);
  return {
    commonDir,
    projectRoot,
    projectName: basename(projectRoot),
    mainWorktree: null,
    isBare: false,
    currentWorktree: null,
  };
}

function lockRef(commonDir: string): Pick<PlumContext, 'repo'> {
  return { repo: repoAt(commonDir) };
}

function entry(orphan: Orphan, action: CleanupAction, note: string | null): CleanupEntry {
  const { unit } = orphan;
  return {
    name: unit.name,
    worktree: unit.path,
    reason: orphan.reason,
    action,
    note,
    mode: unit.mode,
    id: unit.id,
    project: unit.project,
  };
}

function youngNote(options: FindOrphansOptions): string {
  return `made less than ${options.minAgeSeconds ?? MIN_ORPHAN_AGE_SECONDS} s ago: its worktree may still be on its way`;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

interface FileInfo {
  path: string;
  size: number;
  mtimeMs: number;
}

async function walk(dir: string): Promise<FileInfo[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: FileInfo[] = [];
  for (const dirent of entries) {
    const path = join(dir, dirent.name);
    if (dirent.isDirectory()) out.push(...(await walk(path)));
    else if (dirent.isFile()) {
      const s = await stat(path).catch(() => null);
      if (s) out.push({ path, size: s.size, mtimeMs: s.mtimeMs });
    }
  }
  return out;
}

function endMarker(log: string): string {
  return join(dirname(log), `.${basename(log)}.end`);
}

const PANE_LOG = defineFormat(
  { pane: 'pane_id', log: POTS_PANE_OPTIONS.log },
  { sentinel: 'pane' },
);

/** The logs live panes still write (`@pots-log`): one tmux call; none without a server. */
async function livePaneLogs(pots: Pick<PotsContext, 'tmux'>): Promise<Set<string>> {
  try {
    const stdout = await pots.tmux.run(['list-panes', '-a', '-F', PANE_LOG.format]);
    return new Set(
      PANE_LOG.parse(stdout)
        .map((row) => row.log)
        .filter(Boolean),
    );
  } catch (error) {
    // No server (or no tmux at all): no pane is alive to write a log.
    if (isTmuxError(error, 'no-server')) return new Set();
    if (isPlumError(error) && error.code === 'ERR_TMUX_MISSING') return new Set();
    throw error;
  }
}
