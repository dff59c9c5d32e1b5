// `pots dash --popup`: the dashboard in a tmux popup (display-popup) of the caller's client.
import { UsageError } from '@plumpots/core';
import { shellQuote } from '../tmux/index.js';
import { paneEnv, whereAmI } from './attach.js';
import type { PotsContext } from './context.js';

/**
 * Runs `argv` (the dashboard's own command line, without `--popup`) in a `display-popup` of the
 * caller's tmux client, which closes when it exits. Only inside a pane of pots's server.
 * @example await openPopup(pots, [process.execPath, bin, 'dash'])
 */
export async function openPopup(pots: PotsContext, argv: readonly string[]): Promise<void> {
  const place = whereAmI(pots);
  if (place.kind !== 'same-server') {
    throw new UsageError('--popup needs to run inside tmux (display-popup shows on a tmux client)', {
      hint: 'run `pots dash` without --popup, or bind it in tmux.conf: bind-key D run-shell "pots dash --popup"',
    });
  }
  // display-popup hands its command to a shell: every word is quoted.
  const command = argv.map(shellQuote).join(' ');
  await pots.tmux.run(['display-popup', '-E', '-w', '90%', '-h', '90%', command], {
    env: paneEnv(pots),
  });
}
