// capturePane: the pane's text, plain by default; with ansi only SGR survives — OSC 52 clipboard
// writes, title changes and terminal queries never reach the caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturePane, spawnAgent } from '../../src/agents/index.js';
import { agentFixture, type AgentFixture } from './fixture.js';

let f: AgentFixture;
beforeAll(() => {
  f = agentFixture('capture-s');
});
afterAll(() => f.cleanup());

const HOSTILE =
  "printf '\\033]52;c;cHduZWQ=\\007\\033]0;title\\007\\033[6n\\033P+q544e\\033\\\\\\033[31mred\\033[0m plain\\n'";

describe('capturePane', () => {
  it('strips OSC 52, titles, queries and DCS; keeps SGR only with ansi', async () => {
    const pane = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      // tmux answers the `\033[6n` query by typing a cursor report into the pane; `stty -echo`
      // keeps the terminal from echoing it as `^[[1;1R` wherever the output has got to (before
      // `done` when tmux reads the printf before `echo done` runs, as under load).
      command: ['sh', '-c', `stty -echo; ${HOSTILE}; echo done; exec cat >/dev/null`],
      dataDir: f.dataDir,
    });
    await f.screenHas(pane.id, 'done');
    const plain = await capturePane(f.tmux, pane.id);
    expect(plain).toContain('red plain\ndone\n');
    expect([...plain].filter((c) => c < ' ' && c !== '\n')).toEqual([]);
    const ansi = await capturePane(f.tmux, pane.id, { ansi: true });
    expect(ansi).toContain('\x1b[31mred');
    expect(ansi).not.toContain('\x1b]');
    expect(ansi).not.toContain('\x07');
    expect(ansi).not.toContain('\x1bP');
    expect(ansi).not.toContain('cHduZWQ');
    const ESC = String.fromCharCode(27);
    for (const sequence of ansi.match(new RegExp(`${ESC}[^a-zA-Z]*[a-zA-Z]`, 'g')) ?? [])
      expect(sequence).toMatch(new RegExp(`^${ESC}\\[[0-9;:]*m$`));
  });

  it('returns the last N lines, history included, one tmux call', async () => {
    const pane = await spawnAgent(f.tmux, {
      session: f.session,
      cwd: f.dir,
      command: ['sh', '-c', 'for i in $(seq 1 120); do echo "row $i"; done; exec cat >/dev/null'],
      dataDir: f.dataDir,
    });
    await f.screenHas(pane.id, 'row 120');
    let text = '';
    expect(
      await f.count(async () => (text = await capturePane(f.tmux, pane.id, { lines: 3 }))),
    ).toBe(1);
    expect(text).toBe('row 118\nrow 119\nrow 120\n');
    const screen = await capturePane(f.tmux, pane.id);
    expect(screen.split('\n')).toContain('row 120');
    expect(screen).not.toContain('row 1\n');
    await expect(capturePane(f.tmux, pane.id, { lines: 0 })).rejects.toMatchObject({ exitCode: 2 });
    await expect(capturePane(f.tmux, '%9999')).rejects.toMatchObject({ exitCode: 3 });
  });
});
