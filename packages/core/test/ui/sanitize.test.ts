import { describe, expect, it } from 'vitest';
import { createTerminalSanitizer, sanitizeForTerminal, stripAnsi } from '../../src/ui/index.js';

const E = '\u001b';
const BEL = '\u0007';
const ST = `${E}\\`;
/** A hostile pane's output: OSC 52 clipboard write, title, cursor-position report, then colour. */
const PAYLOAD = `${E}]52;c;cHduZWQ=${BEL}${E}]0;x${BEL}${E}[6n${E}[31mred${E}[0m`;

describe('sanitizeForTerminal', () => {
  // [what, input, plain (keepSgr off), with keepSgr]
  const cases: Array<[string, string, string, string]> = [
    ['the hostile payload', PAYLOAD, 'red', `${E}[31mred${E}[0m`],
    ['OSC 8 link ended by ST', `a${E}]8;;http://x/(y)${ST}link${E}]8;;${ST}b`, 'alinkb', 'alinkb'],
    ['8-bit OSC and ST', 'a\u009d0;title\u009cb', 'ab', 'ab'],
    ['8-bit CSI SGR', '\u009b1mX', 'X', `${E}[1mX`],
    ['private CSI (cursor, alt screen)', `${E}[?25l${E}[?1049hX`, 'X', 'X'],
    ['CSI with an intermediate (cursor shape)', `${E}[2 qX`, 'X', 'X'],
    ['window report request', `${E}[21tX`, 'X', 'X'],
    ['SGR with colon parameters', `${E}[38:2::1:2:3mX`, 'X', `${E}[38:2::1:2:3mX`],
    ['bare SGR reset', `${E}[mX`, 'X', `${E}[mX`],
    ['tmux DCS passthrough of OSC 52', `${E}Ptmux;${E}${E}]52;c;AAAA${BEL}${ST}ok`, 'ok', 'ok'],
    ['APC (kitty graphics)', `${E}_Gf=100;AAAA${ST}ok`, 'ok', 'ok'],
    ['PM and SOS', `${E}^x${ST}${E}Xy${ST}ok`, 'ok', 'ok'],
    ['reset, save cursor, charset', `a${E}cb${E}7c${E}(Bd${E}#8e`, 'abcde', 'abcde'],
    ['C0 controls and DEL', 'a\u0000b\u0007c\u0008d\u007fe\u001af', 'abcdef', 'abcdef'],
    ['C1 controls', 'a\u0085b\u0080c\u0081d', 'abcd', 'abcd'],
    [
      '8-bit APC, DCS, SOS, PM strings',
      '\u009fG\u009ca\u0090q\u009cb\u0098s\u009cc\u009ep\u009cd',
      'abcd',
      'abcd',
    ],
    [
      'bidi overrides, isolates and marks',
      'a\u202eevil\u2066x\u2069\u200f\u061cb',
      'aevilxb',
      'aevilxb',
    ],
    ['tab, newline, carriage return kept', 'a\tb\r\nc', 'a\tb\r\nc', 'a\tb\r\nc'],
    ['a lone ESC at the end', `ab${E}`, 'ab', 'ab'],
    ['an unterminated OSC', `a${E}]0;title`, 'a', 'a'],
    ['ESC inside an OSC starts a new sequence', `${E}]0;x${E}[31mred`, 'red', `${E}[31mred`],
    ['a CSI cut short by a newline', `a${E}[3\nb`, 'a\nb', 'a\nb'],
    ['ESC before a non-ASCII character', `${E}éa`, 'éa', 'éa'],
    [
      'plain text, CJK, emoji, ZWJ sequences',
      'feat/日本語-😀 👩‍💻 é',
      'feat/日本語-😀 👩‍💻 é',
      'feat/日本語-😀 👩‍💻 é',
    ],
  ];

  it.each(cases)('%s', (_what, input, plain, withSgr) => {
    expect(sanitizeForTerminal(input)).toBe(plain);
    expect(sanitizeForTerminal(input, { keepSgr: true })).toBe(withSgr);
  });

  it('leaves no ESC, BEL or 6n behind for the hostile payload', () => {
    const out = sanitizeForTerminal(PAYLOAD, { keepSgr: true });
    expect(out).not.toContain(`${E}]`);
    expect(out).not.toContain(`${E}[6n`);
    expect(out).not.toContain(BEL);
  });

  it('makes one-line text: tab and newline become a space, CR goes', () => {
    expect(sanitizeForTerminal('a\tb\r\nc', { multiline: false })).toBe('a b c');
    expect(sanitizeForTerminal('safe\rEVIL', { multiline: false })).toBe('safeEVIL');
  });

  it('stripAnsi removes SGR too', () => {
    expect(stripAnsi(`${E}[1mbold${E}[22m ${E}[31mred${E}[39m`)).toBe('bold red');
    expect(stripAnsi(PAYLOAD)).toBe('red');
  });
});

describe('createTerminalSanitizer', () => {
  const input = `x${PAYLOAD} ${E}Ptmux;${E}${E}]52;c;AAAA${BEL}${ST}\u009b1mY\u202e\n${E}[?25lz`;

  it('gives the same result wherever the input is split', () => {
    for (const keepSgr of [false, true]) {
      const whole = sanitizeForTerminal(input, { keepSgr });
      for (let cut = 0; cut <= input.length; cut++) {
        const s = createTerminalSanitizer({ keepSgr });
        expect(
          s.write(input.slice(0, cut)) + s.write(input.slice(cut)) + s.end(),
          `cut at ${cut}`,
        ).toBe(whole);
      }
    }
  });

  it('gives the same result one character at a time', () => {
    const s = createTerminalSanitizer({ keepSgr: true });
    const out = [...input].map((ch) => s.write(ch)).join('') + s.end();
    expect(out).toBe(sanitizeForTerminal(input, { keepSgr: true }));
  });

  it('holds nothing back from a sequence it never finished once the input ends', () => {
    const s = createTerminalSanitizer();
    expect(s.write(`ok${E}]52;c;`)).toBe('ok');
    expect(s.end()).toBe('');
    expect(s.write('after')).toBe('after');
  });
});
