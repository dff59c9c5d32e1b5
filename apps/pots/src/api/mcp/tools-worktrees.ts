// The worktree and unit tools of `pots mcp`: list and create worktrees through plum's library (its
// copy, hooks and trust rules), list the repository's units.
import { z } from '@plumpots/core/schema';
import { createWorktree, listWorktrees } from '@plumpots/plum';
import { worktreeSchema } from '@plumpots/plum/schemas';
import { createdSchema, unitSchema } from '../schemas.js';
import { scopedUnits } from './scope.js';
import { defineTool } from './tool.js';

export const worktreesList = defineTool({
  name: 'worktrees_list',
  title: 'List worktrees',
  description:
    'Every git worktree of this repository, the main one first, with its status (dirty, untracked files, ahead/behind its upstream) — the items of `plum list --json`.',
  input: z.object({
    status: z
      .boolean()
      .optional()
      .describe('read each worktree’s git status (default true; false is one git call)'),
  }),
  output: z.object({ worktrees: z.array(worktreeSchema) }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(scope, args) {
    const worktrees = await listWorktrees(scope.plum, { status: args.status !== false });
    return { worktrees };
  },
});

export const worktreeCreate = defineTool({
  name: 'worktree_create',
  title: 'Create a worktree',
  description:
    "Creates a worktree for a branch, as `plum create` does: the branch is checked out if it exists, tracked if only a remote has it, else created from `base` (default: config worktrees.base, the remote's default branch). The configured files are copied and the postCreate hooks run. A repository whose config would run commands the user has not approved with `plum trust` is refused (exit 4): approval is never given through this server.",
  input: z.object({
    branch: z.string().min(1).describe('the branch, e.g. feat/login'),
    base: z.string().min(1).optional().describe('start point of a new branch'),
    copy: z.boolean().optional().describe('copy config worktrees.copy files (default true)'),
    hooks: z.boolean().optional().describe('run config hooks.postCreate (default true)'),
  }),
  output: createdSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: false },
  async run(scope, args) {
    return createInScope(scope.plum, args);
  },
});

export const unitsList = defineTool({
  name: 'units_list',
  title: 'List units',
  description:
    "The tmux sessions (windows, in window mode) pots made for this repository's worktrees — the items of `pots list --json`. `orphan` means the worktree is gone.",
  input: z.object({}),
  output: z.object({ units: z.array(unitSchema) }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(scope) {
    return { units: await scopedUnits(scope) };
  },
});

/** plum's create, with nothing that could ask a question: an unapproved repository fails closed. */
export async function createInScope(
  plum: Parameters<typeof createWorktree>[0],
  args: {
    branch: string;
    base?: string | undefined;
    copy?: boolean | undefined;
    hooks?: boolean | undefined;
  },
): Promise<z.infer<typeof createdSchema>> {
  return createWorktree(plum, {
    branch: args.branch,
    base: args.base,
    copy: args.copy !== false,
    hooks: args.hooks !== false,
    // No `confirm`: ensureTrusted refuses (ERR_PLUM_UNTRUSTED) instead of asking.
    yes: true,
  });
}
