// A tiny glob for `--filter`: `*` any run, `?` one character, `[abc]`/`[!a-z]` a class, `\x` a
// literal x. (picomatch is not a dependency of pots; session names need no more than this.)

/**
 * Compiles `pattern` to a predicate matching whole strings.
 * @example globMatcher('app-*-dev')('app-feat-dev') // true
 */
export function globMatcher(pattern: string): (s: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '\\' && i + 1 < pattern.length) source += escape(pattern[++i]!);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) {
        source += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      source += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else source += escape(c);
  }
  const re = new RegExp(`^${source}$`, 'su');
  return (s) => re.test(s);
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);
}
