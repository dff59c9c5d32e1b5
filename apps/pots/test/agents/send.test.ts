// sendText against real panes that record every byte they receive (raw tty, no echo): text arrives
// verbatim — never as tmux commands, key names or flags — multi-line text as ONE bracketed paste
// with Enter after it, and a pane in copy-mode is taken out of it first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendText, spawnAgent } from '../../src/agents/index.js';
import { readPaneState } from '../../src/tmux/pane-state.js';
import { agentFixture, recorder, type AgentFixture } from './fixture.js';

let f: AgentFixture;
beforeAll(() => {
  f = agentFixture('send-s');
});
afterAll(() => f.cleanup());

let n = 0;
/** A pane recording its input to a file; returns its id and a reader for the file. */
async function recordingPane() {
  const file = join(f.dir, `input-${++n}.bin`);
  const pane = await spawnAgent(f.tmux, {
    session: f.session,
    cwd: f.dir,
    command: recorder(file),
    dataDir: f.dataDir,
  });
  await f.screenHas(pane.id, 'READY');
  return { id: pane.id, received: () => (existsSync(file) ? readFileSync(file, 'latin1') : '') };
}

const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
const START = '\x1b[200~';
const END = '\x1b[201~';

describe('sendText', () => {
  it('delivers `echo \'a;\' #(touch pwned) -x "q"` verbatim and runs nothing', async () => {
    const pane = await recordingPane();
    const sessionsBefore = f.server.tmux(['list-sessions', '-F', '#{session_id} #{session_name}']);
    const sentinel = join(f.dir, 'pwned-abs');
    const texts = [`echo 'a;' #(touch pwned) -x "q"`, `echo 'a;' #(touch ${sentinel}) -x "q";`];
    let calls = 0;
    for (const text of texts) calls += await f.count(() => sendText(f.tmux, pane.id, text));
    expect(calls).toBe(2); // one tmux invocation per single-line send, Enter included
    const expected = texts.map((text) => `${text}\r`).join('');
    await retryUntil(() => pane.received() === expected, {
      message: `got ${JSON.stringify(pane.received())}`,
    });
    f.server.tmux(['run-shell', 'true']); // let any #() job the server might have started finish
    expect(existsSync(sentinel)).toBe(false);
    for (const dir of [f.dir, f.server.env.HOME!, process.cwd()])
      expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(f.server.tmux(['list-sessions', '-F', '#{session_id} #{session_name}'])).toBe(
      sessionsBefore,
    );
  });

  it('sends flags, key names, separators and unicode as literal text', async () => {
    const pane = await recordingPane();
    const texts = [
      '-x',
      '--',
      '--help',
      '-n hello',
      'C-c',
      'Enter',
      'x;',
      'x;;',
      ';',
      '\\;',
      'find . -exec echo {} \\;',
      'a\\',
      'é日本 ✓',
      '#{host} ##',
      `${'y'.repeat(4000)};`,
    ];
    for (const text of texts) await sendText(f.tmux, pane.id, text);
    const expected = utf8(texts.map((text) => `${text}\r`).join(''));
    await retryUntil(() => pane.received() === expected, {
      message: `got ${JSON.stringify(pane.received().slice(0, 300))}`,
    });
  });

  it('sends without Enter when asked, and long single lines through a buffer', async () => {
    const pane = await recordingPane();
    await sendText(f.tmux, pane.id, 'no enter', { enter: false });
    const long = `${'z'.repeat(20_000)};`;
    const result = await sendText(f.tmux, pane.id, long, { enter: false });
    expect(result.via).toBe('paste');
    await retryUntil(() => pane.received() === `no enter${START}${long}${END}`);
  });

  it('sends a 3-line prompt as one bracketed paste, then Enter separately', async () => {
    const pane = await recordingPane();
    const prompt = "Line one; with 'quotes'\n-line two #(touch x)\nline three ✓";
    const result = await sendText(f.tmux, pane.id, prompt);
    expect(result).toMatchObject({ via: 'paste', calls: 2 });
    // tmux pastes newlines as CR (what a terminal sends), inside ONE pair of markers.
    const expected = utf8(`${START}${prompt.replaceAll('\n', '\r')}${END}\r`);
    await retryUntil(() => pane.received() === expected, {
      message: `got ${JSON.stringify(pane.received())}`,
    });
    // The named buffer is gone (-d), and nothing was left in the user's buffers.
    expect(f.server.tryTmux(['list-buffers', '-F', '#{buffer_name}']).stdout).not.toMatch(/pots-/);
  });

  it('takes a pane out of copy-mode before typing', async () => {
    const pane = await recordingPane();
    f.server.tmux(['copy-mode', '-t', pane.id]);
    expect((await readPaneState(f.tmux, pane.id)).inMode).toBe(true);
    await sendText(f.tmux, pane.id, 'after copy-mode');
    await retryUntil(() => pane.received() === 'after copy-mode\r');
    expect((await readPaneState(f.tmux, pane.id)).inMode).toBe(false);
    f.server.tmux(['copy-mode', '-t', pane.id]);
    await sendText(f.tmux, pane.id, 'two\nlines', { enter: false });
    await retryUntil(() => pane.received() === `after copy-mode\r${START}two\rlines${END}`);
  });

  it('refuses a dead pane — a paste into one would crash the tmux 3.3a server', async () => {
    const pane = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      command: ['sh', '-c', 'exit 3'],
      dataDir: f.dataDir,
    });
    await retryUntil(async () => (await readPaneState(f.tmux, pane.id)).dead);
    const sessions = f.server.tmux(['list-sessions', '-F', '#{session_id}']);
    for (const text of ['one line', 'two\nlines']) {
      await expect(sendText(f.tmux, pane.id, text)).rejects.toMatchObject({
        code: 'ERR_POTS_PANE_DEAD',
        exitCode: 1,
      });
    }
    expect(f.server.tmux(['list-sessions', '-F', '#{session_id}'])).toBe(sessions);
    expect(f.server.tryTmux(['list-buffers', '-F', '#{buffer_name}']).stdout).not.toMatch(/pots-/);
  });

  it('refuses what is not a pane id, and reports a pane that is gone (exit 3)', async () => {
    await expect(sendText(f.tmux, 'send-s', 'x')).rejects.toMatchObject({ exitCode: 2 });
    await expect(sendText(f.tmux, '%9999', 'x')).rejects.toMatchObject({ exitCode: 3 });
  });
});
