// Reading the last lines of many panes in ONE tmux invocation: a `capture-pane -p` per pane, each
// followed by a marker line, so the output splits back into screens.
import { randomUUID } from 'node:crypto';
import { chain, type Tmux } from '../../tmux/index.js';
import { SCREEN_LINES, matchScreen, rulesFor, type ScreenRule } from '../rules/index.js';
import type { ScreenMatch } from './model.js';

/**
 * The visible screens of `paneIds` (plain text), by pane id, from one tmux call. A pane that is
 * gone by then is missing from the map (the call is retried without the failed chain).
 * @example (await readScreens(tmux, ['%1', '%2'])).get('%1')
 */
export async function readScreens(
  tmux: Tmux,
  paneIds: readonly string[],
): Promise<Map<string, string[]>> {
  const screens = new Map<string, string[]>();
  if (paneIds.length === 0) return screens;
  const marker = `pots-screen-${randomUUID()}`;
  const commands = paneIds.flatMap((id) => [
    ['capture-pane', '-p', '-J', '-t', id],
    ['display-message', '-p', '-t', id, `${marker} #{pane_id}`],
  ]);
  const result = await tmux.probe(chain(commands));
  // A failed capture (pane gone) stops the chain there: what came before it still counts.
  let lines: string[] = [];
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith(`${marker} %`)) {
      screens.set(line.slice(marker.length + 1), lastLines(lines));
      lines = [];
    } else lines.push(line);
  }
  return screens;
}

/** The last `SCREEN_LINES` non-blank lines, trailing spaces removed. */
function lastLines(lines: readonly string[]): string[] {
  return lines
    .map((line) => line.trimEnd())
    .filter((line) => line !== '')
    .slice(-SCREEN_LINES);
}

/**
 * The screen rule of `agent` that matches `lines`, as evidence; null when none does.
 * @example screenMatch('claude', ['│ > '], {})?.state // 'idle'
 */
export function screenMatch(
  agent: string,
  lines: readonly string[],
  overrides: Readonly<Record<string, readonly ScreenRule[]>> = {},
): ScreenMatch | null {
  const found = matchScreen(rulesFor(agent, overrides), lines);
  return found
    ? { rule: `${agent}/${found.rule.name}`, state: found.rule.state, line: found.line }
    : null;
}
