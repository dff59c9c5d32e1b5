// Typing text into a pane, literally. `send-keys` without `-l` reads key names (`C-c`, `Enter`), a
// leading `-` is a flag, an argument ending in `;` ends the tmux command, and a newline
// is Enter to a shell. So: one line goes as `send-keys -l --` (chain() escapes a final `;`);
// more lines go through a named buffer loaded from stdin and pasted with bracketed-paste markers,
// and Enter follows in its own invocation, so an agent's TUI takes the block as one prompt.
//
// A dead pane (remain-on-exit) is checked by tmux itself, in the same invocation: send-keys to one
// is silently lost, and `paste-buffer` into one CRASHES the tmux 3.3a server — every session gone.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { ExitCode, PlumError, UsageError } from '@plumpots/core';
import { chain, target, type Tmux } from '../tmux/index.js';
import { POTS_PANE_OPTIONS } from '../tmux/pane-state.js';

export interface SendTextOptions {
  /** Press Enter after the text (default true). */
  enter?: boolean;
  /**
   * The pane's pots log (`PaneState.log`), when it has one: its size is recorded on the pane
   * (`@pots-sent`) in the same invocation as the keys, so a later `waitFor(…, { text })` reads the
   * answer from there even if it was printed before the wait began.
   */
  log?: string | null;
}

export interface SendTextResult {
  pane: string;
  /** `keys` (send-keys -l) or `paste` (load-buffer + paste-buffer -p). */
  via: 'keys' | 'paste';
  /** tmux invocations used. */
  calls: number;
}

const DEAD = 'pots:pane-is-dead';

function deadPane(pane: string): PlumError {
  return new PlumError(
    'ERR_POTS_PANE_DEAD',
    `pane ${pane} is dead (its command exited): nothing was sent`,
    ExitCode.failed,
    {
      hint: `see its exit status with \`pots wait ${pane} --exit\`; restart it with \`tmux respawn-pane -k -t ${pane}\``,
    },
  );
}

/** Longer single lines go through a buffer too: tmux refuses commands over ~16 KB. */
const MAX_KEYS_TEXT = 4096;

/**
 * Sends `text` to pane `%N` exactly as given — `;`, `#(…)`, quotes, a leading `-`, `C-c`, unicode
 * — then Enter unless `enter: false`. Text with a newline is one bracketed paste (the program must
 * have enabled bracketed paste to tell it apart from typing, as shells and agent TUIs do), then
 * Enter. A pane in copy-mode is taken out of it first, or the keys would go to copy-mode.
 * @example await sendText(tmux, '%12', 'Summarize the diff.\nThen list risks.')
 */
export async function sendText(
  tmux: Tmux,
  paneId: string,
  text: string,
  options: SendTextOptions = {},
): Promise<SendTextResult> {
  if (!/^%\d+$/.test(paneId)) throw new UsageError(`not a pane id: ${JSON.stringify(paneId)}`);
  const pane = target(paneId);
  const enter = options.enter ?? true;
  const body = text.replace(/\r\n/g, '\n');
  // Evaluated by tmux itself, so nothing can slip in between the check and the keys.
  const leaveMode = [
    'if-shell',
    '-F',
    '-t',
    pane,
    '#{pane_in_mode}',
    `send-keys -X -t ${pane} cancel`,
  ];
  const pressEnter = ['send-keys', '-t', pane, 'Enter'];
  const mark: string[][] = [];
  if (options.log) {
    // No log yet means the pipe's `cat` has not opened it: nothing has been written, so the answer
    // starts at 0.
    const size = await stat(options.log).then(
      (s) => s.size,
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 0 : null),
    );
    if (size !== null)
      mark.push(['set-option', '-p', '-t', pane, POTS_PANE_OPTIONS.sent, String(size)]);
  }

  // Prints the marker (and the keys after it go nowhere) when the pane is dead.
  const ifDead = (then: string, otherwise?: string) => [
    'if-shell', '-F', '-t', pane, '#{pane_dead}', `${then}display-message -p ${DEAD}`,
    ...(otherwise === undefined ? [] : [otherwise]),
  ]; // prettier-ignore

  if (!/[\n\r]/.test(body) && body.length <= MAX_KEYS_TEXT) {
    const keys: string[][] = [];
    if (body !== '') keys.push(['send-keys', '-t', pane, '-l', '--', body]);
    if (enter) keys.push(pressEnter);
    if (keys.length === 0) return { pane, via: 'keys', calls: 0 };
    const said = await tmux.run(chain([ifDead(''), ...mark, leaveMode, ...keys]));
    if (said.includes(DEAD)) throw deadPane(pane);
    return { pane, via: 'keys', calls: 1 };
  }

  // A named buffer: the unnamed one is shared with the user and other clients.
  const buffer = `pots-${randomUUID()}`;
  let said: string;
  try {
    said = await tmux.run(
      chain([
        ['load-buffer', '-b', buffer, '-'],
        ...mark,
        leaveMode,
        // Only pane ids and the buffer's own name are in these command strings: nothing a user wrote.
        ifDead(`delete-buffer -b ${buffer} ; `, `paste-buffer -p -d -b ${buffer} -t ${pane}`),
      ]),
      { input: body },
    );
  } catch (error) {
    await tmux.probe(['delete-buffer', '-b', buffer]);
    throw error;
  }
  if (said.includes(DEAD)) throw deadPane(pane);
  if (enter) await tmux.run(chain([pressEnter]));
  return { pane, via: 'paste', calls: enter ? 2 : 1 };
}
