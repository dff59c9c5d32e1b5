// `pots dash --popup`: the dashboard in a tmux popup (display-popup) of the caller's client.
import { UsageError } from '@plumpots/core';
import { shellQuote } from '../tmux/index.js';
import { paneEnv, whereAmI } from './attach.js';
import type { PotsContext } from './context.js';
import { DASH_CLIENT_VAR, userClient } from './dash-actions.js';

/** Set in the popup's dashboard: Enter, once it has switched the client, closes the popup. */
export const DASH_POPUP_VAR = 'POTS_DASH_POPUP';

/**
 * Runs `argv` (the dashboard's own command line, without `--popup`) in a `display-popup` of the
 * caller's tmux client, which closes when it exits. Only inside a pane of pots's server.
 * @example await openPopup(pots, [process.execPath, bin, 'dash'])
 */
export async function openPopup(pots: PotsContext, argv: readonly string[]): Promise<void> {
  const place = whereAmI(pots);
  if (place.kind !== 'same-server') {
    throw new UsageError(
      '--popup needs to run inside tmux (display-popup shows on a tmux client)',
      {
        hint: 'run `pots dash` without --popup, or bind it in tmux.conf: bind-key D run-shell "pots dash --popup"',
      },
    );
  }
  const client = await userClient(pots);
  if (!client) {
    throw new UsageError('no tmux client shows the pane pots runs in: nowhere to open the popup', {
      hint: 'run it from a pane your terminal shows, or bind it in tmux.conf',
    });
  }
  // display-popup hands its command to a shell: every word is quoted. The dashboard inside learns
  // its client (a popup has no pane of its own) and that Enter ends it.
  const vars = [`${DASH_CLIENT_VAR}=${client}`, `${DASH_POPUP_VAR}=1`];
  const command = ['env', ...vars, ...argv].map(shellQuote).join(' ');
  await pots.tmux.run(['display-popup', '-c', client, '-E', '-w', '90%', '-h', '90%', command], {
    env: paneEnv(pots),
  });
}
