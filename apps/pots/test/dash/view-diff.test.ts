// When the dashboard redraws: only when what it shows changed (pure; no tmux).
import { describe, expect, it } from 'vitest';
import type { DashPane, DashWorktree } from '../../src/api/dash.js';
import { flattenRows } from '../../src/dash/format.js';
import { agesKey, viewChanged } from '../../src/dash/view-diff.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

function pane(id: string, patch: Partial<DashPane> = {}): DashPane {
  return {
    id,
    session: 'app-main-dev',
    window: 'claude',
    name: 'claude',
    command: 'claude',
    agent: 'claude',
    spawned: true,
    state: 'idle',
    since: new Date(T0).toISOString(),
    activity: new Date(T0).toISOString(),
    exitCode: null,
    evidence: 'no output for 12 s',
    log: null,
    path: '/src/app',
    ...patch,
  };
}

function view(panes: DashPane[], now = T0 + 12_000, previewOf: string | null = null) {
  const worktree: DashWorktree = {
    path: '/src/app',
    name: 'app',
    branch: 'main',
    project: 'app',
    isMain: true,
    dirty: false,
    untracked: 0,
    ahead: null,
    behind: null,
    orphan: false,
    units: ['app-main-dev'],
    panes,
  };
  return { rows: flattenRows([worktree], ''), previewOf, now, mode: 'list', counts: [['idle', 1]] };
}

describe('viewChanged', () => {
  it('a listing that finds the same panes (new objects, new activity) is no change', () => {
    const a = view([pane('%1')]);
    const b = view([pane('%1', { activity: new Date(T0 + 5000).toISOString() })]);
    b.counts = [['idle', 1]];
    expect(viewChanged(a, b)).toBe(false);
  });

  it('a state, an exit code or a new pane is a change', () => {
    const a = view([pane('%1')]);
    expect(viewChanged(a, view([pane('%1', { state: 'waiting' })]))).toBe(true);
    expect(viewChanged(a, view([pane('%1', { state: 'exited', exitCode: 3 })]))).toBe(true);
    expect(viewChanged(a, view([pane('%1'), pane('%2')]))).toBe(true);
  });

  it('the evidence counts only for the previewed pane (its title shows it)', () => {
    const changed = pane('%1', { evidence: 'no output for 17 s' });
    expect(viewChanged(view([pane('%1')]), view([changed]))).toBe(false);
    expect(viewChanged(view([pane('%1')], T0, '%1'), view([changed], T0, '%1'))).toBe(true);
  });

  it('the clock is a change only when it moves an age shown', () => {
    const a = view([pane('%1')], T0 + 12_000);
    expect(viewChanged(a, view([pane('%1')], T0 + 12_400))).toBe(false);
    expect(viewChanged(a, view([pane('%1')], T0 + 13_000))).toBe(true);
    const old = view([pane('%1')], T0 + 125_000);
    expect(viewChanged(old, view([pane('%1')], T0 + 170_000))).toBe(false); // still "2m"
    expect(agesKey(old.rows, T0 + 180_000)).toBe(' 3m');
  });

  it('any other field is compared by identity', () => {
    const a = view([pane('%1')]);
    expect(viewChanged(a, { ...a, mode: 'help' })).toBe(true);
    expect(viewChanged(a, { ...a })).toBe(false);
  });
});
