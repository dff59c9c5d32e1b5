// waitFor: exit (with the pane's status), text (printed after the wait starts), idle, and a typed
// timeout — all without sleeps: every wait below is released by something the test does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendText, spawnAgent, waitFor, WaitTimeoutError } from '../../src/agents/index.js';
import { agentFixture, type AgentFixture } from './fixture.js';

let f: AgentFixture;
beforeAll(() => {
  f = agentFixture('wait-s');
});
afterAll(() => f.cleanup());

const spawn = (script: string) =>
  spawnAgent(f.tmux, {
    session: f.session,
    cwd: f.dir,
    command: ['sh', '-c', script],
    dataDir: f.dataDir,
  });

describe('waitFor', () => {
  it('exit: resolves with the exit code once the pane exits', async () => {
    const pane = await spawn('read x; exit 3');
    const waiting = waitFor(f.tmux, pane.id, { exit: true });
    await sendText(f.tmux, pane.id, 'go');
    await expect(waiting).resolves.toEqual({
      reason: 'exit',
      paneId: pane.id,
      exitCode: 3,
      signal: null,
    });
    // Already dead: at once.
    await expect(waitFor(f.tmux, pane.id, { exit: true })).resolves.toMatchObject({ exitCode: 3 });
  });

  it('exit: reports the signal of a killed process', async () => {
    const pane = await spawn('exec sleep 1000');
    const waiting = waitFor(f.tmux, pane.id, { exit: true });
    expect(pane.pid).toBeGreaterThan(0); // kill(0) would signal this whole process group
    process.kill(pane.pid, 'SIGTERM');
    await expect(waiting).resolves.toMatchObject({ reason: 'exit', exitCode: null, signal: 15 });
  });

  it('text: resolves on output printed after the wait starts, across escape codes', async () => {
    const pane = await spawn(
      `echo 'answer is 0'; read x; printf 'the ans\\033[1mwer is %s\\033[0m\\n' "$x"; exec cat`,
    );
    await f.screenHas(pane.id, 'answer is 0');
    const waiting = waitFor(
      f.tmux,
      pane.id,
      { text: /answer is (\d+)/ },
      { onReady: () => void sendText(f.tmux, pane.id, '42') },
    );
    await expect(waiting).resolves.toEqual({
      reason: 'text',
      paneId: pane.id,
      match: 'answer is 42',
    });
    // With sinceStart the earlier line counts.
    await expect(
      waitFor(f.tmux, pane.id, { text: 'answer is 0' }, { sinceStart: true }),
    ).resolves.toMatchObject({ reason: 'text', match: 'answer is 0' });
  });

  it('text: reads the answer to the last send, even one printed before the wait began', async () => {
    const pane = await spawn('while read x; do echo "reply to $x"; done');
    await sendText(f.tmux, pane.id, 'first', { log: pane.log });
    await f.screenHas(pane.id, 'reply to first'); // answered before anyone waits
    await expect(waitFor(f.tmux, pane.id, { text: /reply to \w+/ })).resolves.toMatchObject({
      match: 'reply to first',
    });
    await sendText(f.tmux, pane.id, 'second', { log: pane.log });
    await expect(waitFor(f.tmux, pane.id, { text: /reply to \w+/ })).resolves.toMatchObject({
      match: 'reply to second',
    });
  });

  it('text: a pane that exits first ends the wait with reason exit', async () => {
    const pane = await spawn('read x; echo nope; exit 4');
    const waiting = waitFor(f.tmux, pane.id, { text: 'never printed' });
    await sendText(f.tmux, pane.id, 'go');
    await expect(waiting).resolves.toMatchObject({ reason: 'exit', exitCode: 4 });
  });

  it('idle: resolves once the pane has printed nothing for the given time', async () => {
    const pane = await spawn('echo busy; exec cat >/dev/null');
    await f.screenHas(pane.id, 'busy');
    await expect(waitFor(f.tmux, pane.id, { idle: 0.2 })).resolves.toEqual({
      reason: 'idle',
      paneId: pane.id,
    });
    await expect(waitFor(f.tmux, pane.id, { idle: 0 })).rejects.toMatchObject({ exitCode: 2 });
  });

  it('times out with a typed error (exit 1)', async () => {
    const pane = await spawn('exec cat >/dev/null');
    const error = await waitFor(f.tmux, pane.id, { text: 'never' }, { timeoutMs: 200 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ exitCode: 1, code: 'ERR_POTS_WAIT_TIMEOUT' });
    await expect(
      waitFor(f.tmux, pane.id, { exit: true }, { timeoutMs: 100 }),
    ).rejects.toBeInstanceOf(WaitTimeoutError);
  });

  it('stops at once on abort', async () => {
    const pane = await spawn('exec cat >/dev/null');
    const controller = new AbortController();
    const waiting = waitFor(f.tmux, pane.id, { exit: true }, { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
