// Typing `run: shell` commands on a real private server: a shell that is slow to draw its prompt
// gets its lines once it does, none lost or reordered; one that never draws it within the bound
// gets them anyway, with a warning naming the pane; window_index moves windows where tmuxp puts
// them; the plan types nothing into `run: process` panes and defers `optionsAfter`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFromTemplate,
  normalizeTemplate,
  planTemplate,
  windowMoves,
  type Template,
} from '../../src/templates/index.js';
import { privateTmux, type PrivateTmux } from '../tmux/private-tmux.js';
import { seePanes } from './helpers.js';

let t: PrivateTmux;
let root: { path: string; cleanup: () => void };
let counter = 0;

beforeAll(() => {
  t = privateTmux();
  root = tempDir('pt-typing-');
});

afterAll(() => {
  t.done();
  root.cleanup();
});

const template = (data: unknown): Template => normalizeTemplate('t', data, { kind: 'builtin' });

describe('typing into shells', () => {
  it('waits for a slow shell, then types every line in order; a bound that passes warns and types anyway', async () => {
    // sh reads $ENV when it starts interactively: this one takes 1.5 s before its prompt.
    const rc = join(root.path, 'slow-rc');
    writeFileSync(rc, 'sleep 1.5\n');
    const out = join(root.path, 'order');
    const lines = Array.from({ length: 12 }, (_, i) => `echo ${i}-x\\; >> ${out}`);
    const tpl = template({
      run: 'shell',
      windows: [
        { name: 'a', panes: [lines.join('\n'), `echo one > ${out}-2`, `echo two > ${out}-3`] },
        { name: 'b', panes: [`echo three > ${out}-4`, `echo four > ${out}-5`] },
      ],
    });
    const made = await createFromTemplate(t.tmux, {
      name: `typing-${++counter}`,
      cwd: root.path,
      template: tpl,
      sessionEnv: { ENV: rc },
      readyTimeoutMs: 300,
    });
    // The bound (0.3 s) is shorter than the shell's start: every pane is named in a warning.
    expect(made.warnings).toHaveLength(5);
    expect(made.warnings[0]).toMatch(
      /^window "a", pane 0: no shell prompt within 0.3 s; its commands were typed anyway$/,
    );
    await retryUntil(
      () => existsSync(`${out}-5`) && readFileSync(out, 'utf8').split('\n').length === 13,
    );
    expect(readFileSync(out, 'utf8')).toBe(lines.map((_, i) => `${i}-x;\n`).join(''));

    const patient = await createFromTemplate(t.tmux, {
      name: `typing-${++counter}`,
      cwd: root.path,
      template: template({
        run: 'shell',
        windows: [{ name: 'c', panes: [`echo late > ${out}-6`] }],
      }),
      sessionEnv: { ENV: rc },
    });
    expect(patient.warnings).toEqual([]);
    await retryUntil(() => existsSync(`${out}-6`));
    // Typed after the prompt: the screen shows the prompt, then the command.
    const screen = t.server.tmux(['capture-pane', '-p', '-t', patient.created[0]?.paneId ?? '']);
    expect(screen).toMatch(/^[#$] echo late/m);
  });

  it('puts window_index windows where tmuxp does, and unnamed windows keep tmux’s name', async () => {
    const made = await createFromTemplate(t.tmux, {
      name: `typing-${++counter}`,
      cwd: root.path,
      template: template({
        windows: [
          { name: 'zero', panes: [null] },
          { name: 'five', index: 5, panes: [null] },
          { panes: [null] },
        ],
      }),
    });
    // tmux names an unnamed window after its pane's program; until the forked child has exec'd
    // the shell (seconds, under load) that program is still "tmux", so wait for the name to settle.
    await retryUntil(() => {
      const windows = [
        ...new Map(
          seePanes(t.server, made.sessionId).map((p) => [
            p.windowIndex,
            [p.windowName, p.windowTag],
          ]),
        ),
      ];
      expect(windows).toEqual([
        [0, ['zero', 'zero']],
        [1, ['sh', 'window-3']],
        [5, ['five', 'five']],
      ]);
      return true;
    });
  });
});

describe('the plan of run: shell panes', () => {
  it('starts them as plain shells, lists their lines to type, and defers optionsAfter', () => {
    const plan = planTemplate(
      template({
        windows: [
          {
            name: 'w',
            run: 'shell',
            optionsAfter: { 'synchronize-panes': 'on' },
            panes: [
              'cd web\nnpm run dev',
              { command: 'ls', run: 'process' },
              { command: 'vim', enter: false, history: false },
            ],
          },
        ],
      }),
      { sessionName: 's', cwd: '/src' },
    );
    const argv = plan.invocations[0] ?? [];
    expect(argv.filter((a) => a === 'cd web\nnpm run dev')).toEqual(['cd web\nnpm run dev']); // only @pots-command
    expect(argv).toContain('ls');
    expect(argv).not.toContain('synchronize-panes');
    expect(plan.typing).toEqual([
      { window: 'w', pane: 0, lines: ['cd web', 'npm run dev'], enter: true, history: true },
      { window: 'w', pane: 2, lines: ['vim'], enter: false, history: false },
    ]);
    expect(plan.after).toEqual([{ window: 'w', options: { 'synchronize-panes': 'on' } }]);
  });

  it('moves windows through a parking index so two can trade places', () => {
    const tpl = template({
      windows: [
        { name: 'a', index: 1, panes: [null] },
        { name: 'b', index: 0, panes: [null] },
      ],
    });
    const moves = windowMoves(
      tpl,
      [
        { window: 'a', windowId: '@1', windowIndex: 0 },
        { window: 'b', windowId: '@2', windowIndex: 1 },
      ],
      '$4',
    );
    expect(moves.commands).toEqual([
      ['move-window', '-d', '-s', '@1', '-t', '$4:2'],
      ['move-window', '-d', '-s', '@2', '-t', '$4:3'],
      ['move-window', '-d', '-s', '@1', '-t', '$4:1'],
      ['move-window', '-d', '-s', '@2', '-t', '$4:0'],
    ]);
    expect(moves.warnings).toEqual([]);
  });
});
