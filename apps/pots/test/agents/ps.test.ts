// ps: every managed pane (sessions/windows tagged with a worktree, and spawned panes) from ONE
// list-panes call, with running → idle → exited(status) states.
import { utimesSync } from 'node:fs';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ps, sendText, spawnAgent } from '../../src/agents/index.js';
import { agentFixture, type AgentFixture } from './fixture.js';

let f: AgentFixture;
beforeAll(() => {
  f = agentFixture('ps-s');
  // A session pots manages (tagged), and one it does not.
  f.server.tmux(['new-session', '-d', '-s', 'app-feat-dev', '-c', f.dir]);
  f.server.tmux(['set-option', '-t', '=app-feat-dev:', '@pots-worktree', '/w/feat']);
  f.server.tmux(['set-option', '-t', '=app-feat-dev:', '@pots-task', 'dev']);
  f.server.tmux(['new-session', '-d', '-s', 'users-own', '-c', f.dir]);
});
afterAll(() => f.cleanup());

describe('ps', () => {
  it('shows a spawned pane running, then exited with its status, one tmux call each', async () => {
    const pane = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      name: 'job',
      command: ['sh', '-c', 'echo started; read x; exit 3'],
      dataDir: f.dataDir,
    });
    let rows: Awaited<ReturnType<typeof ps>> = [];
    expect(await f.count(async () => (rows = await ps(f.tmux, { idleSeconds: 3600 })))).toBe(1);
    expect(rows.find((r) => r.id === pane.id)).toMatchObject({
      session: 'ps-s',
      worktree: null,
      task: null,
      pid: pane.pid,
      state: 'running',
      spawned: true,
      agent: null,
      name: 'job',
      log: pane.log,
    });
    expect(rows.find((r) => r.id === pane.id)?.command).toContain('read x');
    expect(rows.find((r) => r.id === pane.id)).not.toHaveProperty('exitCode');
    await sendText(f.tmux, pane.id, 'x');
    const exited = await retryUntil(async () =>
      (await ps(f.tmux)).find((r) => r.id === pane.id && r.state === 'exited'),
    );
    expect(exited).toMatchObject({ state: 'exited', exitCode: 3 });
  });

  it('lists managed sessions only, with worktree and task; idle after idleSeconds of silence', async () => {
    const rows = await ps(f.tmux, { idleSeconds: 3600 });
    const sessions = new Set(rows.map((r) => r.session));
    expect(sessions.has('app-feat-dev')).toBe(true);
    expect(sessions.has('users-own')).toBe(false);
    expect(rows.find((r) => r.session === 'app-feat-dev')).toMatchObject({
      worktree: 'feat',
      path: '/w/feat',
      task: 'dev',
      spawned: false,
      agent: null,
      state: 'running',
    });
    const quiet = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      command: ['sh', '-c', 'exec cat'],
      dataDir: f.dataDir,
    });
    await retryUntil(async () => (await ps(f.tmux)).some((r) => r.id === quiet.id));
    // The log's mtime is the pane's last output: make it an hour old.
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(quiet.log, hourAgo, hourAgo);
    const row = (await ps(f.tmux, { idleSeconds: 30 })).find((r) => r.id === quiet.id);
    expect(row).toMatchObject({ state: 'idle' });
    expect(Math.abs(row!.activity.getTime() - hourAgo.getTime())).toBeLessThan(1000);
  });
});
