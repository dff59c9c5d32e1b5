// A pane's text now: `capture-pane -p -J` (wrapped lines joined), plain unless asked for colour.
// Pane output is untrusted: even with colour only SGR survives — no OSC 52 clipboard writes, no
// title changes, no terminal queries whose replies would land in the user's shell.
import { sanitizeForTerminal } from '@plumpots/core/ui';
import { UsageError } from '@plumpots/core';
import { target, type Tmux } from '../tmux/index.js';

export interface CaptureOptions {
  /** The last N lines (history included); default: the visible screen. */
  lines?: number;
  /** Keep colours and styles (SGR only). */
  ansi?: boolean;
}

/**
 * The text of pane `%N`, trailing blank lines and trailing spaces removed, ending in a newline
 * (empty for an empty pane). One tmux call.
 * @example const text = await capturePane(tmux, '%12', { lines: 200 })
 */
export async function capturePane(
  tmux: Tmux,
  paneId: string,
  options: CaptureOptions = {},
): Promise<string> {
  if (!/^%\d+$/.test(paneId)) throw new UsageError(`not a pane id: ${JSON.stringify(paneId)}`);
  const args = ['capture-pane', '-p', '-J'];
  if (options.lines !== undefined) {
    if (!Number.isInteger(options.lines) || options.lines <= 0) {
      throw new UsageError(`--lines must be a positive whole number, not ${options.lines}`);
    }
    args.push('-S', `-${options.lines}`);
  }
  if (options.ansi) args.push('-e');
  args.push('-t', target(paneId));
  const raw = await tmux.run(args);
  const clean = sanitizeForTerminal(raw, { keepSgr: options.ansi ?? false });
  let lines = clean.split('\n').map((line) => line.replace(/[ \t]+$/, ''));
  while (lines.length > 0 && stripSgr(lines[lines.length - 1]!) === '') lines.pop();
  if (options.lines !== undefined) lines = lines.slice(-options.lines);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function stripSgr(line: string): string {
  return sanitizeForTerminal(line).trim();
}
