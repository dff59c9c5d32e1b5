import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo, retryUntil, tmuxServer } from '../src/index.js';

const uid = process.getuid?.() ?? 0;
const defaultSockets = [
  join(process.env.TMUX_TMPDIR ?? tmpdir(), `tmux-${uid}`, 'default'),
  join('/tmp', `tmux-${uid}`, 'default'),
];
const snapshot = () =>
  defaultSockets.map((p) => (existsSync(p) ? `${p}:${statSync(p).mtimeMs}` : `${p}:absent`));

describe('gitRepo', () => {
  it('makes a real repo on main with one commit and removes it after the test', () => {
    const repo = gitRepo();
    expect(repo.git(['rev-parse', '--abbrev-ref', 'HEAD']).trim()).toBe('main');
    expect(repo.git(['rev-list', '--count', 'HEAD']).trim()).toBe('1');
    expect(repo.git(['config', 'user.email']).trim()).toBe('test@plumpots.invalid');
  });

  it('adds branches, commits, worktrees and an origin', () => {
    const repo = gitRepo();
    const wt = repo.worktree('feat/x', { newBranch: true });
    repo.commit('in worktree', { 'a.txt': 'a' }, wt);
    repo.addOrigin();
    expect(repo.git(['worktree', 'list', '--porcelain'])).toContain('branch refs/heads/feat/x');
    expect(repo.git(['rev-parse', '--abbrev-ref', 'main@{upstream}']).trim()).toBe('origin/main');
  });
});

describe('tmuxServer', () => {
  it('runs a private server that is gone after kill, leaving the default socket untouched', async () => {
    const before = snapshot();
    const server = tmuxServer();
    server.tmux(['new-session', '-d', '-s', 'probe']);
    expect(server.socketPath.startsWith(server.env.TMUX_TMPDIR!)).toBe(true);
    expect(existsSync(server.socketPath)).toBe(true);
    expect(server.tmux(['list-sessions', '-F', '#{session_name}']).trim()).toBe('probe');
    server.kill();
    await retryUntil(() => !existsSync(server.socketPath), { timeout: 5000 });
    expect(server.tryTmux(['list-sessions']).status).not.toBe(0);
    expect(snapshot()).toEqual(before);
  });

  it('never inherits TMUX from the caller', () => {
    const server = tmuxServer();
    try {
      expect(server.env.TMUX).toBeUndefined();
      expect(server.env.TMUX_PANE).toBeUndefined();
      expect(server.args).toContain('-L');
    } finally {
      server.kill();
    }
  });
});

describe('retryUntil', () => {
  it('returns the first truthy value', async () => {
    let n = 0;
    await expect(retryUntil(() => (++n >= 3 ? n : 0))).resolves.toBe(3);
  });

  it('throws at the deadline', async () => {
    await expect(retryUntil(() => false, { timeout: 50, message: 'never' })).rejects.toThrow(
      'never',
    );
  });
});
