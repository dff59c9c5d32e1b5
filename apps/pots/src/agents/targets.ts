// Target strings → one pane, exactly. tmux's own `-t` falls back to prefixes and globs and
// splits window names at `.`, so pots resolves against ONE `list-panes -a` listing instead: ids
// (`%12`, `@7`, `$3`), `session`, `session:window` (name or index) and `session:window.pane`.
import { NotFoundError, UsageError } from '@plumpots/core';
import { listPaneStates, type PaneState } from '../tmux/pane-state.js';
import type { Tmux } from '../tmux/index.js';

/**
 * The pane `spec` names, from `panes` (one `list-panes -a`). `session` and `session:window` mean
 * that session's current window / that window's active pane. Names match exactly; a window is
 * matched by name or by index; a `.` in `session:window.pane` splits off a pane index only where
 * that reading exists. No match is NotFoundError (exit 3); two different panes is UsageError (exit 2).
 * @example findTarget(panes, 'app-main-dev:editor.1').id // '%14'
 */
export function findTarget(panes: readonly PaneState[], spec: string): PaneState {
  if (spec === '')
    throw new UsageError('empty target: give a pane id (%12) or session[:window[.pane]]');
  const matches = new Map<string, PaneState>();
  for (const pane of candidates(panes, spec)) matches.set(pane.id, pane);
  if (matches.size === 1) return [...matches.values()][0]!;
  if (matches.size === 0) {
    throw new NotFoundError('ERR_POTS_TARGET_NOT_FOUND', `no tmux pane matches "${spec}"`, {
      hint: 'targets are a pane id (%12) or session, session:window, session:window.pane, matched exactly; see `pots ps` or `tmux list-panes -a`',
    });
  }
  throw new UsageError(
    `"${spec}" is ambiguous: it names ${[...matches.keys()].join(', ')}`,
    { hint: 'use the pane id, or a window index instead of its name' },
    'ERR_POTS_TARGET_AMBIGUOUS',
  );
}

/**
 * `findTarget` on a fresh listing: one tmux call.
 * @example const pane = await resolveTarget(tmux, 'app-main-dev'); await sendText(tmux, pane.id, 'hi')
 */
export async function resolveTarget(tmux: Tmux, spec: string): Promise<PaneState> {
  return findTarget(await listPaneStates(tmux), spec);
}

function* candidates(panes: readonly PaneState[], spec: string): Generator<PaneState> {
  if (/^%\d+$/.test(spec)) {
    yield* panes.filter((p) => p.id === spec);
    return;
  }
  if (/^@\d+$/.test(spec)) {
    yield* panes.filter((p) => p.windowId === spec && p.active);
    return;
  }
  if (/^\$\d+$/.test(spec)) {
    yield* panes.filter((p) => p.sessionId === spec && p.windowActive && p.active);
    return;
  }
  const colon = spec.indexOf(':');
  if (colon === -1) {
    yield* panes.filter((p) => p.sessionName === spec && p.windowActive && p.active);
    return;
  }
  const inSession = panes.filter((p) => p.sessionName === spec.slice(0, colon));
  const rest = spec.slice(colon + 1);
  if (rest === '') {
    yield* inSession.filter((p) => p.windowActive && p.active);
    return;
  }
  // The whole rest as a window (its active pane)…
  yield* inSession.filter((p) => windowMatches(p, rest) && p.active);
  // …or `window.pane`, split at any `.` followed by digits only (window names may hold dots).
  for (let dot = rest.indexOf('.'); dot !== -1; dot = rest.indexOf('.', dot + 1)) {
    const pane = rest.slice(dot + 1);
    if (!/^\d+$/.test(pane)) continue;
    const window = rest.slice(0, dot);
    yield* inSession.filter((p) => windowMatches(p, window) && p.index === Number(pane));
  }
}

function windowMatches(pane: PaneState, window: string): boolean {
  if (window === '') return false;
  return (
    pane.windowName === window || (/^\d+$/.test(window) && pane.windowIndex === Number(window))
  );
}
