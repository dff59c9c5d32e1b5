// `pots cleanup` and `pots list --worktrees` through the built bin, against real git and a private
// tmux server: a worktree deleted behind plum's back (`rm -rf` + `git worktree prune`) leaves an
// orphan session that cleanup lists, then kills — and nothing else: sessions pots did not make and
// sessions of live worktrees survive. Old agent logs are trimmed, live ones kept.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture, type UnitJson } from './cli-helpers.js';

interface EntryJson {
  name: string;
  worktree: string;
  reason: 'directory-missing' | 'not-a-worktree';
  action: 'killed' | 'would-kill' | 'skipped';
  note: string | null;
  mode: 'session' | 'window';
  id: string;
  project: string | null;
}

let f: PotsFixture;
let main: string;
let gone: string;
let live: string;

const sessions = () =>
  f.server.tmux(['list-sessions', '-F', '#{session_name}']).split('\n').filter(Boolean).sort();

beforeAll(async () => {
  f = potsFixture();
  main = realpathSync(f.repo.path);
  gone = realpathSync(f.repo.worktree('gone', { newBranch: true }));
  live = realpathSync(f.repo.worktree('live', { newBranch: true }));
  await f.ok(['create', 'gone']);
  await f.ok(['create', 'live']);
  // Not pots's, though it sits in the doomed worktree and looks like pots's by name.
  f.server.tmux(['new-session', '-d', '-s', 'repo-gone-dev-mine', '-c', gone]);
  rmSync(gone, { recursive: true, force: true });
  f.repo.git(['worktree', 'prune']);
});

afterAll(() => f.done());

describe('pots cleanup', () => {
  it('--dry-run lists exactly the orphan session, and kills nothing', async () => {
    const before = sessions();
    const dry = await f.pots(['cleanup', '--dry-run', '--min-age', '0']);
    expect(dry, dry.stderr).toMatchObject({ exitCode: 0 });
    expect(dry.stdout.trim().split('\n')).toEqual([
      `would kill session repo-gone-dev (${gone}: directory missing)`,
    ]);
    expect(sessions()).toEqual(before);
  });

  it('a session made a moment ago is skipped: its worktree may still be on its way', async () => {
    const entries = await f.json<EntryJson[]>(['cleanup', '--yes', '--json', '--min-age', '3600']);
    expect(entries).toMatchObject([{ name: 'repo-gone-dev', action: 'skipped' }]);
    expect(entries[0]!.note).toMatch(/less than 3600 s ago/);
    expect(sessions()).toContain('repo-gone-dev');
  });

  it('asks first: without a terminal and without --yes, exit 2 and nothing killed', async () => {
    const asked = await f.pots(['cleanup', '--min-age', '0']);
    expect(asked.exitCode).toBe(2);
    expect(asked.stderr).toMatch(/--yes/);
    expect(sessions()).toContain('repo-gone-dev');
  });

  it('--project narrows to one project', async () => {
    expect(
      await f.json<EntryJson[]>(['cleanup', '--yes', '--json', '--min-age', '0', '-p', 'other']),
    ).toEqual([]);
    expect(sessions()).toContain('repo-gone-dev');
  });

  it('--yes kills it and nothing else; --json reports { name, worktree, reason, action }', async () => {
    const before = sessions();
    const entries = await f.json<EntryJson[]>(['cleanup', '--yes', '--json', '--min-age', '0']);
    expect(entries).toEqual([
      {
        name: 'repo-gone-dev',
        worktree: gone,
        reason: 'directory-missing',
        action: 'killed',
        note: null,
        mode: 'session',
        id: expect.stringMatching(/^\$\d+$/) as string,
        project: 'repo',
      },
    ]);
    expect(sessions()).toEqual(before.filter((name) => name !== 'repo-gone-dev'));
    expect(sessions()).toEqual(['repo-gone-dev-mine', 'repo-live-dev']);
    // Nothing left to do.
    const again = await f.pots(['cleanup', '--yes', '--min-age', '0']);
    expect(again.stderr).toMatch(/no orphan sessions/);
  });

  it('a directory that is no longer a worktree (not-a-worktree), and window units', async () => {
    const unreg = realpathSync(f.repo.worktree('unreg', { newBranch: true }));
    const win = realpathSync(f.repo.worktree('win', { newBranch: true }));
    await f.ok(['create', 'unreg']);
    await f.ok(['create', 'win', '--mode', 'window']);
    await f.ok(['create', 'live', '--mode', 'window']);
    rmSync(join(unreg, '.git')); // the directory stays; git forgets it
    rmSync(win, { recursive: true, force: true });
    f.repo.git(['worktree', 'prune']);
    expect(existsSync(unreg)).toBe(true);

    const dry = await f.json<EntryJson[]>(['cleanup', '--dry-run', '--json', '--min-age', '0']);
    expect(dry.map((e) => [e.name, e.mode, e.reason, e.action])).toEqual([
      ['repo-unreg-dev', 'session', 'not-a-worktree', 'would-kill'],
      ['repo-win-dev', 'window', 'directory-missing', 'would-kill'],
    ]);
    const done = await f.json<EntryJson[]>(['cleanup', '--yes', '--json', '--min-age', '0']);
    expect(done.map((e) => [e.name, e.action])).toEqual([
      ['repo-unreg-dev', 'killed'],
      ['repo-win-dev', 'killed'],
    ]);
    expect(sessions()).toEqual(['plum', 'repo-gone-dev-mine', 'repo-live-dev']);
    const windows = f.server.tmux(['list-windows', '-t', '=plum:', '-F', '#{window_name}']);
    expect(windows.trim()).toBe('repo-live-dev'); // the live worktree's window stays
  });
});

describe('pots cleanup --stale-logs', () => {
  it('removes logs not written for <days> days (with their end markers); keeps the rest', async () => {
    const logs = join(f.env.XDG_STATE_HOME!, 'pots', 'logs');
    const oldDir = join(logs, 'repo-old-dev');
    const newDir = join(logs, 'repo-new-dev');
    mkdirSync(oldDir, { recursive: true });
    mkdirSync(newDir, { recursive: true });
    const old = join(oldDir, 'claude-3-2020-01-01T00-00-00-000Z.log');
    const fresh = join(newDir, 'claude-4-2026-01-01T00-00-00-000Z.log');
    writeFileSync(old, 'old output\n');
    writeFileSync(join(oldDir, '.claude-3-2020-01-01T00-00-00-000Z.log.end'), '');
    writeFileSync(fresh, 'new output\n');
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    utimesSync(old, monthAgo, monthAgo);

    const dry = await f.json<Array<{ path: string; action: string; bytes: number }>>([
      'cleanup',
      '--stale-logs',
      '7',
      '--dry-run',
      '--json',
    ]);
    expect(dry).toMatchObject([{ path: old, action: 'would-remove', bytes: 11 }]);
    expect(existsSync(old)).toBe(true);

    const removed = await f.pots(['cleanup', '--stale-logs', '7']);
    expect(removed, removed.stderr).toMatchObject({ exitCode: 0 });
    expect(removed.stdout).toContain(`removed ${old}`);
    expect(removed.stderr).toMatch(/removed 1 log \(11 B\)/);
    expect(existsSync(oldDir)).toBe(false); // log, marker, and the emptied directory
    expect(readdirSync(newDir)).toEqual(['claude-4-2026-01-01T00-00-00-000Z.log']);
    expect((await f.pots(['cleanup', '--stale-logs', 'soon'])).exitCode).toBe(2);
  });
});

describe('pots list --worktrees', () => {
  it('every worktree with its sessions, including worktrees that have none', async () => {
    const rows = await f.json<
      Array<{ worktree: { name: string; path: string; branch: string | null }; units: UnitJson[] }>
    >(['list', '--worktrees', '--json']);
    expect(rows.map((r) => [r.worktree.name, r.units.map((u) => u.name)])).toEqual([
      ['repo', []],
      ['live', ['repo-live-dev']],
    ]);
    expect(rows[0]!.worktree).toEqual({ name: 'repo', path: main, branch: 'main' });
    expect(rows[1]!.units[0]).toMatchObject({ path: live, managed: true, orphan: false });

    const all = await f.json<Array<{ worktree: { name: string }; units: UnitJson[] }>>([
      'list',
      '--worktrees',
      '--all',
      '--json',
    ]);
    // The unmanaged session sits in the deleted worktree: it belongs to no worktree now.
    expect(all.flatMap((r) => r.units.map((u) => u.name))).toEqual(['repo-live-dev']);

    const table = await f.ok(['list', '--worktrees']);
    expect(table).toMatch(/^WORKTREE\s+BRANCH\s+SESSIONS\s+PATH$/m);
    expect(table).toMatch(new RegExp(`^repo\\s+main\\s+-\\s+${main}$`, 'm'));
    expect(table).toMatch(/^live\s+live\s+repo-live-dev\s+/m);
  });
});
