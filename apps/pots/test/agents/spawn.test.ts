// spawnAgent against a real private tmux server: the command is the pane's initial process, its exit
// status survives (even for a command that exits at once), the pane is tagged, and its raw output
// lands in a log under the data dir that outlives the pane and the session.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendText, spawnAgent } from '../../src/agents/index.js';
import { listPaneStates, readPaneState } from '../../src/tmux/pane-state.js';
import { agentFixture, type AgentFixture } from './fixture.js';

let f: AgentFixture;
beforeAll(() => {
  f = agentFixture('spawn-s');
});
afterAll(() => f.cleanup());

const deadWith = async (paneId: string, status: number) =>
  retryUntil(async () => {
    const pane = await readPaneState(f.tmux, paneId, { reap: true });
    return pane.dead && pane.deadStatus === status ? pane : null;
  });

describe('spawnAgent', () => {
  it('starts the command in a new window in ONE tmux call, tagged, logging from the first byte', async () => {
    let pane!: Awaited<ReturnType<typeof spawnAgent>>;
    const calls = await f.count(async () => {
      pane = await spawnAgent(f.tmux, {
        session: f.session,
        cwd: f.dir,
        name: 'greeter',
        env: { GREETING: 'hello from env' },
        // It waits before exiting: tmux 3.3a loses the last output of a process that exits within
        // microseconds of writing it (~2% here; the screen misses it too), which is not pots's to fix.
        command: ['sh', '-c', 'printf "%s in %s\\n" "$GREETING" "$PWD"; read x; exit 3'],
        dataDir: f.dataDir,
      });
    });
    expect(calls).toBe(1);
    expect(pane).toMatchObject({
      sessionId: f.session.id,
      name: 'greeter',
      cwd: f.dir,
      split: null,
    });
    expect(pane.id).toMatch(/^%\d+$/);
    expect(
      pane.log.startsWith(join(f.dataDir, 'logs', 'spawn-s', `greeter-${pane.id.slice(1)}-`)),
    ).toBe(true);
    expect(pane.log).toMatch(/-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.log$/);
    await retryUntil(() => readFileSync(pane.log, 'utf8').includes('\n'));
    expect(readFileSync(pane.log, 'utf8')).toBe(`hello from env in ${f.dir}\r\n`);
    await sendText(f.tmux, pane.id, '');
    const dead = await deadWith(pane.id, 3);
    expect(dead).toMatchObject({
      spawned: true,
      agentName: 'greeter',
      log: pane.log,
      windowName: 'greeter',
    });
    await retryUntil(() => readFileSync(pane.log, 'utf8').endsWith('\r\n\r\n')); // + the echoed Enter
  });

  it('keeps the exit status of commands that exit at once (window and split), every time', async () => {
    for (let i = 0; i < 12; i++) {
      const pane = await spawnAgent(f.tmux, {
        session: f.session,
        cwd: f.dir,
        command: ['sh', '-c', `printf 'run ${i}'; exit 3`],
        dataDir: f.dataDir,
        ...(i % 2 === 1 ? { split: i % 4 === 1 ? ('h' as const) : ('v' as const) } : {}),
      });
      await deadWith(pane.id, 3);
      f.server.tmux(['kill-pane', '-t', pane.id]);
    }
  });

  it('splits a pane in two tmux calls and runs the command there, not the placeholder', async () => {
    const base = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      name: 'base',
      command: ['sh', '-c', 'read x'],
      dataDir: f.dataDir,
    });
    let split!: Awaited<ReturnType<typeof spawnAgent>>;
    const calls = await f.count(async () => {
      split = await spawnAgent(f.tmux, {
        session: f.session,
        cwd: f.dir,
        name: 'side',
        split: 'h',
        splitTarget: base.id,
        command: ['sh', '-c', 'echo "split $0"; read x; exit 5', 'argv0'],
        dataDir: f.dataDir,
      });
    });
    expect(calls).toBe(2);
    expect(split.windowId).toBe(base.windowId);
    await retryUntil(() => readFileSync(split.log, 'utf8') === 'split argv0\r\n');
    await sendText(f.tmux, split.id, '');
    const dead = await deadWith(split.id, 5);
    expect(dead.startCommand).toContain('split');
    // The split did not steal focus from the pane that was active.
    const panes = (await listPaneStates(f.tmux)).filter((p) => p.windowId === base.windowId);
    expect(panes.find((p) => p.active)?.id).toBe(base.id);
  });

  it('creates the session through the callback only once the options are valid', async () => {
    let called = 0;
    const session = () => {
      called++;
      return Promise.resolve(f.session);
    };
    await expect(spawnAgent(f.tmux, { session, cwd: f.dir, command: [] })).rejects.toMatchObject({
      exitCode: 2,
    });
    await expect(
      spawnAgent(f.tmux, { session, cwd: join(f.dir, 'missing'), command: ['true'] }),
    ).rejects.toMatchObject({ exitCode: 3 });
    expect(called).toBe(0);
    const pane = await spawnAgent(f.tmux, {
      session,
      cwd: f.dir,
      command: ['sh', '-c', 'exit 0'],
      dataDir: f.dataDir,
    });
    expect(called).toBe(1);
    await deadWith(pane.id, 0);
  });

  it('escapes names and data-dir paths: #(…), quotes and ; run nothing', async () => {
    const sentinel = join(f.dir, 'pwned');
    // A path cannot hold the sentinel's slashes: a relative one, looked for wherever a job could run.
    const dataDir = join(f.dir, `data #(touch pwned) it's; #{host}`);
    const relative = [f.dir, dataDir, f.server.env.HOME!, process.cwd()].map((d) =>
      join(d, 'pwned'),
    );
    mkdirSync(dataDir);
    const pane = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      name: `n#(touch ${sentinel});`,
      command: ['sh', '-c', 'echo logged; exec cat'],
      dataDir,
    });
    expect(pane.log.startsWith(join(dataDir, 'logs', 'spawn-s', 'n-touch-'))).toBe(true);
    await retryUntil(() => existsSync(pane.log) && readFileSync(pane.log, 'utf8') === 'logged\r\n');
    const state = await readPaneState(f.tmux, pane.id);
    expect(state.agentName).toBe(`n#(touch ${sentinel});`);
    expect(state.windowName).toBe(`n#(touch ${sentinel});`);
    expect(state.log).toBe(pane.log);
    // tmux runs #() jobs asynchronously: give one a chance to run before asserting it did not.
    f.server.tmux(['run-shell', 'true']);
    expect(existsSync(sentinel)).toBe(false);
    expect(relative.filter((p) => existsSync(p))).toEqual([]);
  });

  it('keeps the log after the pane and its session are gone', async () => {
    const id = f.server
      .tmux(['new-session', '-d', '-P', '-F', '#{session_id}', '-s', 'short-lived', '-c', f.dir])
      .trim();
    const pane = await spawnAgent(f.tmux, {
      session: { id, name: 'short-lived' },
      cwd: f.dir,
      command: ['sh', '-c', 'echo "still here"; read x'],
      dataDir: f.dataDir,
    });
    await retryUntil(() => readFileSync(pane.log, 'utf8').includes('still here'));
    f.server.tmux(['kill-session', '-t', id]);
    expect(readFileSync(pane.log, 'utf8')).toBe('still here\r\n');
    expect(pane.log.startsWith(join(f.dataDir, 'logs', 'short-lived'))).toBe(true);
  });
});
