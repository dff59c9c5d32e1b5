// `-F` formats generated from one field list and parsed strictly. Paths and user options may hold
// newlines (tmux prints them raw), so records are not lines: fields are joined by US (\x1f)
// and every record ends with US RS (\x1f\x1e) before tmux's own newline. Neither byte can be in a
// name (tmux vis-escapes control characters in names), and pots refuses paths that contain them.
import { TmuxCommandError } from './errors.js';

export const FIELD_SEPARATOR = '\x1f';
export const RECORD_END = '\x1e';
const TERMINATOR = `${FIELD_SEPARATOR}${RECORD_END}\n`;
const VARIABLE = /^@?[A-Za-z][A-Za-z0-9_-]*$/;

export interface Format<K extends string> {
  /** The `-F` argument. */
  readonly format: string;
  readonly keys: readonly K[];
  /** Parses stdout of a command run with `format`: one record per object, every field a string. */
  parse(stdout: string): Array<Record<K, string>>;
}

/**
 * A format from `{ key: tmuxVariable }` (`session_id`, `@pots-worktree`, …). The `sentinel` field
 * (default: the first) must never be empty: tmux expands unknown variables to nothing, so an empty
 * sentinel means this tmux cannot answer the question.
 * @example const f = defineFormat({ id: 'session_id', name: 'session_name' });
 *   f.parse(await tmux.run(['list-sessions', '-F', f.format])) // [{ id: '$0', name: 'main' }]
 */
export function defineFormat<const F extends Record<string, string>>(
  fields: F,
  options: { sentinel?: keyof F & string } = {},
): Format<keyof F & string> {
  type K = keyof F & string;
  const keys = Object.keys(fields) as K[];
  if (keys.length === 0) throw new Error('defineFormat: no fields');
  for (const key of keys) {
    if (!VARIABLE.test(fields[key] ?? ''))
      throw new Error(`defineFormat: bad tmux variable ${JSON.stringify(fields[key])}`);
  }
  const sentinel = options.sentinel ?? keys[0]!;
  const format = `${keys.map((key) => `#{${fields[key]}}`).join(FIELD_SEPARATOR)}${FIELD_SEPARATOR}${RECORD_END}`;

  const fail = (why: string, stdout: string) =>
    new TmuxCommandError({
      kind: 'bad-output',
      message: `unexpected tmux output (${why}): ${JSON.stringify(stdout.slice(0, 200))}`,
    });

  return {
    format,
    keys,
    parse(stdout) {
      if (stdout === '') return [];
      if (!stdout.endsWith(TERMINATOR)) throw fail('record not terminated', stdout);
      return stdout
        .slice(0, -TERMINATOR.length)
        .split(TERMINATOR)
        .map((chunk) => {
          const values = chunk.split(FIELD_SEPARATOR);
          if (values.length !== keys.length) {
            throw fail(`${values.length} fields where ${keys.length} were expected`, chunk);
          }
          const record = {} as Record<K, string>;
          keys.forEach((key, i) => (record[key] = values[i]!));
          if (record[sentinel] === '') throw fail(`#{${fields[sentinel]}} is empty`, chunk);
          return record;
        });
    },
  };
}

/** A `$N`/`@N`/`%N` id field, checked: anything else is tmux output pots cannot read. */
export function idField(value: string, sigil: '$' | '@' | '%'): string {
  if (value[0] !== sigil || !/^[$@%]\d+$/.test(value)) throw badField(`${sigil} id`, value);
  return value;
}

/** An integer field, checked. */
export function intField(value: string, name: string): number {
  if (!/^-?\d+$/.test(value)) throw badField(name, value);
  return Number(value);
}

function badField(name: string, value: string): TmuxCommandError {
  return new TmuxCommandError({
    kind: 'bad-output',
    message: `tmux gave #{${name}} = ${JSON.stringify(value)}`,
  });
}
