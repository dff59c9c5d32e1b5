// Is a branch's work already in base: merged, squash-merged, or its exact tree landed there?
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '../errors.js';
import { git, gitFailure } from './gateway.js';

export interface MergedResult {
  merged: boolean;
  /** ancestor: a real merge or fast-forward; same-tree: a commit on base since the fork has the
   *  branch's tree; squash: base holds a commit with the branch's whole diff (patch-id). */
  how: 'ancestor' | 'squash' | 'same-tree' | null;
}

// The throwaway commit needs an identity even where the user has none, and fixed dates so that
// asking twice writes the same object instead of a new one each time.
const TEMP_COMMIT_ENV = {
  GIT_AUTHOR_NAME: 'plum',
  GIT_AUTHOR_EMAIL: 'plum@localhost',
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'plum',
  GIT_COMMITTER_EMAIL: 'plum@localhost',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
};

const NOT_MERGED: MergedResult = { merged: false, how: null };

/**
 * Whether `branch`'s work is in `base`: an ancestor of it (2 git calls), or squash-merged —
 * some commit on base since the merge-base has the branch's tree, or base holds a commit whose
 * patch equals the branch's whole diff (a temporary `commit-tree` checked with `git cherry`,
 * as git-delete-squashed does). At most 6 git calls. Writes nothing to the repository: the
 * temporary commit goes to a scratch object directory (GIT_OBJECT_DIRECTORY, with the repository's
 * objects as an alternate), removed before it returns.
 * Throws NotFoundError ERR_GIT_REF_NOT_FOUND when either name resolves to no commit.
 * @example await isMergedInto('/repo', 'feat', 'main') // { merged: true, how: 'squash' }
 */
export async function isMergedInto(
  cwd: string,
  branch: string,
  base: string,
): Promise<MergedResult> {
  for (const name of [branch, base]) {
    // A ref cannot hold a newline; on stdin it would shift every answer below by one line.
    if (name.includes('\n')) {
      throw new NotFoundError('ERR_GIT_REF_NOT_FOUND', `no such commit: ${JSON.stringify(name)}`);
    }
  }
  const g = git(cwd);
  // Revisions on stdin: no option parsing, so a name starting with "-" cannot become a flag.
  const resolved = await g.run(['cat-file', '--batch-check=%(objectname)'], {
    input: `${branch}^{commit}\n${branch}^{tree}\n${base}^{commit}\n`,
  });
  const [branchOid, branchTree, baseOid] = resolved.split('\n');
  for (const [name, oid] of [
    [branch, branchOid],
    [branch, branchTree],
    [base, baseOid],
  ] as const) {
    if (!oid || !/^[0-9a-f]{40,64}$/.test(oid)) {
      throw new NotFoundError('ERR_GIT_REF_NOT_FOUND', `no such commit: ${name}`);
    }
  }

  const mergeBase = await g.probe(['merge-base', baseOid!, branchOid!]);
  if (mergeBase.exitCode === 1) return NOT_MERGED; // unrelated histories
  if (mergeBase.exitCode !== 0) throw gitFailure(mergeBase);
  const mb = mergeBase.stdout.trim();
  if (mb === branchOid) return { merged: true, how: 'ancestor' };

  const [trees, objects] = await Promise.all([
    // Trees of base's commits since the fork ('>') and of the fork point itself ('-').
    g.run(['rev-list', '--no-commit-header', '--boundary', '--format=%m %T', baseOid!, `^${mb}`]),
    g.run(['rev-parse', '--path-format=absolute', '--git-path', 'objects']),
  ]);
  const lines = trees.split('\n');
  const forkTree = lines.find((line) => line.startsWith('- '))?.slice(2);
  // No net change since the fork (e.g. only empty commits): its tree equals the fork's, so it would
  // "match" any base commit with that tree, and its empty patch any empty commit. Not merged.
  if (forkTree === branchTree) return NOT_MERGED;
  if (lines.includes(`> ${branchTree}`)) return { merged: true, how: 'same-tree' };
  return squashMerged(cwd, baseOid!, mb, branchTree!, objects.trim());
}

// The probe commit is written into a scratch object directory that reads the repository's objects
// as an alternate, so even a dry run leaves no dangling commit behind (git-commit-tree(1), "Environment
// variables" in git(1)).
async function squashMerged(
  cwd: string,
  baseOid: string,
  mb: string,
  branchTree: string,
  objects: string,
): Promise<MergedResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'plum-objects-'));
  try {
    const env = {
      ...TEMP_COMMIT_ENV,
      GIT_OBJECT_DIRECTORY: scratch,
      GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
    };
    const g = git(cwd);
    const temp = await g.probe(['commit-tree', '--no-gpg-sign', branchTree, '-p', mb, '-m', '_'], {
      env,
    });
    // Cannot write the probe commit: "not merged" is the safe answer.
    if (temp.exitCode !== 0) return NOT_MERGED;
    const cherry = await g.run(['cherry', baseOid, temp.stdout.trim()], { env });
    return cherry.split('\n').some((line) => line.startsWith('-'))
      ? { merged: true, how: 'squash' }
      : NOT_MERGED;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
