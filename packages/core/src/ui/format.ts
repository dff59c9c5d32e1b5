// Small formatting helpers shared by plum's and pots's listings and messages.
import type { Palette } from './colors.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `date` was, compactly: `45s`, `3m`, `2h`, `5d`, `4mo`, `2y` (rounded down). A date
 * in the future (clock skew between machines) reads `0s`; an invalid one `-`.
 * @example relativeTime(commitDate, new Date()) // '3m'
 */
export function relativeTime(date: Date | number, now: Date | number = Date.now()): string {
  const elapsed = Number(now) - Number(date);
  if (Number.isNaN(elapsed)) return '-';
  const ms = Math.max(0, elapsed);
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)}s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h`;
  const days = Math.floor(ms / DAY);
  if (days < 30) return `${days}d`;
  if (days < 365) return `${Math.floor(days / 30)}mo`;
  return `${Math.floor(days / 365)}y`;
}

/**
 * The first `length` characters of an object id (git's default abbreviation is 7).
 * @example shortSha('3f2a9c1d4e5b…') // '3f2a9c1'
 */
export function shortSha(oid: string, length = 7): string {
  return oid.slice(0, length);
}

/**
 * `n` followed by `word`, or by its plural (default `word + 's'`) unless `n` is 1.
 * @example plural(3, 'worktree') // '3 worktrees'; plural(1, 'branch', 'branches') // '1 branch'
 */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** What `worktreeState` reads: plum's worktree status fields (null: not looked at). */
export interface WorktreeStateFields {
  dirty: boolean | null;
  untracked: number | null;
  ahead: number | null;
  behind: number | null;
  locked: boolean;
  lockReason: string | null;
  prunable: boolean;
}

/**
 * A worktree's state as `plum list` shows it: `*` dirty, `?N` untracked files, `↑N`/`↓N` ahead/
 * behind its upstream, `locked (reason)`, `prunable`; '' when clean.
 * @example worktreeState({ ...worktree, dirty: true, untracked: 2 }, createPalette(false)) // '* ?2'
 */
export function worktreeState(w: WorktreeStateFields, c: Palette): string {
  const parts: string[] = [];
  if (w.dirty) parts.push(c.yellow('*'));
  if (w.untracked) parts.push(c.yellow(`?${w.untracked}`));
  if (w.ahead) parts.push(c.cyan(`↑${w.ahead}`));
  if (w.behind) parts.push(c.cyan(`↓${w.behind}`));
  if (w.locked) parts.push(c.red(w.lockReason ? `locked (${w.lockReason})` : 'locked'));
  if (w.prunable) parts.push(c.dim('prunable'));
  return parts.join(' ');
}

/**
 * An argv as a user could paste it into a POSIX shell, for `--verbose` and `--dry-run` lines.
 * @example formatCommand(['git', 'commit', '-m', "it's"]) // `git commit -m 'it'\''s'`
 */
export function formatCommand(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

function quoteArg(arg: string): string {
  if (arg !== '' && /^[\w./:=@%+,-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
