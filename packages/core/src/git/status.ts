// Reads `git status --porcelain=v2 -z --branch`: what a worktree holds that removing it would lose.
import { PlumError } from '../errors.js';
import { git } from './gateway.js';

/** One line of porcelain v2 status. */
export interface StatusEntry {
  kind: 'changed' | 'renamed' | 'unmerged' | 'untracked' | 'ignored';
  path: string;
  /** The path before a rename or copy. */
  origPath?: string;
  /** Index and worktree state, e.g. ".M", "A.", "UU" (absent for untracked and ignored). */
  xy?: string;
  /** Submodule state, e.g. "SC.." (absent when the entry is not a submodule). */
  submodule?: string;
}

/** The `# branch.*` headers. */
export interface BranchStatus {
  /** Checked-out commit; null on an unborn branch ("(initial)"). */
  oid: string | null;
  /** Branch name; null when detached. */
  head: string | null;
  upstream: string | null;
  /** Null when there is no upstream or it is gone. */
  ahead: number | null;
  behind: number | null;
}

export interface WorktreeStatus {
  branch: BranchStatus;
  /** Every entry in git's order, ignored ones included. */
  entries: StatusEntry[];
  /** Any tracked change: changed, renamed or unmerged. */
  dirty: boolean;
  untracked: number;
  /** The ignored entries (only when asked for); directories end with "/". */
  ignored: StatusEntry[];
}

// Space-separated fields before the path, per line type (git-status(1), "Porcelain Format Version 2").
const FIELDS_BEFORE_PATH = { '1': 8, '2': 9, u: 10 } as const;

/**
 * Parses `git status --porcelain=v2 -z --branch`. Paths may hold spaces and newlines; a rename's
 * original path is the NUL field after it.
 * @example parseStatusV2('# branch.oid abc\0# branch.head main\0? new.txt\0').untracked // 1
 */
export function parseStatusV2(stdout: string): WorktreeStatus {
  const branch: BranchStatus = { oid: null, head: null, upstream: null, ahead: null, behind: null };
  const entries: StatusEntry[] = [];
  const fields = stdout.split('\0');
  if (fields.at(-1) === '') fields.pop();
  else if (stdout !== '') throw parseError('output does not end with NUL (was -z passed?)');

  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const type = field.slice(0, 2);
    if (type === '# ') parseHeader(branch, field.slice(2));
    else if (type === '? ') entries.push({ kind: 'untracked', path: field.slice(2) });
    else if (type === '! ') entries.push({ kind: 'ignored', path: field.slice(2) });
    else if (type === '1 ' || type === '2 ' || type === 'u ') {
      const key = type[0] as keyof typeof FIELDS_BEFORE_PATH;
      const [parts, path] = splitFields(field, FIELDS_BEFORE_PATH[key]);
      const xy = parts[1]!;
      const sub = parts[2]!;
      const entry: StatusEntry = {
        kind: key === '1' ? 'changed' : key === '2' ? 'renamed' : 'unmerged',
        path,
        xy,
      };
      if (sub !== 'N...') entry.submodule = sub;
      if (key === '2') {
        const orig = fields[++i];
        if (orig === undefined) throw parseError(`rename of ${path} has no original path`);
        entry.origPath = orig;
      }
      entries.push(entry);
    } else {
      throw parseError(`unknown line ${JSON.stringify(field.slice(0, 40))}`);
    }
  }

  const ignored = entries.filter((e) => e.kind === 'ignored');
  return {
    branch,
    entries,
    dirty: entries.some(
      (e) => e.kind === 'changed' || e.kind === 'renamed' || e.kind === 'unmerged',
    ),
    untracked: entries.filter((e) => e.kind === 'untracked').length,
    ignored,
  };
}

/**
 * Status of the worktree at `path`, in one git call. Untracked files are always reported (a user's
 * `status.showUntrackedFiles=no` must not hide them from a safety check); ignored ones on request.
 * @example const { dirty, untracked } = await getStatus('/repo/wt/feat');
 */
export async function getStatus(
  path: string,
  options: { ignored?: boolean; untrackedAll?: boolean } = {},
): Promise<WorktreeStatus> {
  const args = [
    'status',
    '--porcelain=v2',
    '-z',
    '--branch',
    options.untrackedAll ? '--untracked-files=all' : '--untracked-files=normal',
    // Config (diff.ignoreSubmodules, submodule.*.ignore) must not hide a dirty submodule.
    '--ignore-submodules=none',
  ];
  if (options.ignored) args.push('--ignored=matching');
  return parseStatusV2(await git(path).run(args));
}

function parseHeader(branch: BranchStatus, header: string): void {
  const space = header.indexOf(' ');
  const key = space === -1 ? header : header.slice(0, space);
  const value = space === -1 ? '' : header.slice(space + 1);
  switch (key) {
    case 'branch.oid':
      branch.oid = value === '(initial)' ? null : value;
      return;
    case 'branch.head':
      branch.head = value === '(detached)' ? null : value;
      return;
    case 'branch.upstream':
      branch.upstream = value;
      return;
    case 'branch.ab': {
      const match = /^\+(\d+) -(\d+)$/.exec(value);
      if (!match) throw parseError(`bad branch.ab ${JSON.stringify(value)}`);
      branch.ahead = Number(match[1]);
      branch.behind = Number(match[2]);
      return;
    }
    default:
      return; // e.g. "# stash <n>" with --show-stash, or headers newer git adds
  }
}

/** Splits off `count` space-separated fields; the rest (which may contain spaces) is the path. */
function splitFields(line: string, count: number): [string[], string] {
  const parts: string[] = [];
  let start = 0;
  for (let n = 0; n < count; n++) {
    const space = line.indexOf(' ', start);
    if (space === -1) throw parseError(`short line ${JSON.stringify(line.slice(0, 60))}`);
    parts.push(line.slice(start, space));
    start = space + 1;
  }
  const path = line.slice(start);
  if (path === '') throw parseError(`line without a path ${JSON.stringify(line.slice(0, 60))}`);
  return [parts, path];
}

function parseError(what: string): PlumError {
  return new PlumError('ERR_GIT_PARSE', `cannot parse git status: ${what}`);
}
