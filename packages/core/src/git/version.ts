// Which git is on PATH, and whether it is new enough for the porcelain plum parses.
import { tmpdir } from 'node:os';
import { DependencyError, PlumError } from '../errors.js';
import { git } from './gateway.js';

export interface GitVersion {
  /** git's own words, e.g. "git version 2.39.5 (Apple Git-154)". */
  raw: string;
  major: number;
  minor: number;
  patch: number;
}

/** Oldest git plum supports: `git worktree list -z` arrived in 2.36. */
export const MIN_GIT_VERSION = '2.36.0';
const MIN_SHORT = MIN_GIT_VERSION.replace(/\.0$/, '');

/**
 * Reads "git version X.Y.Z…" (Apple, Windows and rc suffixes allowed).
 * @example parseGitVersion('git version 2.45.1.windows.1') // { major: 2, minor: 45, patch: 1, raw: … }
 */
export function parseGitVersion(raw: string): GitVersion {
  const text = raw.trim();
  const match = /^git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match)
    throw new PlumError('ERR_GIT_PARSE', `cannot parse git version: ${JSON.stringify(text)}`);
  return {
    raw: text,
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3] ?? 0),
  };
}

/**
 * The version of the git on PATH. One git call.
 * @example const { major, minor } = await gitVersion();
 */
export async function gitVersion(): Promise<GitVersion> {
  // Any existing directory will do; the caller's cwd may have been deleted under us.
  return parseGitVersion(await git(tmpdir()).run(['--version']));
}

/**
 * Throws DependencyError ERR_GIT_TOO_OLD (exit 5) when git is older than MIN_GIT_VERSION.
 * Pass a version to check it without a git call.
 * @example await assertGitVersion(); // at CLI start-up, before the first listing
 */
export async function assertGitVersion(version?: GitVersion): Promise<GitVersion> {
  const v = version ?? (await gitVersion());
  const [minMajor, minMinor, minPatch] = MIN_GIT_VERSION.split('.').map(Number) as [
    number,
    number,
    number,
  ];
  const tooOld =
    v.major !== minMajor
      ? v.major < minMajor
      : v.minor !== minMinor
        ? v.minor < minMinor
        : v.patch < minPatch;
  if (tooOld) {
    const shown = `${v.major}.${v.minor}.${v.patch}`;
    throw new DependencyError(
      'ERR_GIT_TOO_OLD',
      `git ${shown} is too old: plum needs git >= ${MIN_SHORT}`,
      {
        hint: `upgrade git (found "${v.raw}"); plum parses \`git worktree list -z\`, new in git ${MIN_SHORT}`,
      },
    );
  }
  return v;
}
