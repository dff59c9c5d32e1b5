// Starting known agents, against the built bin, a real repository and a private tmux server, with
// stand-in agents on PATH: the built-in `claude` template, `pots spawn --agent`, and
// `pots spawn --create` (worktrees through plum, then the agents).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpawnResult } from '../../src/api/agents.js';
import { spawnCreateSchema, spawnSchema } from '../../src/api/schemas.js';
import { potsFixture, type PotsFixture } from '../cli-helpers.js';
import { standInBin } from './stand-in.js';

interface Row {
  id: string;
  session: string;
  window: string;
  worktree: string | null;
  agent: string | null;
  spawned: boolean;
  state: string;
}

let f: PotsFixture;
beforeAll(() => {
  f = potsFixture();
  const bin = standInBin(join(f.repo.path, '..'));
  f.env.PATH = `${bin}:${f.env.PATH ?? process.env.PATH}`;
  f.env.POTS_DATA_DIR = join(f.repo.path, '..', 'pots-data');
});
afterAll(() => f.done());

const rows = () => f.json<Row[]>(['ps', '--json']);
const screen = (pane: string) => f.ok(['capture', pane]);

describe('the built-in claude template', () => {
  it('is listed, and create --template claude runs claude in the agent pane', async () => {
    const list = await f.json<Array<{ name: string; source: string }>>(['templates', '--json']);
    expect(list.find((t) => t.name === 'claude')).toMatchObject({ source: 'builtin' });
    const session = await f.json<{ name: string }>([
      'create',
      'main',
      'cc',
      '--template',
      'claude',
      '--json',
    ]);
    const row = await retryUntil(async () =>
      (await rows()).find((r) => r.session === session.name && r.agent === 'claude'),
    );
    expect(row).toMatchObject({ window: 'agent', spawned: false });
    // The stand-in draws Claude Code's idle prompt.
    await retryUntil(async () => (await screen(row.id)).includes('? for shortcuts'));
  });
});

const waitState = (pane: string, state: string) =>
  f.ok(['wait', pane, '--state', state, '--timeout', '60']);
const worktreeBranches = () =>
  f.repo
    .git(['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('branch '))
    .map((line) => line.slice('branch refs/heads/'.length));

describe('pots spawn --agent', () => {
  it("installs the agent's hooks beside the user's own, idempotently, then starts it", async () => {
    const settings = join(f.repo.path, '.claude', 'settings.local.json');
    mkdirSync(dirname(settings), { recursive: true });
    const mine = { type: 'command', command: 'echo my-own-stop-hook' };
    writeFileSync(
      settings,
      JSON.stringify({ model: 'opus', hooks: { Stop: [{ hooks: [mine] }] } }, null, 2),
    );
    const first = await f.json<SpawnResult>(['spawn', '--agent', 'claude', '--json']);
    expect(spawnSchema.safeParse(first).success).toBe(true);
    expect(first).toMatchObject({
      command: ['claude'],
      hooks: { agent: 'claude', file: settings, changed: true, warning: null },
    });
    // The stand-in calls the hooks it finds: SessionStart → idle, recorded as a hook report.
    expect(await waitState(first.id, 'idle')).toBe('idle');
    const row = (
      await f.json<Array<Row & { evidence: { report: { by: string } | null } }>>(['ps', '--json'])
    ).find((r) => r.id === first.id);
    expect(row).toMatchObject({ agent: 'claude', spawned: true, state: 'idle' });
    expect(row?.evidence.report?.by).toBe('hook:SessionStart');
    const written = readFileSync(settings, 'utf8');
    const parsed = JSON.parse(written) as { model: string; hooks: Record<string, unknown[]> };
    expect(parsed.model).toBe('opus');
    expect(JSON.stringify(parsed.hooks.Stop)).toContain('my-own-stop-hook');
    expect(JSON.stringify(parsed.hooks.Stop)).toContain('pots');

    const again = await f.json<SpawnResult>([
      'spawn',
      '--agent',
      'claude',
      '--name',
      'c2',
      '--json',
    ]);
    expect(again.hooks).toMatchObject({ changed: false, warning: null });
    expect(readFileSync(settings, 'utf8')).toBe(written);
  });

  it('runs the command after -- as that agent, and refuses an unknown agent (exit 2)', async () => {
    const pane = await f.json<SpawnResult>([
      'spawn',
      '--agent',
      'gemini',
      '--json',
      '--',
      'gemini',
      '--yolo',
    ]);
    expect(pane.command).toEqual(['gemini', '--yolo']);
    expect(pane.hooks?.file).toBe(join(f.repo.path, '.gemini', 'settings.json'));
    expect(await waitState(pane.id, 'idle')).toBe('idle');
    const unknown = await f.pots(['spawn', '--agent', 'cursor']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/unknown agent "cursor"/);
    expect(unknown.stderr).toMatch(/claude, codex, gemini, aider/);
  });
});

describe('pots spawn --create', () => {
  it('makes N worktrees through plum, a session and an agent in each, and prints the pane ids', async () => {
    const out = await f.ok(['spawn', '--create', 'try', '--count', '2', '--agent', 'claude']);
    const ids = out.split('\n');
    expect(ids).toHaveLength(2);
    expect(ids.every((id) => /^%\d+$/.test(id))).toBe(true);
    expect(worktreeBranches()).toEqual(expect.arrayContaining(['try-1', 'try-2']));
    for (const id of ids) expect(await waitState(id, 'idle')).toBe('idle');
    const byId = new Map((await rows()).map((r) => [r.id, r]));
    expect(ids.map((id) => [byId.get(id)?.worktree, byId.get(id)?.agent])).toEqual([
      ['try-1', 'claude'],
      ['try-2', 'claude'],
    ]);
  });

  it('--json prints an array of the spawn results, each with the worktree plum made', async () => {
    const made = await f.json<unknown[]>(['spawn', '--create', 'solo', '--json', '--', 'claude']);
    expect(spawnCreateSchema.safeParse(made).success).toBe(true);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      command: ['claude'],
      unitCreated: true,
      hooks: null,
      worktreeCreated: { branchSource: 'new', worktree: { branch: 'solo' } },
    });
  });

  it('refuses (exit 4) a branch that has a worktree or exists, before making anything', async () => {
    f.repo.git(['branch', 'lonely']);
    const before = worktreeBranches();
    const taken = await f.pots(['spawn', '--create', 'solo', '--', 'claude']);
    expect(taken.exitCode).toBe(4);
    expect(taken.stderr).toMatch(/solo: its worktree exists at .*; nothing was created/);
    const exists = await f.pots(['spawn', '--create', 'lonely', '--', 'claude']);
    expect(exists.exitCode).toBe(4);
    expect(exists.stderr).toMatch(/lonely: the branch exists; nothing was created/);
    const some = await f.pots(['spawn', '--create', 'try', '--count', '3', '--', 'claude']);
    expect(some.exitCode).toBe(4);
    expect(some.stderr).toMatch(/2 of the branches are taken/);
    expect(worktreeBranches()).toEqual(before);
    expect(f.repo.git(['branch', '--list', 'try-3']).trim()).toBe('');
    const usage = await f.pots(['spawn', '--create', 'x', '--count', '0', '--', 'claude']);
    expect(usage.exitCode).toBe(2);
  });

  it('a failure after some worktrees were made keeps them and says which', async () => {
    // plum puts worktrees in ../<repo>.worktrees/<branch>: a directory already there refuses part-2.
    const blocker = join(dirname(f.repo.path), `${basename(f.repo.path)}.worktrees`, 'part-2');
    mkdirSync(blocker, { recursive: true });
    writeFileSync(join(blocker, 'keep'), 'not a worktree\n');
    const result = await f.pots(['spawn', '--create', 'part', '--count', '3', '--', 'claude']);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toMatch(/part-2 already exists; kept what was made: 1 worktree/);
    expect(result.stderr).toMatch(/created .*part-1 with claude in %\d+/);
    expect(worktreeBranches()).toContain('part-1');
    expect(worktreeBranches()).not.toContain('part-3');
    const part1 = (await rows()).find((r) => r.worktree === 'part-1' && r.spawned);
    expect(part1).toMatchObject({ agent: 'claude', spawned: true });
  });
});

describe('where spawn puts the agent', () => {
  const windowsOf = (session: string) =>
    f.server
      .tmux(['list-windows', '-t', session, '-F', '#{window_id} #{window_index} #{window_active}'])
      .trim()
      .split('\n');

  it("a session spawn creates has the agent's window first and selected, no empty shell before it", async () => {
    const [pane] = await f.json<SpawnResult[]>([
      'spawn',
      '--create',
      'first-window',
      '--json',
      '--',
      'sh',
      '-c',
      'sleep 600',
    ]);
    const base = f.server.tmux(['show-options', '-gv', 'base-index']).trim();
    expect(windowsOf(pane!.sessionId)).toEqual([`${pane!.windowId} ${base} 1`]);
    // A second spawn into the existing session adds a window and leaves the selection alone.
    const second = await f.json<SpawnResult>([
      'spawn',
      'first-window',
      '--name',
      'two',
      '--json',
      '--',
      'sh',
      '-c',
      'sleep 600',
    ]);
    expect(second.unitCreated).toBe(false);
    expect(windowsOf(pane!.sessionId)).toEqual([
      `${pane!.windowId} ${base} 1`,
      `${second.windowId} ${Number(base) + 1} 0`,
    ]);
  });

  it("--split h splits the named worktree's session's current pane, side by side", async () => {
    const [first] = await f.json<SpawnResult[]>([
      'spawn',
      '--create',
      'split-here',
      '--json',
      '--',
      'sh',
      '-c',
      'sleep 600',
    ]);
    const split = await f.json<SpawnResult>([
      'spawn',
      'split-here',
      '--split',
      'h',
      '--json',
      '--',
      'sh',
      '-c',
      'sleep 600',
    ]);
    expect(split).toMatchObject({ windowId: first!.windowId, split: 'h', unitCreated: false });
    const panes = f.server
      .tmux(['list-panes', '-t', first!.windowId, '-F', '#{pane_id} #{pane_top} #{pane_left}'])
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(panes.map((p) => p[0])).toEqual([first!.id, split.id]);
    // Side by side: same top, the new pane to the right.
    expect(panes[0]![1]).toBe(panes[1]![1]);
    expect(Number(panes[1]![2])).toBeGreaterThan(Number(panes[0]![2]));
  });
});
