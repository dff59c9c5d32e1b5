// tmuxp's `window_index`: a window of a new session at the index the file gives, the others at the
// lowest free index from the first window's, in file order — as tmuxp builds them. The layout is
// made in one invocation with windows appended in order; this moves the ones that differ (by id,
// through a temporary index, so two windows may trade places).
import { target } from '../tmux/index.js';
import type { Template } from './model.js';

/** A template window as created: its template name, id and index. */
export interface CreatedWindow {
  window: string;
  windowId: string;
  windowIndex: number;
}

/**
 * The `move-window` commands that put each window where tmuxp would, and warnings for indices
 * that collide. Empty when no window has an `index`.
 * @example windowMoves(template, created, '$3').commands // [['move-window', '-d', '-s', '@5', '-t', '$3:100005'], …]
 */
export function windowMoves(
  template: Template,
  created: readonly CreatedWindow[],
  sessionId: string,
): { commands: string[][]; warnings: string[] } {
  const warnings: string[] = [];
  if (!template.windows.some((w) => w.index !== undefined) || created.length === 0) {
    return { commands: [], warnings };
  }
  const byName = new Map(created.map((c) => [c.window, c]));
  const base = Math.min(...created.map((c) => c.windowIndex));
  const taken = new Set<number>();
  const wanted: Array<{ from: CreatedWindow; to: number }> = [];
  for (const window of template.windows) {
    const made = byName.get(window.name);
    if (!made) continue;
    let to = window.index;
    if (to !== undefined && taken.has(to)) {
      warnings.push(
        `window "${window.name}": index ${to} is already another window's; it goes to the next free one`,
      );
      to = undefined;
    }
    if (to === undefined) {
      to = base;
      while (taken.has(to)) to++;
    }
    taken.add(to);
    wanted.push({ from: made, to });
  }
  const moving = wanted.filter((m) => m.from.windowIndex !== m.to);
  const parking = Math.max(...created.map((c) => c.windowIndex), ...taken) + 1;
  const session = target(sessionId);
  const move = (id: string, index: number) => [
    'move-window',
    '-d',
    '-s',
    target(id),
    '-t',
    `${session}:${index}`,
  ];
  return {
    commands: [
      ...moving.map((m, i) => move(m.from.windowId, parking + i)),
      ...moving.map((m) => move(m.from.windowId, m.to)),
    ],
    warnings,
  };
}
