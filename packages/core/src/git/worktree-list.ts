// Reads `git worktree list --porcelain -z`: the only listing format that survives LF in paths and lock reasons.
import { DependencyError, PlumError } from '../errors.js';
import { discoveryFailure, git } from './gateway.js';

/** One entry of `git worktree list`, as git reports it (paths are not realpath'd). */
export interface WorktreeRecord {
  path: string;
  /** Commit checked out; null for a bare entry or an unborn branch. */
  head: string | null;
  /** Short branch name ("refs/heads/" stripped); null when detached or bare. */
  branch: string | null;
  /** Full ref, e.g. "refs/heads/feat/x". */
  ref: string | null;
  bare: boolean;
  /** Also true mid-rebase: git reports a rebasing worktree as detached. */
  detached: boolean;
  locked: boolean;
  lockReason: string | null;
  /** The worktree's directory is gone (or otherwise stale); `git worktree prune` would drop it. */
  prunable: boolean;
  prunableReason: string | null;
}

const ZERO_OID = /^0+$/;

/**
 * Parses `git worktree list --porcelain -z`: NUL-terminated `key[ value]` fields, an empty field
 * ends a record. Unknown keys are skipped; a record that does not open with `worktree` throws.
 * @example parseWorktreeList('worktree /r\0HEAD 1a2b\0branch refs/heads/main\0\0')[0]?.branch // "main"
 */
export function parseWorktreeList(stdout: string): WorktreeRecord[] {
  if (stdout === '') return [];
  if (!stdout.endsWith('\0')) throw parseError('output does not end with NUL (was -z passed?)');
  const fields = stdout.slice(0, -1).split('\0');
  const records: WorktreeRecord[] = [];
  let current: WorktreeRecord | undefined;
  for (const field of fields) {
    if (field === '') {
      if (!current) throw parseError('empty record');
      records.push(current);
      current = undefined;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space === -1 ? field : field.slice(0, space);
    const value = space === -1 ? null : field.slice(space + 1);
    if (key === 'worktree') {
      if (current) throw parseError(`record for ${current.path} is not terminated`);
      if (!value) throw parseError('worktree line without a path');
      current = emptyRecord(value);
      continue;
    }
    if (!current)
      throw parseError(`record does not start with a worktree line: ${JSON.stringify(field)}`);
    applyField(current, key, value);
  }
  if (current) throw parseError(`record for ${current.path} is not terminated (truncated output?)`);
  return records;
}

/**
 * Every worktree of the repository containing `cwd`, main (or bare) entry first. One git call.
 * @example const [main, ...linked] = await listWorktreeRecords('/repo');
 */
export async function listWorktreeRecords(cwd: string): Promise<WorktreeRecord[]> {
  const result = await git(cwd).probe(['worktree', 'list', '--porcelain', '-z']);
  if (result.exitCode === 0) return parseWorktreeList(result.stdout);
  // git < 2.36 has no -z; without it a path containing LF is indistinguishable from two fields.
  if (/unknown switch `z'/.test(result.stderr)) {
    throw new DependencyError(
      'ERR_GIT_TOO_OLD',
      'git is too old: `git worktree list -z` needs git >= 2.36',
      {
        hint: 'upgrade git to 2.36 or newer',
      },
    );
  }
  throw discoveryFailure(cwd, result);
}

function emptyRecord(path: string): WorktreeRecord {
  return {
    path,
    head: null,
    branch: null,
    ref: null,
    bare: false,
    detached: false,
    locked: false,
    lockReason: null,
    prunable: false,
    prunableReason: null,
  };
}

function applyField(record: WorktreeRecord, key: string, value: string | null): void {
  switch (key) {
    case 'HEAD':
      record.head = value === null || ZERO_OID.test(value) ? null : value;
      return;
    case 'branch':
      record.ref = value;
      record.branch = value?.startsWith('refs/heads/') ? value.slice('refs/heads/'.length) : value;
      return;
    case 'bare':
      record.bare = true;
      return;
    case 'detached':
      record.detached = true;
      return;
    case 'locked':
      record.locked = true;
      record.lockReason = value;
      return;
    case 'prunable':
      record.prunable = true;
      record.prunableReason = value;
      return;
    default:
      // Newer git may add attributes; ignoring them keeps older plum working.
      return;
  }
}

function parseError(what: string): PlumError {
  return new PlumError('ERR_GIT_PARSE', `cannot parse git worktree list: ${what}`);
}
