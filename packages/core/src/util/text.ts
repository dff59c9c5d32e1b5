// Small text helpers both apps need.

/**
 * Whether `s` holds a C0 control character or DEL: tmux stores them escaped in names, terminals
 * act on them, and they break line- and field-separated listings.
 * @example hasControl('feat\nx') // true
 */
export function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/**
 * An error's message, or the thrown value as text.
 * @example messageOf(new Error('boom')) // 'boom'
 */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
