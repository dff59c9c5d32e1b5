// Making strings reach tmux (and the shells it starts) as literal text. tmux format-expands names,
// `-c` dirs and display text (`#(cmd)` runs a shell!) and ends a command at any argv element that
// ends in `;`.

/**
 * Escapes `#` so tmux's format expansion yields `s` unchanged. Apply it to every argument tmux
 * format-expands: `new-session -s`, `new-window -n`, `rename-*`, `-c` dirs, `display -p` text,
 * `pipe-pane`/`run-shell` strings. Not to targets, `-e` values, option values or command argv.
 * @example fmtLiteral('feat#(touch x)') // 'feat##(touch x)'
 */
export function fmtLiteral(s: string): string {
  return s.replaceAll('#', '##');
}

/**
 * Protects an argv element that ends in `;` (which tmux would take as a command separator): its
 * final `;` becomes `\;`, which tmux turns back into `;`. Apply exactly once per argument —
 * `chain()` does it for you.
 * @example tmuxArg('echo x;') // 'echo x\\;'
 */
export function tmuxArg(s: string): string {
  return s.endsWith(';') ? `${s.slice(0, -1)}\\;` : s;
}

/**
 * POSIX single-quoting for a string spliced into a shell command line.
 * @example shellQuote("it's") // "'it'\\''s'"
 */
export function shellQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

const SAFE_TARGET = /^[$@%=]/;

/**
 * Throws when a tmux argv has a `-t` value that is a bare name (tmux would fall back to prefix and
 * glob matching): targets must be ids (`$3`, `@7`, `%12`) or exact (`=name`). Arguments after
 * `--` (a command's own argv) are skipped up to the next `;`. Only a separate `-t` element is
 * checked (pots never writes `-tVALUE`). For tests and assertions.
 * @example assertSafeArgv(['kill-session', '-t', '$3'])
 */
export function assertSafeArgv(argv: readonly string[]): void {
  let inCommand = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === ';') {
      inCommand = false;
      continue;
    }
    if (inCommand) continue;
    if (arg === '--') {
      inCommand = true;
      continue;
    }
    if (arg !== '-t') continue;
    const value = argv[++i];
    if (value === undefined || !SAFE_TARGET.test(value)) {
      throw new Error(
        `unsafe tmux target ${JSON.stringify(value)} in ${JSON.stringify(argv)}: use an id or =name`,
      );
    }
  }
}
