// Shared by the template tests: the fixture files, and a YAML parser for them. pots itself has no
// YAML dependency; the tests borrow core's js-yaml (resolved from core's own install) and hand it
// to the library as the `parse` option.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { TemplateTextParser } from '../../src/templates/index.js';

const require = createRequire(import.meta.url);
const fromCore = createRequire(require.resolve('@plumpots/core/package.json'));
const yaml = fromCore('js-yaml') as { load(text: string, options?: object): unknown };

/** JSON by extension, YAML otherwise. */
export const parse: TemplateTextParser = (file, text) =>
  file.endsWith('.json')
    ? (JSON.parse(text) as unknown)
    : (yaml.load(text, { filename: file }) ?? undefined);

/** Absolute path of a file in test/fixtures/templates. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/templates/${name}`, import.meta.url));
}

/** One pane of a session as tmux reports it. */
export interface SeenPane {
  windowIndex: number;
  windowId: string;
  windowName: string;
  windowTag: string;
  windowActive: boolean;
  windowWidth: number;
  windowHeight: number;
  id: string;
  index: number;
  tag: string;
  active: boolean;
  left: number;
  top: number;
  width: number;
  height: number;
  startPath: string;
  currentPath: string;
  currentCommand: string;
  startCommand: string;
  dead: boolean;
  title: string;
  /** `@pots-command`: the command pots recorded for the pane, as written. */
  userCommand: string;
}

const SEEN_FIELDS = [
  'window_index',
  'window_id',
  'window_name',
  '@pots-window',
  'window_active',
  'window_width',
  'window_height',
  'pane_id',
  'pane_index',
  '@pots-pane',
  'pane_active',
  'pane_left',
  'pane_top',
  'pane_width',
  'pane_height',
  'pane_start_path',
  'pane_current_path',
  'pane_current_command',
  'pane_start_command',
  'pane_dead',
  'pane_title',
  '@pots-command',
];

/** Every pane of a session, read straight from tmux (not through pots), in window/pane order. */
export function seePanes(
  server: { tmux(args: readonly string[]): string },
  sessionId: string,
): SeenPane[] {
  // Records end in RS: `@pots-command` may hold newlines (a template's commands are lines).
  const format = `${SEEN_FIELDS.map((f) => `#{${f}}`).join('\x1f')}\x1e`;
  return server
    .tmux(['list-panes', '-s', '-t', sessionId, '-F', format])
    .split('\x1e\n')
    .filter((line) => line !== '')
    .map((line) => {
      const v = line.split('\x1f');
      const s = (i: number) => v[i] ?? '';
      const n = (i: number) => Number(v[i]);
      return {
        windowIndex: n(0),
        windowId: s(1),
        windowName: s(2),
        windowTag: s(3),
        windowActive: s(4) === '1',
        windowWidth: n(5),
        windowHeight: n(6),
        id: s(7),
        index: n(8),
        tag: s(9),
        active: s(10) === '1',
        left: n(11),
        top: n(12),
        width: n(13),
        height: n(14),
        startPath: s(15),
        currentPath: s(16),
        currentCommand: s(17),
        startCommand: s(18),
        dead: s(19) === '1',
        title: s(20),
        userCommand: s(21),
      };
    });
}

/** The panes of one window (by template name), in pane order. */
export function windowPanes(panes: readonly SeenPane[], tag: string): SeenPane[] {
  return panes.filter((p) => p.windowTag === tag).sort((a, b) => a.index - b.index);
}

/**
 * Which preset a window's pane geometry matches (for 2+ panes): tmux reports the layout as a
 * string, so the tests check the shape instead.
 */
export function shapeOf(panes: readonly SeenPane[]): string {
  const [first, ...rest] = panes;
  if (!first || rest.length === 0) return 'single';
  const W = first.windowWidth;
  const H = first.windowHeight;
  const all = [first, ...rest];
  const even = (sizes: number[]) => Math.max(...sizes) - Math.min(...sizes) <= 1;
  if (all.every((p) => p.top === 0 && p.height === H) && even(all.map((p) => p.width)))
    return 'even-horizontal';
  if (all.every((p) => p.left === 0 && p.width === W) && even(all.map((p) => p.height)))
    return rest.length === 1 ? 'even-vertical|tiled' : 'even-vertical';
  if (
    first.left === 0 &&
    first.top === 0 &&
    first.height === H &&
    rest.every((p) => p.left > first.width - 1)
  )
    return 'main-vertical';
  if (
    first.left === 0 &&
    first.top === 0 &&
    first.width === W &&
    rest.every((p) => p.top > first.height - 1)
  )
    return 'main-horizontal';
  return 'tiled';
}
