// The API against a private tmux server through a recording gateway: every tmux argv targets an id
// or an exact name (checked in teardown), process counts of create/open/list, and concurrent
// `openUnit` calls that end with one unit.
import { realpathSync } from 'node:fs';
import { onSpawn } from '@plumpots/core';
import { gitRepo, type GitRepo } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPots, type PotsContext } from '../src/api/context.js';
import { createUnit, openUnit } from '../src/api/create.js';
import { unitInfo } from '../src/api/info.js';
import { executeKill, planKill } from '../src/api/kill.js';
import { listUnits } from '../src/api/units.js';
import { privateTmux, type PrivateTmux } from './tmux/private-tmux.js';

let t: PrivateTmux;
let repo: GitRepo;
let feat: string;

beforeAll(() => {
  t = privateTmux();
  repo = gitRepo();
  feat = realpathSync(repo.worktree('feat', { newBranch: true }));
});

afterAll(() => {
  t.done();
  repo.cleanup();
});

const pots = (mode?: 'session' | 'window'): PotsContext =>
  openPots({
    cwd: repo.path,
    env: { ...repo.env, ...t.server.env },
    tmux: t.tmux,
    ...(mode ? { mode } : {}),
  });

async function gitCalls(fn: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const stop = onSpawn((argv) => {
    if (argv[0] === 'git') n++;
  });
  try {
    await fn();
  } finally {
    stop();
  }
  return n;
}

describe('process counts', () => {
  it('createUnit: tags set in the new-session invocation; 1 git call, 1 create, no listing first', async () => {
    const ctx = pots();
    const before = t.commands.length;
    const git = await gitCalls(() => createUnit(ctx, { worktree: 'feat', task: 'count' }));
    const calls = t.commands.slice(before);
    const create = calls.find((argv) => argv.includes('new-session'))!;
    expect(create).toEqual(expect.arrayContaining(['set-option', '@pots-worktree', feat, ';']));
    expect(git).toBe(1); // find the repository by listing its worktrees
    // Then the new pane's directory is read back (again, while the shell is still starting).
    const subcommand = (argv: string[]) => argv[t.tmux.globalArgs.length + 1];
    // No list-sessions before it: tmux refuses a taken name itself (cli-sessions.test.ts).
    expect(calls.map(subcommand).filter((c) => c !== 'list-panes')).toEqual(['new-session']);
    expect(calls.map(subcommand)).toContain('list-panes');
  });

  it('listUnits: one tmux call', async () => {
    const ctx = pots();
    await ctx.settings();
    expect(await t.count(() => listUnits(ctx, { all: true }))).toBe(1);
  });

  it('unitInfo: the listing and one list-panes -a', async () => {
    const ctx = pots();
    await ctx.settings();
    expect(await t.count(() => unitInfo(ctx, 'repo-feat-count'))).toBe(2);
    expect(t.commands.at(-1)).toEqual(expect.arrayContaining(['list-panes', '-a']));
  });
});

describe('concurrent openUnit', () => {
  it.each(['session', 'window'] as const)('%s mode: six at once make one unit', async (mode) => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => openUnit(pots(mode), { worktree: 'feat', task: 'race' })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.unit.id)).size).toBe(1);
    const units = (await listUnits(pots(mode))).filter((u) => u.task === 'race');
    expect(units).toHaveLength(1);
    const plan = await planKill(pots(mode), [units[0]!.name]);
    expect(await executeKill(pots(mode), plan)).toHaveLength(1);
  });
});
