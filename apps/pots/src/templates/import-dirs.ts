// Directories of an imported file, made relative to the worktree. Both tools name a session
// directory (tmuxp `start_directory`, tmuxinator `root`) that pots replaces with the worktree: a
// directory inside it stays relative to the worktree; one outside stays absolute.
import { posix } from 'node:path';

/**
 * A file's directory relative to its session directory (`base`), so it can be made relative to
 * the worktree; outside the session directory it stays absolute.
 * @example relativeTo('~/src/app/web', '~/src/app', '/home/me') // 'web'
 */
export function relativeTo(
  dir: string | undefined,
  base: string | undefined,
  home: string,
): string | undefined {
  if (dir === undefined || dir.trim() === '') return undefined;
  if (!isAbsoluteish(dir)) return dir;
  if (base === undefined) return dir;
  const a = posix.normalize(expandHome(dir, home));
  const b = posix.normalize(expandHome(base, home)).replace(/\/+$/, '');
  if (a === b) return '.';
  if (a.startsWith(`${b}/`)) return a.slice(b.length + 1);
  return dir;
}

/**
 * `dir` resolved against a window directory when both are relative.
 * @example joinDir('api', 'services') // 'services/api'
 */
export function joinDir(
  dir: string | undefined,
  windowDir: string | undefined,
): string | undefined {
  if (dir === undefined) return windowDir;
  if (isAbsoluteish(dir)) return dir;
  return normalizeRelative(windowDir === undefined ? dir : posix.join(windowDir, dir));
}

function normalizeRelative(dir: string): string {
  const out = posix.normalize(dir).replace(/\/+$/, '');
  return out === '' ? '.' : out;
}

function isAbsoluteish(dir: string): boolean {
  return dir.startsWith('/') || dir === '~' || dir.startsWith('~/') || dir.startsWith('$');
}

function expandHome(dir: string, home: string): string {
  if (dir === '~') return home;
  if (dir.startsWith('~/')) return `${home}${dir.slice(1)}`;
  return dir;
}
