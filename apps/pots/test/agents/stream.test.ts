// streamPane: output as it is produced, in order, each byte once, ANSI and long lines intact; ends
// with the exit status. Spawned panes are read from their log; other panes get a temporary pipe that
// is stopped afterwards; a pipe the user owns is never replaced.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendText, spawnAgent, streamPane, type PaneStreamEvent } from '../../src/agents/index.js';
import { readPaneState } from '../../src/tmux/pane-state.js';
import { agentFixture, type AgentFixture } from './fixture.js';
import { PRINT_300, PRINTED_300 } from './print-300.js';

let f: AgentFixture;
beforeAll(() => {
  f = agentFixture('stream-s');
});
afterAll(() => f.cleanup());

/** Collects events until `until` says stop (or the stream ends). */
async function collect(
  stream: AsyncIterable<PaneStreamEvent>,
  until: (text: string, events: PaneStreamEvent[]) => boolean = () => false,
): Promise<{ text: string; events: PaneStreamEvent[] }> {
  const events: PaneStreamEvent[] = [];
  let text = '';
  for await (const event of stream) {
    events.push(event);
    text += event.data;
    if (until(text, events)) break;
  }
  return { text, events };
}

function numberedLines(text: string): string[] {
  return text.split('\r\n').filter((line) => /^line \d+ /.test(line));
}

describe('streamPane', () => {
  it('follows a spawned pane from its log: 300 long ANSI lines in order, then the exit status', async () => {
    const pane = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      // Waits before exiting (as a real program would): see the note in spawn.test.ts.
      command: ['sh', '-c', `read go; ${PRINT_300}; read done; exit 3`],
      dataDir: f.dataDir,
    });
    // The stream attaches at the log's current end; the pane prints once it is told to go.
    const stream = streamPane(f.tmux, pane.id, {
      onReady: () => void sendText(f.tmux, pane.id, 'go'),
    });
    let told = false;
    const { text, events } = await collect(stream, (t) => {
      if (!told && numberedLines(t).length === 300) {
        told = true;
        void sendText(f.tmux, pane.id, 'done');
      }
      return false;
    });
    expect(numberedLines(text)).toEqual(PRINTED_300);
    const last = events.at(-1)!;
    expect(last).toMatchObject({
      type: 'exit',
      paneId: pane.id,
      exitCode: 3,
      signal: null,
      gone: false,
    });
    expect(events.filter((e) => e.type === 'exit')).toHaveLength(1);
    for (const event of events) expect(event.at).toBeInstanceOf(Date);
  });

  it('replays a spawned pane from its first byte with sinceStart, after it has exited', async () => {
    const pane = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      command: ['sh', '-c', `${PRINT_300}; read done; exit 7`],
      dataDir: f.dataDir,
    });
    await retryUntil(() => readFileSync(pane.log, 'utf8').includes('line 300 '));
    await sendText(f.tmux, pane.id, '');
    await retryUntil(
      async () => (await readPaneState(f.tmux, pane.id, { reap: true })).deadStatus === 7,
    );
    const { text, events } = await collect(streamPane(f.tmux, pane.id, { sinceStart: true }));
    expect(text.startsWith('line 1 \x1b[31mred')).toBe(true);
    expect(numberedLines(text)).toEqual(PRINTED_300);
    expect(events.at(-1)).toMatchObject({ type: 'exit', exitCode: 7 });
  });

  it('streams a pane pots did not spawn through a temporary pipe, and removes it afterwards', async () => {
    const paneId = f.server
      .tmux(['new-window', '-d', '-P', '-F', '#{pane_id}', '-t', f.session.id, '-c', f.dir])
      .trim();
    const controller = new AbortController();
    const stream = streamPane(f.tmux, paneId, { signal: controller.signal, dataDir: f.dataDir });
    const first = stream.next(); // starts the pipe
    await retryUntil(async () => (await readPaneState(f.tmux, paneId)).pipe);
    await sendText(f.tmux, paneId, PRINT_300);
    const head = await first;
    const headText = head.done ? '' : head.value.data;
    // The first chunk may already hold some of the lines (or half of one): count from it.
    const rest = await collect(stream, (text) => {
      if (numberedLines(headText + text).length < 300) return false;
      controller.abort();
      return false; // keep iterating: the stream ends by itself on abort
    });
    const text = headText + rest.text;
    expect(numberedLines(text)).toEqual(PRINTED_300);
    expect(rest.events.some((e) => e.type === 'exit')).toBe(false);
    const after = await readPaneState(f.tmux, paneId);
    expect(after).toMatchObject({ pipe: false, potsPipe: null, dead: false });
    expect(readdirSync(join(f.dataDir, 'tmp'))).toEqual([]);
  });

  it('starts with the scrollback for sinceStart on a pane pots did not spawn', async () => {
    const paneId = f.server
      .tmux([
        'new-window',
        '-d',
        '-P',
        '-F',
        '#{pane_id}',
        '-t',
        f.session.id,
        '-c',
        f.dir,
        'echo before-stream; read x; echo "after $x"; exec cat',
      ])
      .trim();
    await f.screenHas(paneId, 'before-stream');
    const stream = streamPane(f.tmux, paneId, { sinceStart: true, dataDir: f.dataDir });
    const first = await stream.next();
    expect(first.value).toMatchObject({ type: 'output' });
    expect(first.value?.data).toContain('before-stream');
    await sendText(f.tmux, paneId, 'stream');
    const { text } = await collect(stream, (t) => t.includes('after stream'));
    expect(text).toContain('after stream');
    await retryUntil(
      async () => !(await readPaneState(f.tmux, paneId).catch(() => ({ pipe: false }))).pipe,
    );
  });

  it('ends with gone: true when the pane is killed', async () => {
    const pane = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      command: ['sh', '-c', 'echo up; exec cat'],
      dataDir: f.dataDir,
    });
    const stream = streamPane(f.tmux, pane.id, { sinceStart: true });
    let killed = false;
    const { events } = await collect(stream, (text) => {
      if (text.includes('up') && !killed) {
        killed = true;
        f.server.tmux(['kill-pane', '-t', pane.id]);
      }
      return false;
    });
    expect(events.at(-1)).toMatchObject({ type: 'exit', gone: true, exitCode: null });
  });

  it("refuses a pane whose pipe-pane is the user's (exit 4) and leaves that pipe alone", async () => {
    const paneId = f.server
      .tmux(['new-window', '-d', '-P', '-F', '#{pane_id}', '-t', f.session.id, '-c', f.dir])
      .trim();
    const userLog = join(f.dir, 'user-pipe.log');
    f.server.tmux(['pipe-pane', '-t', paneId, `cat >> '${userLog}'`]);
    await expect(collect(streamPane(f.tmux, paneId))).rejects.toMatchObject({ exitCode: 4 });
    expect((await readPaneState(f.tmux, paneId)).pipe).toBe(true);
    await sendText(f.tmux, paneId, 'echo still-logged');
    await retryUntil(
      () => existsSync(userLog) && readFileSync(userLog, 'utf8').includes('still-logged'),
    );
  });
});
