// Pure text for the dashboard's rows, header and footer: what each line says, cut to a width.
// The screen module only lays these out and colours them.
import type { DashPane, DashWorktree } from '../api/dash.js';

/** One line of the list: a worktree heading or one of its panes. */
export type DashRow =
  | { kind: 'worktree'; key: string; worktree: DashWorktree }
  | { kind: 'pane'; key: string; worktree: DashWorktree; pane: DashPane };

/** The colour of each state (none under NO_COLOR). */
export const STATE_COLOR: Readonly<Record<string, string>> = {
  waiting: 'yellow',
  stuck: 'magenta',
  exited: 'red',
  idle: 'gray',
  working: 'green',
  running: 'green',
  starting: 'cyan',
};

/**
 * The rows in order: each worktree, then its panes; `filter` keeps worktrees or panes whose name,
 * branch, session or command contains it (case-insensitive).
 * @example flattenRows(sortDash(rows), '').map((r) => r.key) // ['wt:/src/app', '%3', …]
 */
export function flattenRows(worktrees: readonly DashWorktree[], filter: string): DashRow[] {
  const needle = filter.toLowerCase();
  const has = (...values: Array<string | null>) =>
    needle === '' || values.some((v) => v !== null && v.toLowerCase().includes(needle));
  const rows: DashRow[] = [];
  for (const worktree of worktrees) {
    const own = has(worktree.name, worktree.branch, worktree.project);
    const panes = worktree.panes.filter(
      (pane) => own || has(pane.name, pane.session, pane.window, pane.command, pane.id),
    );
    if (!own && panes.length === 0) continue;
    rows.push({ kind: 'worktree', key: `wt:${worktree.path}`, worktree });
    for (const pane of panes) rows.push({ kind: 'pane', key: pane.id, worktree, pane });
  }
  return rows;
}

/**
 * A worktree heading: name, branch, plum's state, and `orphan` when its worktree is gone.
 * @example worktreeLine(wt) // 'feat-login  feat/login  dirty · 2 untracked · ↑1'
 */
export function worktreeLine(worktree: DashWorktree, all: boolean): string {
  const parts: string[] = [];
  if (worktree.orphan) parts.push('ORPHAN (worktree gone)');
  else {
    if (worktree.dirty) parts.push('dirty');
    if (worktree.untracked) parts.push(`${worktree.untracked} untracked`);
    if (worktree.ahead) parts.push(`↑${worktree.ahead}`);
    if (worktree.behind) parts.push(`↓${worktree.behind}`);
    if (parts.length === 0 && worktree.dirty === false) parts.push('clean');
  }
  if (worktree.panes.length === 0)
    parts.push(worktree.units.length > 0 ? 'no panes' : 'no session');
  const name = all && worktree.project ? `${worktree.project}/${worktree.name}` : worktree.name;
  const branch = worktree.branch && worktree.branch !== worktree.name ? `  ${worktree.branch}` : '';
  return `${name}${branch}  ${parts.join(' · ')}`;
}

/**
 * A pane row's columns: state (with its exit code), how long, name, session:window, pane id.
 * @example paneColumns(pane, now) // { state: 'waiting', age: '12s', name: 'claude', where: 'app-x-dev:claude', id: '%3' }
 */
export function paneColumns(
  pane: DashPane,
  now: number,
): { state: string; age: string; name: string; where: string; id: string } {
  const state =
    pane.state === 'exited'
      ? `exited(${pane.exitCode === null ? '?' : pane.exitCode})`
      : pane.state;
  const since = pane.since ? Date.parse(pane.since) : NaN;
  return {
    state,
    age: Number.isNaN(since) ? '' : duration(now - since),
    name: pane.name,
    where: `${pane.session}:${pane.window}`,
    id: pane.id,
  };
}

/**
 * A short duration: `5s`, `3m`, `2h`, `4d`.
 * @example duration(125_000) // '2m'
 */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/**
 * `3 working · 1 waiting · 2 idle`, most urgent first.
 * @example countsLine([['waiting', 1], ['idle', 2]]) // '1 waiting · 2 idle'
 */
export function countsLine(counts: ReadonlyArray<[string, number]>): string {
  return counts.length === 0 ? 'no panes' : counts.map(([s, n]) => `${n} ${s}`).join(' · ');
}

/**
 * Pads or cuts plain text to `width` columns (one column per code point: names and ids here are
 * plain; preview lines are cut by the screen library, which knows wide characters and SGR).
 * @example fit('claude', 4) // 'cla…'
 */
export function fit(text: string, width: number): string {
  const chars = [...text];
  if (width <= 0) return '';
  if (chars.length > width) return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
  return text + ' '.repeat(width - chars.length);
}

/** Every key, for `?`: each line fits an 80-column terminal. */
export const HELP_LINES: readonly string[] = [
  'Enter      go to the pane: switch-client in tmux, else attach (detach: back)',
  'j k ↑ ↓    move · Tab / Shift-Tab the same · g / G first / last',
  '/          filter by name (Enter keeps it, Esc clears it)',
  's          send a prompt: Enter new line, Ctrl-S (or Ctrl-D) send, Esc cancel',
  'y / n      answer a waiting agent: yes / no',
  'n / N      new worktree + agent (n only when the pane is not waiting)',
  'i          interrupt: C-c to the pane',
  'x          stop the pane (escalating: C-c, then SIGTERM, then SIGKILL)',
  'K          kill the pane, after a confirmation that names it',
  'r          remove the worktree the safe way: shows what would be lost, asks',
  'l          follow the pane’s output full-screen (q / Esc back)',
  'q / Esc    quit (back, in a view) · ? this help',
];
