// Named keys (`C-c`, `Escape`, `Enter`, `Up`, `y`), sent as keys — apart from literal text, which
// `sendText` types with `send-keys -l`. Only tmux key names and single characters are accepted: a
// word that is not a key name would be typed as text, which is what `pots send <text>` is for.
import { UsageError } from '@plumpots/core';
import { chain, target, type Tmux } from '../tmux/index.js';

const NAMED =
  /^(Enter|Escape|Tab|BTab|Space|BSpace|Up|Down|Left|Right|Home|End|PageUp|PageDown|PgUp|PgDn|NPage|PPage|IC|DC|Insert|Delete|F([1-9]|1[0-2])|KP[0-9]|KPEnter)$/;

/**
 * Whether `key` is one tmux reads as a key: a name (`Enter`, `Up`, `F5`), a single character, or
 * either with `C-`, `M-`, `S-` modifiers (`C-c`, `M-Enter`).
 * @example isKeyName('C-c') // true; isKeyName('hello') // false
 */
export function isKeyName(key: string): boolean {
  const bare = key.replace(/^((C|M|S)-)+(?=.)/, '');
  return NAMED.test(bare) || [...bare].length === 1;
}

/**
 * Sends `keys` to pane `%N` in order, in one tmux call (a pane in copy-mode is taken out of it
 * first, as for text). A key that is not a key name is UsageError (exit 2), before anything is sent.
 * @example await sendKeys(tmux, '%12', ['Escape']); await sendKeys(tmux, '%12', ['C-c'])
 */
export async function sendKeys(tmux: Tmux, paneId: string, keys: readonly string[]): Promise<void> {
  if (!/^%\d+$/.test(paneId)) throw new UsageError(`not a pane id: ${JSON.stringify(paneId)}`);
  if (keys.length === 0) throw new UsageError('name at least one key: --key Escape');
  for (const key of keys) {
    if (!isKeyName(key)) {
      throw new UsageError(`not a key name: ${JSON.stringify(key)}`, {
        hint: 'keys are tmux key names (Enter, Escape, Tab, Up, C-c, M-x, F5) or one character; send text without --key',
      });
    }
  }
  const pane = target(paneId);
  await tmux.run(
    chain([
      ['if-shell', '-F', '-t', pane, '#{pane_in_mode}', `send-keys -X -t ${pane} cancel`],
      // `--`: a key such as `-` is not a flag.
      ['send-keys', '-t', pane, '--', ...keys],
    ]),
  );
}
