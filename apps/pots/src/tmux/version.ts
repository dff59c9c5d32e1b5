// Which tmux this is, parsed leniently (`tmux 3.3a`, `tmux next-3.8`, `tmux master`, OpenBSD's
// `tmux openbsd-7.6`), and the floor pots needs: 3.2, like libtmux (new-session -e, list -f).
import { DependencyError } from '@plumpots/core';
import type { Tmux } from './server.js';

export const MIN_TMUX_VERSION = '3.2';

export interface TmuxVersion {
  /** What tmux printed, e.g. `tmux 3.3a`. */
  raw: string;
  /** `release` (3.3a), `next` (next-3.8: a development build), `master`, or `openbsd` (base system). */
  channel: 'release' | 'next' | 'master' | 'openbsd';
  /** Infinity for `master` and `openbsd`, whose version number is not tmux's. */
  major: number;
  minor: number;
  /** The letter of a patch release (`a` in 3.3a), or ''. */
  patch: string;
}

/**
 * Parses `tmux -V` output; null when it names no version at all.
 * @example parseTmuxVersion('tmux 3.3a') // { channel: 'release', major: 3, minor: 3, patch: 'a', … }
 */
export function parseTmuxVersion(output: string): TmuxVersion | null {
  const raw = output.trim();
  const text = raw.replace(/^tmux\s+/i, '');
  if (/^(master|HEAD)\b/i.test(text))
    return { raw, channel: 'master', major: Infinity, minor: Infinity, patch: '' };
  if (/^openbsd-/i.test(text))
    return { raw, channel: 'openbsd', major: Infinity, minor: Infinity, patch: '' };
  const match = /^(next-)?v?(\d+)\.(\d+)([a-z]?)/i.exec(text);
  if (!match) return null;
  return {
    raw,
    channel: match[1] ? 'next' : 'release',
    major: Number(match[2]),
    minor: Number(match[3]),
    patch: (match[4] ?? '').toLowerCase(),
  };
}

/**
 * True when `version` is `min` (`'3.2'`, `'3.3a'`) or newer; development builds count as the
 * release they lead to.
 * @example isTmuxVersionAtLeast(parseTmuxVersion('tmux 3.3a')!, '3.2') // true
 */
export function isTmuxVersionAtLeast(version: TmuxVersion, min: string): boolean {
  const floor = parseTmuxVersion(min);
  if (!floor) throw new Error(`not a tmux version: ${min}`);
  if (version.major !== floor.major) return version.major > floor.major;
  if (version.minor !== floor.minor) return version.minor > floor.minor;
  return version.patch >= floor.patch;
}

/**
 * Asks tmux its version. Throws DependencyError (exit 5) when tmux is missing or the answer names
 * no version.
 * @example (await tmuxVersion(tmux)).raw // 'tmux 3.3a'
 */
export async function tmuxVersion(tmux: Tmux): Promise<TmuxVersion> {
  const result = await tmux.probe(['-V']);
  // OpenBSD's base tmux has no -V (libtmux treats it as current).
  if (result.exitCode !== 0 && /unknown option -- V/.test(result.stderr)) {
    return { raw: 'tmux openbsd', channel: 'openbsd', major: Infinity, minor: Infinity, patch: '' };
  }
  const version = result.exitCode === 0 ? parseTmuxVersion(result.stdout) : null;
  if (!version) {
    const said = (result.stdout || result.stderr).trim();
    throw new DependencyError(
      'ERR_TMUX_VERSION_UNKNOWN',
      `could not tell tmux's version from \`tmux -V\`: ${JSON.stringify(said)}`,
      {
        hint: `pots needs tmux ${MIN_TMUX_VERSION} or newer`,
      },
    );
  }
  return version;
}

/**
 * Throws DependencyError (exit 5) unless tmux is installed and at least `min`; returns the version.
 * @example await assertTmuxVersion(tmux)
 */
export async function assertTmuxVersion(
  tmux: Tmux,
  min: string = MIN_TMUX_VERSION,
): Promise<TmuxVersion> {
  const version = await tmuxVersion(tmux);
  if (!isTmuxVersionAtLeast(version, min)) {
    throw new DependencyError(
      'ERR_TMUX_TOO_OLD',
      `${version.raw} is too old: pots needs tmux ${min} or newer`,
      {
        hint: 'upgrade tmux: apt-get install tmux (Debian/Ubuntu) or brew install tmux (macOS), or build it from https://github.com/tmux/tmux',
      },
    );
  }
  return version;
}
