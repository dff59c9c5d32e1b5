// `plum path <name>`: the hot path of `cd "$(plum path feat)"`. No config, one git call after discovery.
import type { PlumContext } from './context.js';
import { resolveWorktree } from './resolve.js';

/**
 * The absolute path of the worktree `query` names (a name, a branch or a path). Throws
 * NotFoundError (exit 3) when there is none. One `git worktree list`; the config is not read.
 * @example const dir = await worktreePath(ctx, 'feat/login'); // "/src/shop.worktrees/feat-login"
 */
export async function worktreePath(
  ctx: Pick<PlumContext, 'repo' | 'cwd'>,
  query: string,
): Promise<string> {
  return (await resolveWorktree(ctx, query, { status: false })).path;
}
