// `pots info`: one unit with its windows and panes — what runs where, with which pid — from ONE
// `list-panes -a` call filtered by the unit's id.
import { listPanes, type TmuxPane } from '../tmux/index.js';
import type { PotsContext } from './context.js';
import { listUnits, matchUnit, type Unit } from './units.js';

export interface PaneInfo {
  /** `%N`. */
  id: string;
  index: number;
  active: boolean;
  pid: number;
  /**
   * The command the template or `--cmd` gave the pane, as written (run as its process or typed
   * into its shell); else the foreground program.
   */
  command: string;
  /** The foreground program (`pane_current_command`). */
  process: string;
  /** The foreground process's directory. */
  path: string;
  dead: boolean;
  deadStatus: number | null;
  title: string;
  width: number;
  height: number;
}

export interface WindowInfo {
  /** `@N`. */
  id: string;
  index: number;
  name: string;
  panes: PaneInfo[];
}

export interface UnitInfo {
  unit: Unit;
  windows: WindowInfo[];
}

/**
 * The unit `query` names (as `pots attach` matches it: exact, else unique prefix, else unique
 * substring) with its windows and panes. Two tmux calls: the listing and `list-panes -a`.
 * @example const { unit, windows } = await unitInfo(pots, 'app-main-dev'); windows[0]?.panes[0]?.pid
 */
export async function unitInfo(pots: PotsContext, query: string): Promise<UnitInfo> {
  const unit = matchUnit(await listUnits(pots, { all: true }), query);
  const panes = (await listPanes(pots.tmux)).filter((pane) =>
    unit.mode === 'session' ? pane.sessionId === unit.id : pane.windowId === unit.id,
  );
  const windows = new Map<string, WindowInfo>();
  for (const pane of panes) {
    let window = windows.get(pane.windowId);
    if (!window) {
      window = { id: pane.windowId, index: pane.windowIndex, name: pane.windowName, panes: [] };
      windows.set(pane.windowId, window);
    }
    window.panes.push(paneInfo(pane));
  }
  return {
    unit,
    windows: [...windows.values()]
      .sort((a, b) => a.index - b.index)
      .map((w) => ({ ...w, panes: w.panes.sort((a, b) => a.index - b.index) })),
  };
}

function paneInfo(pane: TmuxPane): PaneInfo {
  return {
    id: pane.id,
    index: pane.index,
    active: pane.active,
    pid: pane.pid,
    command: pane.userCommand ?? pane.currentCommand,
    process: pane.currentCommand,
    path: pane.currentPath,
    dead: pane.dead,
    deadStatus: pane.deadStatus,
    title: pane.title,
    width: pane.width,
    height: pane.height,
  };
}
