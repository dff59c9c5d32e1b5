// The trust prompt commands pass to ensureTrusted; apart from `plum trust` so that commands using
// it do not import the trust store's code (and its lock library) until it is needed.
import type { Ui } from '@plumpots/core/ui';
import type { EnsureTrustedOptions } from '../api/trust.js';

/**
 * The `confirm` a command passes to `ensureTrusted`: shows the commands and asks, on a terminal
 * only (without one, ensureTrusted fails closed and prints them).
 * @example await ensureTrusted(ctx, { confirm: trustConfirm(ui) });
 */
export function trustConfirm(ui: Ui): EnsureTrustedOptions['confirm'] {
  if (!ui.isInteractive()) return undefined;
  return async (message, details) => {
    ui.warn([message, ...details.map((line) => `  ${line}`)].join('\n'));
    return ui.confirm('Trust and run them?', { default: false });
  };
}
