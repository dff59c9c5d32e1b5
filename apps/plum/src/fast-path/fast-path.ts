// `plum path <name>` without the CLI around it: scripts and shell functions call it constantly
// (`cd "$(plum path x)"`), so when nothing but the name is given and stdout is not a terminal, it
// skips commander, the UI and help (about a third of its start-up). Any failure returns false and
// the full CLI runs the command again, so errors look exactly as they always do.

import { openRepo } from '../api/context.js';
import { resolveWorktree } from '../api/resolve.js';

/** Prints the worktree's path and returns true, or returns false to leave it to the CLI. */
export async function fastPath(name: string): Promise<boolean> {
  try {
    const worktree = await resolveWorktree(await openRepo(), name, { status: false });
    process.stdout.write(`${worktree.path}\n`);
    return true;
  } catch {
    return false;
  }
}
