// Type-level test: the library entry supports how pots uses plum (compile-time checks, plus a run).
import { gitRepo } from '@plumpots/test-fixtures';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  findWorktree,
  listWorktrees,
  openRepo,
  type PlumContext,
  type Repo,
  type Worktree,
} from '../src/index.js';

describe('the typed API, used the way pots uses it', () => {
  it('opens a repo, lists worktrees and finds one, with the documented types', async () => {
    const repo = gitRepo();
    repo.worktree('feat/login', { newBranch: true });
    const ctx = await openRepo({ cwd: repo.path, env: repo.env });
    expectTypeOf(ctx).toEqualTypeOf<PlumContext>();
    expectTypeOf(ctx.repo).toMatchTypeOf<Repo>();
    expectTypeOf(ctx.repo.commonDir).toBeString();

    const worktrees = await listWorktrees(ctx, { status: false });
    expectTypeOf(worktrees).toEqualTypeOf<Worktree[]>();
    const feat = findWorktree(worktrees, 'feat/login', ctx.cwd);
    expectTypeOf(feat).toEqualTypeOf<Worktree>();
    expectTypeOf(feat.branch).toEqualTypeOf<string | null>();
    expectTypeOf(feat.dirty).toEqualTypeOf<boolean | null>();

    const pots = await ctx.config();
    expectTypeOf(pots.config.pots.mode).toEqualTypeOf<'session' | 'window'>();
    expect(feat).toMatchObject({ name: 'feat-login', branch: 'feat/login', isMain: false });
    expect(pots.config.pots.defaultTask).toBe('dev');
  });
});
