// Formats from one field list, parsed strictly (the real-tmux round trip is in listing.test.ts).
import { describe, expect, it } from 'vitest';
import {
  FIELD_SEPARATOR as US,
  RECORD_END as RS,
  defineFormat,
  isTmuxError,
} from '../../src/tmux/index.js';

const f = defineFormat({ id: 'session_id', path: 'session_path', wt: '@pots-worktree' });
const record = (...values: string[]) => `${values.join(US)}${US}${RS}\n`;

describe('defineFormat', () => {
  it('builds one -F argument from the field list', () => {
    expect(f.format).toBe(`#{session_id}${US}#{session_path}${US}#{@pots-worktree}${US}${RS}`);
    expect(f.keys).toEqual(['id', 'path', 'wt']);
  });

  it('parses records, keeping newlines and spaces inside fields', () => {
    const out = record('$1', '/a/nl\ndir', '') + record('$2', '/b/with space', '/wt');
    expect(f.parse(out)).toEqual([
      { id: '$1', path: '/a/nl\ndir', wt: '' },
      { id: '$2', path: '/b/with space', wt: '/wt' },
    ]);
    expect(f.parse('')).toEqual([]);
  });

  it('is strict: wrong field count, missing terminator or an empty sentinel is an error', () => {
    const bad = [
      record('$1', '/a'),
      record('$1', '/a', 'x', 'y'),
      `$1${US}/a${US}x\n`,
      record('', '/a', 'x'),
    ];
    for (const stdout of bad) {
      let caught: unknown;
      try {
        f.parse(stdout);
      } catch (error) {
        caught = error;
      }
      expect(isTmuxError(caught, 'bad-output')).toBe(true);
    }
  });

  it('refuses variables that would inject format syntax', () => {
    expect(() => defineFormat({ x: 'a}#(touch x)' })).toThrow(/bad tmux variable/);
    expect(() => defineFormat({})).toThrow(/no fields/);
  });

  it('takes another sentinel when asked', () => {
    const g = defineFormat({ a: 'session_path', id: 'session_id' }, { sentinel: 'id' });
    expect(g.parse(record('', '$1'))).toEqual([{ a: '', id: '$1' }]);
  });
});
