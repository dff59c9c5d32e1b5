import { describe, expect, it } from 'vitest';
import { createPalette, shouldUseColor } from '../../src/ui/index.js';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('shouldUseColor', () => {
  // [what, stream, env, --no-color flag, expected]
  const cases: Array<
    [string, { isTTY: boolean }, Record<string, string>, boolean | undefined, boolean]
  > = [
    ['a terminal', tty, {}, undefined, true],
    ['a pipe', pipe, {}, undefined, false],
    ['--no-color on a terminal', tty, {}, false, false],
    ['--no-color beats FORCE_COLOR', pipe, { FORCE_COLOR: '1' }, false, false],
    ['color: true (no --no-color) forces nothing', pipe, {}, true, false],
    ['NO_COLOR=1 on a terminal', tty, { NO_COLOR: '1' }, undefined, false],
    ['NO_COLOR empty is not set (no-color.org)', tty, { NO_COLOR: '' }, undefined, true],
    ['NO_COLOR beats FORCE_COLOR', tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, undefined, false],
    ['FORCE_COLOR=1 on a pipe', pipe, { FORCE_COLOR: '1' }, undefined, true],
    ['FORCE_COLOR empty on a pipe', pipe, { FORCE_COLOR: '' }, undefined, true],
    ['FORCE_COLOR=3 on a pipe', pipe, { FORCE_COLOR: '3' }, undefined, true],
    ['FORCE_COLOR=0 on a terminal', tty, { FORCE_COLOR: '0' }, undefined, false],
    ['FORCE_COLOR=false on a terminal', tty, { FORCE_COLOR: 'false' }, undefined, false],
    ['TERM=dumb on a terminal', tty, { TERM: 'dumb' }, undefined, false],
  ];

  it.each(cases)('%s', (_what, stream, env, flag, expected) => {
    expect(shouldUseColor({ stream, env, flag })).toBe(expected);
  });

  it('treats a missing stream as not a terminal', () => {
    expect(shouldUseColor({ env: {} })).toBe(false);
  });
});

describe('createPalette', () => {
  it('colours when enabled and is the identity when not', () => {
    expect(createPalette(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(createPalette(false).red('x')).toBe('x');
  });
});
