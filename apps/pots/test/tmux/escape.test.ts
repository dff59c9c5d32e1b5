// Escaping and argv building, pure. The round trips through a real tmux are in create.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertSafeArgv, chain, fmtLiteral, shellQuote, tmuxArg } from '../../src/tmux/index.js';

describe('fmtLiteral', () => {
  it.each([
    ['feat#(touch x)', 'feat##(touch x)'],
    ['h#{host}', 'h##{host}'],
    ['##', '####'],
    ['plain', 'plain'],
  ])('%j → %j', (input, output) => expect(fmtLiteral(input)).toBe(output));
});

describe('tmuxArg', () => {
  it.each([
    ['echo x;', 'echo x\\;'],
    [';', '\\;'],
    ['a\\;', 'a\\\\;'],
    ['a;b', 'a;b'],
    ['plain', 'plain'],
    ['', ''],
  ])('%j → %j', (input, output) => expect(tmuxArg(input)).toBe(output));
});

describe('shellQuote', () => {
  it('single-quotes, with embedded quotes closed and reopened', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('$(rm -rf ~)')).toBe(`'$(rm -rf ~)'`);
  });
});

describe('chain', () => {
  it('joins commands with a standalone ";" and protects arguments ending in ";"', () => {
    expect(
      chain([
        ['new-session', '-d', '-s', 'a;'],
        ['set-option', '-t', '=a;:', '@x', ';'],
      ]),
    ).toEqual(['new-session', '-d', '-s', 'a\\;', ';', 'set-option', '-t', '=a;:', '@x', '\\;']);
    expect(chain([['list-sessions']])).toEqual(['list-sessions']);
    expect(() => chain([[]])).toThrow(/empty/);
  });

  it('never leaves an argument ending in an unescaped ";" except the separators', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (commands) => {
          const argv = chain(commands);
          expect(argv.filter((a) => a === ';').length).toBe(commands.length - 1);
          for (const arg of argv)
            if (arg !== ';' && arg.endsWith(';')) expect(arg.endsWith('\\;')).toBe(true);
        },
      ),
    );
  });
});

describe('assertSafeArgv', () => {
  it('accepts ids and exact names', () => {
    for (const t of ['$3', '@7', '%12', '=name', '=name:'])
      expect(() => assertSafeArgv(['kill-session', '-t', t])).not.toThrow();
  });

  it('rejects bare names and a missing value', () => {
    expect(() => assertSafeArgv(['kill-session', '-t', 'feat-login'])).toThrow(
      /unsafe tmux target/,
    );
    expect(() => assertSafeArgv(['has-session', '-t'])).toThrow(/unsafe tmux target/);
    expect(() => assertSafeArgv(['new-session', '-d', ';', 'kill-session', '-t', 'x'])).toThrow();
  });

  it("ignores a command's own argv after --, up to the next ;", () => {
    expect(() => assertSafeArgv(['new-session', '-d', '--', 'ls', '-t', 'x'])).not.toThrow();
    expect(() =>
      assertSafeArgv(['new-session', '--', 'ls', '-t', ';', 'kill-session', '-t', 'x']),
    ).toThrow();
  });
});
