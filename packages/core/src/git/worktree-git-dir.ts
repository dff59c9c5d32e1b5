// A worktree's own git dir, read from its `.git`: a directory in the main worktree, a file
// `gitdir: <path>` in a linked one (gitrepository-layout(5)), the path relative to the worktree
// when it is not absolute.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { isDirectory } from '../util/fs.js';

/**
 * The git dir of the worktree at `worktree` (`<common>/worktrees/<id>` for a linked one), or null
 * when its `.git` is missing or names none. No git process.
 * @example await worktreeGitDir('/src/app.worktrees/feat') // '/src/app/.git/worktrees/feat'
 */
export async function worktreeGitDir(worktree: string): Promise<string | null> {
  const dotGit = join(worktree, '.git');
  if (await isDirectory(dotGit)) return dotGit;
  const text = await readFile(dotGit, 'utf8').catch(() => null);
  const dir = text === null ? undefined : /^gitdir: (.+)$/m.exec(text)?.[1]?.trimEnd();
  if (!dir) return null;
  return isAbsolute(dir) ? dir : resolve(worktree, dir);
}
