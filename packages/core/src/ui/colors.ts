// The colour decision, made once per stream: stdout and stderr can differ (`plum list | less`).
import type { Writable } from 'node:stream';
import pc from 'picocolors';

export type Palette = ReturnType<typeof pc.createColors>;

export interface ColorDecisionOptions {
  /** The stream the colours would go to. Only its `isTTY` is read. */
  stream?: Writable | { isTTY?: boolean } | undefined;
  env?: Record<string, string | undefined> | undefined;
  /** commander's `--no-color`: `false` when given. `true` (the default) forces nothing. */
  flag?: boolean | undefined;
}

/**
 * Whether to colour what goes to `stream`: `--no-color` → off; `NO_COLOR` non-empty → off;
 * `FORCE_COLOR` set → on, except `0`/`false` → off (as Node and supports-color read it); else on
 * for a TTY whose `TERM` is not `dumb`.
 * @example shouldUseColor({ stream: process.stdout, env: process.env, flag: options.color })
 */
export function shouldUseColor(options: ColorDecisionOptions = {}): boolean {
  const env = options.env ?? process.env;
  if (options.flag === false) return false;
  if (env.NO_COLOR) return false; // no-color.org: set and not empty
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return (options.stream as { isTTY?: unknown } | undefined)?.isTTY === true && env.TERM !== 'dumb';
}

/**
 * picocolors' functions, or identity functions when `enabled` is false.
 * @example const c = createPalette(true); c.green('✓')
 */
export function createPalette(enabled: boolean): Palette {
  return pc.createColors(enabled);
}
