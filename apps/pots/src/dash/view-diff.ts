// Whether two dashboard states would draw the same screen. The controller publishes a new state to
// the screen only when they would not: a listing that finds what the screen already shows, or a
// tick that moves no age, costs no render (React, layout and diffing the frame are most of what an
// idle dashboard spends).
import type { DashRow } from './format.js';
import { duration } from './format.js';

/** The parts of the dashboard's state the screen reads (see `DashSnapshot`). */
export interface ViewState {
  rows: DashRow[];
  previewOf: string | null;
  now: number;
}

/**
 * True when `next` draws a different screen than `prev`: any field changed by identity, except
 * the rows, counts and text lines, which are compared by what they show; `now` only counts when it
 * moves an age shown.
 * @example viewChanged(state, { ...state, rows: [...state.rows] }) // false
 */
export function viewChanged<T extends ViewState>(prev: T, next: T): boolean {
  for (const key of Object.keys(next)) {
    const a = (prev as unknown as Record<string, unknown>)[key];
    const b = (next as unknown as Record<string, unknown>)[key];
    if (a === b || key === 'now') continue;
    if (key === 'rows') {
      if (rowsKey(prev.rows, prev.previewOf) !== rowsKey(next.rows, next.previewOf)) return true;
    } else if (Array.isArray(a) && Array.isArray(b)) {
      if (!sameLines(a, b)) return true;
    } else return true;
  }
  return agesKey(prev.rows, prev.now) !== agesKey(next.rows, next.now);
}

/**
 * The ages the rows show at `now` ("12s", "3m", …), as one string.
 * @example agesKey(rows, Date.now()) // '12s 3m 1h'
 */
export function agesKey(rows: readonly DashRow[], now: number): string {
  let key = '';
  for (const row of rows) {
    if (row.kind !== 'pane' || !row.pane.since) continue;
    const since = Date.parse(row.pane.since);
    key += Number.isNaN(since) ? ' -' : ` ${duration(now - since)}`;
  }
  return key;
}

const keys = new WeakMap<DashRow[], { previewOf: string | null; key: string }>();

// What each row shows (the age apart), and the evidence of the previewed pane (its title line).
function rowsKey(rows: DashRow[], previewOf: string | null): string {
  const cached = keys.get(rows);
  if (cached && cached.previewOf === previewOf) return cached.key;
  const parts: unknown[] = [];
  for (const row of rows) {
    if (row.kind === 'worktree') {
      const w = row.worktree;
      parts.push([
        row.key,
        w.name,
        w.branch,
        w.project,
        w.orphan,
        w.dirty,
        w.untracked,
        w.ahead,
        w.behind,
        w.units.length,
        w.panes.length,
      ]);
    } else {
      const p = row.pane;
      parts.push([
        row.key,
        p.state,
        p.exitCode,
        p.since,
        p.name,
        p.session,
        p.window,
        p.id === previewOf ? p.evidence : null,
      ]);
    }
  }
  const key = JSON.stringify(parts);
  keys.set(rows, { previewOf, key });
  return key;
}

function sameLines(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    // The counts are [state, n] pairs.
    if (Array.isArray(x) && Array.isArray(y) && x[0] === y[0] && x[1] === y[1]) continue;
    return false;
  }
  return true;
}
