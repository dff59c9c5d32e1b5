// Session names from project, worktree and task. Only [A-Za-z0-9_-] survives: tmux format-expands
// `#`, rewrites or refuses `.`/`:` depending on its version and escapes `$`/`\`,
// and such a name is the same string on every tmux. Pure: no fs, no tmux.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

/** Longest segment (project, worktree, task) before `sessionName` shares out its budget. */
export const SEGMENT_MAX = 40;
/** Longest session name, collision suffix included. */
export const SESSION_NAME_MAX = 100;
const PREFIX_MAX = 12;
const PROJECT_MAX = 24;
const TASK_MAX = 16;
const SUFFIX_HEX = 4;

// A run containing at least one character outside the set, together with any `-` touching it,
// becomes one `-` ("a / b" → "a-b", "feature/login" → "feature-login"); `a--b` is left alone.
const RUN = /[^A-Za-z0-9_]*[^A-Za-z0-9_-][^A-Za-z0-9_]*/g;

/**
 * One name segment: runs outside `[A-Za-z0-9_-]` become one `-`, no leading or trailing `-`, at
 * most `max` characters, never empty (`x`).
 * @example sanitizeSegment('feature/login#2') // 'feature-login-2'
 */
export function sanitizeSegment(s: string, max: number = SEGMENT_MAX): string {
  const out = trimDashes(trimDashes(s.replace(RUN, '-')).slice(0, Math.max(1, max)));
  return out === '' ? 'x' : out;
}

export interface SessionNameParts {
  /** Optional; sanitized like a segment but may be empty and may end in `-` or `_` (`pots-`). */
  prefix?: string;
  project: string;
  worktree: string;
  task: string;
}

/**
 * `{prefix}{project}-{worktree}-{task}` with every part sanitized. The result matches
 * `^[A-Za-z0-9_][A-Za-z0-9_-]*$` (so it never starts with `-`, `=`, `$`, `@`, `%`, and never holds
 * `.`, `:`, `#`) and is at most 100 characters; the worktree part gets what project, task and
 * prefix leave (at least 41), so two tasks of one worktree never truncate into one name, and room is
 * kept for a collision suffix.
 * @example sessionName({ prefix: 'p-', project: 'app', worktree: 'feat/login', task: 'dev' }) // 'p-app-feat-login-dev'
 */
export function sessionName(parts: SessionNameParts): string {
  const prefix = sanitizePrefix(parts.prefix ?? '');
  const project = sanitizeSegment(parts.project, PROJECT_MAX);
  const task = sanitizeSegment(parts.task, TASK_MAX);
  const room = SESSION_NAME_MAX - SUFFIX_HEX - 1 - prefix.length - project.length - task.length - 2;
  const worktree = sanitizeSegment(parts.worktree, room);
  return guardStart(`${prefix}${project}-${worktree}-${task}`);
}

/**
 * `name-abcd`: 4 hex digits of the SHA-1 of the worktree's absolute path, for two worktrees whose
 * names sanitize alike. Stable across runs and machines for one path; `name` is shortened so the
 * result stays within 100 characters.
 * @example withCollisionSuffix('app-feat-login-dev', '/src/app.worktrees/feat-login') // 'app-feat-login-dev-' + 4 hex
 */
export function withCollisionSuffix(
  name: string,
  worktreePath: string,
  hexLength: number = SUFFIX_HEX,
): string {
  const hash = createHash('sha1').update(resolve(worktreePath)).digest('hex').slice(0, hexLength);
  const base = trimDashes(name.slice(0, SESSION_NAME_MAX - hexLength - 1)) || 'x';
  return `${base}-${hash}`;
}

/**
 * Gives every entry a name no other entry has: names shared by different paths get
 * `withCollisionSuffix` (longer hashes only if 4 hex digits still collide); unique names and
 * entries repeating one path stay as they are. Same order as the input; the result depends only on
 * the set of entries, not their order.
 * @example disambiguate([{ path: '/a/x.y', name: 'p-x-y-dev' }, { path: '/a/x-y', name: 'p-x-y-dev' }])
 */
export function disambiguate<T extends { path: string; name: string }>(entries: readonly T[]): T[] {
  const pathsByName = new Map<string, Set<string>>();
  for (const { path, name } of entries) {
    const key = resolve(path);
    const paths = pathsByName.get(name) ?? new Set<string>();
    paths.add(key);
    pathsByName.set(name, paths);
  }
  const taken = new Set(
    [...pathsByName].filter(([, paths]) => paths.size === 1).map(([name]) => name),
  );
  const renamed = new Map<string, string>(); // `${name}\0${path}` → new name
  for (const [name, paths] of [...pathsByName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (paths.size === 1) continue;
    const sorted = [...paths].sort();
    for (let hex = SUFFIX_HEX; ; hex += 2) {
      const names = sorted.map((path) => withCollisionSuffix(name, path, hex));
      if (new Set(names).size === names.length && names.every((n) => !taken.has(n))) {
        sorted.forEach((path, i) => renamed.set(`${name}\0${path}`, names[i]!));
        names.forEach((n) => taken.add(n));
        break;
      }
      if (hex >= 40) throw new Error(`disambiguate: cannot separate ${JSON.stringify(sorted)}`);
    }
  }
  return entries.map((entry) => {
    const name = renamed.get(`${entry.name}\0${resolve(entry.path)}`);
    return name === undefined ? entry : { ...entry, name };
  });
}

function sanitizePrefix(s: string): string {
  return s.replace(RUN, '-').replace(/^-+/, '').slice(0, PREFIX_MAX);
}

// Belt and braces: with the character set above only `-` could lead, and segments are trimmed, but a
// name starting with `-` reads as a flag and `=`/`$`/`@`/`%` as a target, so prepend `p`.
function guardStart(name: string): string {
  return /^[-=$@%]/.test(name) ? `p${name}` : name;
}

function trimDashes(s: string): string {
  return s.replace(/^-+|-+$/g, '');
}
