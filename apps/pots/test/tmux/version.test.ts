// `tmux -V` parsing, the 3.2 floor, and a missing tmux (exit 5). Old versions cannot be installed
// here, so "too old" uses a fake gateway whose probe answers like tmux 2.9a would.
import { describe, expect, it } from 'vitest';
import { tmuxServer } from '@plumpots/test-fixtures';
import {
  MIN_TMUX_VERSION,
  assertTmuxVersion,
  createTmux,
  isTmuxVersionAtLeast,
  parseTmuxVersion,
  tmuxVersion,
  type Tmux,
} from '../../src/tmux/index.js';

describe('parseTmuxVersion', () => {
  it.each([
    ['tmux 3.3a\n', { channel: 'release', major: 3, minor: 3, patch: 'a' }],
    ['tmux 3.2', { channel: 'release', major: 3, minor: 2, patch: '' }],
    ['tmux 3.7c', { channel: 'release', major: 3, minor: 7, patch: 'c' }],
    ['tmux 2.9a', { channel: 'release', major: 2, minor: 9, patch: 'a' }],
    ['tmux 3.4-rc', { channel: 'release', major: 3, minor: 4, patch: '' }],
    ['tmux next-3.8', { channel: 'next', major: 3, minor: 8, patch: '' }],
    ['tmux master', { channel: 'master', major: Infinity, minor: Infinity, patch: '' }],
    ['tmux openbsd-7.6', { channel: 'openbsd', major: Infinity, minor: Infinity, patch: '' }],
  ])('%j', (output, expected) => {
    expect(parseTmuxVersion(output)).toMatchObject({ ...expected, raw: output.trim() });
  });

  it('returns null for output that names no version', () => {
    expect(parseTmuxVersion('')).toBeNull();
    expect(parseTmuxVersion('tmux')).toBeNull();
    expect(parseTmuxVersion('something else')).toBeNull();
  });
});

describe('isTmuxVersionAtLeast', () => {
  it.each([
    ['tmux 3.2', '3.2', true],
    ['tmux 3.1c', '3.2', false],
    ['tmux 3.2a', '3.2', true],
    ['tmux 3.2', '3.2a', false],
    ['tmux 3.10', '3.2', true],
    ['tmux 4.0', '3.2', true],
    ['tmux 2.9a', '3.2', false],
    ['tmux next-3.8', '3.2', true],
    ['tmux master', '3.7c', true],
  ])('%s ≥ %s: %s', (output, min, expected) => {
    expect(isTmuxVersionAtLeast(parseTmuxVersion(output)!, min)).toBe(expected);
  });
});

const fakeTmux = (stdout: string, stderr = '', exitCode = 0): Tmux => ({
  server: {},
  globalArgs: ['-u'],
  env: {},
  run: () => Promise.reject(new Error('not used')),
  probe: (args) =>
    Promise.resolve({ command: ['tmux', ...args], stdout, stderr, exitCode, signal: null }),
});

describe('assertTmuxVersion', () => {
  it(`accepts this machine's tmux (≥ ${MIN_TMUX_VERSION})`, async () => {
    const server = tmuxServer();
    try {
      const tmux = createTmux({ socketName: server.socketName }, { env: server.env });
      const version = await assertTmuxVersion(tmux);
      expect(version.raw).toMatch(/^tmux /);
      expect((await tmuxVersion(tmux)).raw).toBe(version.raw);
    } finally {
      server.kill();
    }
  });

  it('refuses an old tmux with exit 5, naming the version seen', async () => {
    await expect(assertTmuxVersion(fakeTmux('tmux 2.9a\n'))).rejects.toMatchObject({
      code: 'ERR_TMUX_TOO_OLD',
      exitCode: 5,
      message: 'tmux 2.9a is too old: pots needs tmux 3.2 or newer',
    });
  });

  it('treats OpenBSD base tmux (no -V) as current', async () => {
    await expect(
      assertTmuxVersion(fakeTmux('', 'tmux: unknown option -- V\nusage: tmux …', 1)),
    ).resolves.toMatchObject({
      channel: 'openbsd',
    });
  });

  it('refuses unreadable version output with exit 5', async () => {
    await expect(assertTmuxVersion(fakeTmux('what?'))).rejects.toMatchObject({
      code: 'ERR_TMUX_VERSION_UNKNOWN',
      exitCode: 5,
    });
  });

  it('reports a missing tmux with exit 5 and an install hint', async () => {
    const tmux = createTmux({ socketName: 'never-started' }, { env: { PATH: '/nonexistent' } });
    const error = await assertTmuxVersion(tmux).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ERR_TMUX_MISSING',
      exitCode: 5,
      message: 'tmux not found on PATH',
    });
    expect((error as { hint: string }).hint).toMatch(/apt-get install tmux.*brew install tmux/);
  });
});
