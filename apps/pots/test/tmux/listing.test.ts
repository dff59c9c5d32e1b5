// Listings against a real private tmux server: one tmux process each, typed, robust to spaces and
// newlines in paths, and [] when no server runs.
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPanes, listSessions, listWindows } from '../../src/tmux/index.js';
import { privateTmux, type PrivateTmux } from './private-tmux.js';

let t: PrivateTmux;
let root: { path: string; cleanup: () => void };
const dirs = { plain: '', spaced: '', newline: '' };

beforeAll(() => {
  t = privateTmux();
  root = tempDir('pl-');
  dirs.plain = join(root.path, 'plain');
  dirs.spaced = join(root.path, 'dir with space');
  dirs.newline = join(root.path, 'nl\ndir');
  for (const dir of Object.values(dirs)) mkdirSync(dir);
  const tmux = (args: string[]) => t.server.tmux(args);
  tmux(['new-session', '-d', '-s', 'plain', '-c', dirs.plain, '-x', '100', '-y', '30']);
  tmux(['set-option', '-t', '=plain:', '@pots-worktree', '/w/plain']);
  tmux(['set-option', '-t', '=plain:', '@pots-project', 'app']);
  tmux(['set-option', '-t', '=plain:', '@pots-task', 'dev']);
  tmux(['set-option', '-t', '=plain:', '@pots-repo', '/r/app']);
  tmux(['new-window', '-d', '-t', '=plain:', '-n', 'second', '-c', dirs.plain]);
  tmux(['new-session', '-d', '-s', 'spaced', '-c', dirs.spaced]);
  tmux(['set-option', '-t', '=spaced:', '@pots-worktree', 'multi\nline value']);
  tmux(['new-session', '-d', '-s', 'newline', '-c', dirs.newline]);
  tmux(['set-option', '-w', '-t', '=newline:', '@pots-task', 'win-task']);
});

afterAll(() => {
  t.done();
  root.cleanup();
});

describe('listSessions', () => {
  it('lists every session in one tmux call, typed, with pots options', async () => {
    let sessions: Awaited<ReturnType<typeof listSessions>> = [];
    expect(await t.count(async () => (sessions = await listSessions(t.tmux)))).toBe(1);
    expect(sessions.map((s) => s.name).sort()).toEqual(['newline', 'plain', 'spaced']);
    const plain = sessions.find((s) => s.name === 'plain')!;
    expect(plain).toMatchObject({
      path: realpathSync(dirs.plain),
      attached: 0,
      windows: 2,
      options: { worktree: '/w/plain', project: 'app', task: 'dev', repo: '/r/app' },
    });
    expect(plain.id).toMatch(/^\$\d+$/);
    expect(plain.created).toBeInstanceOf(Date);
    expect(Math.abs(plain.created.getTime() - Date.now())).toBeLessThan(60_000);
    expect(plain.activity.getTime()).toBeGreaterThanOrEqual(plain.created.getTime());
  });

  it('keeps spaces and newlines in paths and option values', async () => {
    const sessions = await listSessions(t.tmux);
    expect(sessions.find((s) => s.name === 'spaced')).toMatchObject({
      path: dirs.spaced,
      options: { worktree: 'multi\nline value', project: null, task: null, repo: null },
    });
    expect(sessions.find((s) => s.name === 'newline')?.path).toBe(dirs.newline);
  });
});

describe('listWindows', () => {
  it('lists the windows of every session in one call', async () => {
    let windows: Awaited<ReturnType<typeof listWindows>> = [];
    expect(await t.count(async () => (windows = await listWindows(t.tmux)))).toBe(1);
    const sessions = await listSessions(t.tmux);
    const plainId = sessions.find((s) => s.name === 'plain')!.id;
    const plainWindows = windows.filter((w) => w.sessionId === plainId);
    expect(plainWindows.map((w) => [w.index, w.name, w.active])).toEqual([
      [0, expect.any(String), true],
      [1, 'second', false],
    ]);
    expect(windows).toHaveLength(4);
    for (const w of windows) {
      expect(w.id).toMatch(/^@\d+$/);
      expect(w.layout).toMatch(/^[0-9a-f]{4},\d+x\d+,/);
    }
    const newlineId = sessions.find((s) => s.name === 'newline')!.id;
    expect(windows.find((w) => w.sessionId === newlineId)?.options.task).toBe('win-task');
    // tmux formats fall back to the session's option when the window has none.
    expect(plainWindows[1]?.options.worktree).toBe('/w/plain');
  });
});

describe('listPanes', () => {
  it('lists every pane in one call, with its path, size and state', async () => {
    let panes: Awaited<ReturnType<typeof listPanes>> = [];
    expect(await t.count(async () => (panes = await listPanes(t.tmux)))).toBe(1);
    expect(panes).toHaveLength(4);
    const sessions = await listSessions(t.tmux);
    const byName = (name: string) =>
      panes.find((p) => p.sessionId === sessions.find((s) => s.name === name)!.id)!;
    expect(byName('plain')).toMatchObject({
      index: 0,
      active: true,
      dead: false,
      deadStatus: null,
      inMode: false,
      width: 100,
      height: 30,
    });
    expect(byName('plain').pid).toBeGreaterThan(1);
    expect(byName('plain').id).toMatch(/^%\d+$/);
    expect(byName('plain').windowId).toMatch(/^@\d+$/);
    expect(byName('plain').activity).toBeInstanceOf(Date);
    await retryUntil(async () => {
      const fresh = await listPanes(t.tmux);
      const nl = fresh.find((p) => p.id === byName('newline').id)!;
      return nl.currentPath === dirs.newline && nl.currentCommand === 'sh';
    });
  });

  it('reports a dead pane and its exit status', async () => {
    t.server.tmux(['set-option', '-wg', 'remain-on-exit', 'on']);
    try {
      t.server.tmux([
        'new-session',
        '-d',
        '-s',
        'dies',
        '-c',
        dirs.plain,
        '--',
        'sh',
        '-c',
        'exit 7',
      ]);
      // tmux marks the pane dead when its pty closes, and learns the status from SIGCHLD, which
      // can come later (tmux 3.3a even misses it until another child exits: run-shell makes one,
      // as readPaneState's reap does). Wait for the status, not just the death.
      const pane = await retryUntil(async () => {
        const session = (await listSessions(t.tmux)).find((s) => s.name === 'dies');
        const dead = (await listPanes(t.tmux)).find((p) => p.sessionId === session?.id && p.dead);
        if (dead?.deadStatus === null) t.server.tryTmux(['run-shell', 'true']);
        return dead?.deadStatus === null ? undefined : dead;
      });
      expect(pane.deadStatus).toBe(7);
    } finally {
      t.server.tryTmux(['kill-session', '-t', '=dies']);
      t.server.tmux(['set-option', '-wgu', 'remain-on-exit']);
    }
  });
});

describe('without a server', () => {
  it('lists nothing rather than failing', async () => {
    const idle = privateTmux();
    try {
      expect(await listSessions(idle.tmux)).toEqual([]);
      expect(await listWindows(idle.tmux)).toEqual([]);
      expect(await listPanes(idle.tmux)).toEqual([]);
      expect(idle.commands).toHaveLength(3);
    } finally {
      idle.done();
    }
  });

  it('lists nothing after the last session is killed (exit-empty)', async () => {
    const once = privateTmux();
    try {
      once.server.tmux(['new-session', '-d', '-s', 'only']);
      expect(await listSessions(once.tmux)).toHaveLength(1);
      once.server.tmux(['kill-session', '-t', '=only']);
      await retryUntil(async () => (await listSessions(once.tmux)).length === 0);
    } finally {
      once.done();
    }
  });
});
