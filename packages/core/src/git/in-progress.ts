// Which multi-step git operation a worktree is in the middle of, read from its git dir.
import { exists } from '../util/fs.js';
import { join } from 'node:path';

export type InProgressOperation = 'rebase' | 'merge' | 'bisect' | 'cherry-pick' | 'revert';

// Most urgent first: a conflicted rebase or merge matters more than a long-running bisect.
const MARKERS: readonly (readonly [string, InProgressOperation])[] = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'], // also `git am`, which leaves rebase-apply/applying
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['BISECT_LOG', 'bisect'],
];

/**
 * The operation in progress in the worktree whose git dir is `gitDir` (RepoInfo.gitDir, or
 * `git rev-parse --absolute-git-dir` run in it), or null. Reads the filesystem only; no git call.
 * A rebasing worktree is listed as detached, so use this to say "rebasing" instead.
 * @example await inProgressOperation('/repo/.git/worktrees/feat') // "rebase"
 */
export async function inProgressOperation(gitDir: string): Promise<InProgressOperation | null> {
  const present = await Promise.all(MARKERS.map(([file]) => exists(join(gitDir, file))));
  const index = present.indexOf(true);
  return index === -1 ? null : MARKERS[index]![1];
}
