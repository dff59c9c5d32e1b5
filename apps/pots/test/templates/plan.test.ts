// The tmux plan, read as tables: a whole session in one chained invocation, targets that are exact
// or relative to what the chain just made, hostile text escaped, only missing windows and panes
// planned for an existing session, and long chains split before tmux's 16 KB limit.
import { UsageError, isPlumError } from '@plumpots/core';
import { describe, expect, it } from 'vitest';
import {
  CREATED_FORMAT,
  MAX_INVOCATION_BYTES,
  PANE_WRAPPER,
  normalizeTemplate,
  planTemplate,
  type ExistingWindow,
  type Template,
} from '../../src/templates/index.js';
import { assertSafeArgv } from '../../src/tmux/index.js';

const F = CREATED_FORMAT.format;
const WT = '/src/app';
const SH = '/bin/bash';
const run = (command: string) => ['--', '/bin/sh', '-c', PANE_WRAPPER, SH, command];

const template = (data: unknown, name = 't'): Template =>
  normalizeTemplate(name, data, { kind: 'builtin' });

/** The commands of one invocation, split back on tmux's `;` separators. */
function commands(argv: readonly string[]): string[][] {
  const out: string[][] = [[]];
  for (const arg of argv) {
    if (arg === ';') out.push([]);
    else out.at(-1)?.push(arg);
  }
  return out;
}

describe('planTemplate: a new session', () => {
  const dev = template({
    options: { 'status-left': '[dev]' },
    windows: [
      {
        name: 'code',
        layout: 'main-vertical',
        panes: [
          { command: 'vim .', focus: false },
          null,
          { command: 'npm test', cwd: 'web', focus: true, title: 'tests' },
        ],
      },
      {
        name: 'server',
        env: { PORT: '3000' },
        panes: [{ command: 'npm run dev', env: { DEBUG: '1' } }],
      },
    ],
  });

  it('is one invocation that makes every window and pane, tags them, lays them out and focuses', () => {
    const plan = planTemplate(dev, {
      sessionName: 'app-main-dev',
      cwd: WT,
      shell: SH,
      sessionOptions: { '@pots-worktree': WT },
    });
    expect(plan.invocations).toHaveLength(1);
    const S = '=app-main-dev:';
    const W = '=app-main-dev:{end}';
    expect(commands(plan.invocations[0] ?? [])).toEqual([
      [
        'new-session',
        '-d',
        '-P',
        '-F',
        F,
        '-s',
        'app-main-dev',
        '-c',
        WT,
        '-n',
        'code',
        ...run('vim .'),
      ],
      ['set-option', '-t', S, '@pots-worktree', WT],
      ['set-option', '-t', S, 'status-left', '[dev]'],
      ['set-option', '-w', '-t', W, 'pane-base-index', '0'],
      ['set-option', '-w', '-t', W, '@pots-window', 'code'],
      ['set-option', '-p', '-t', `${W}.0`, '@pots-pane', '0'],
      ['set-option', '-p', '-t', `${W}.0`, '@pots-command', 'vim .'],
      ['split-window', '-d', '-P', '-F', F, '-t', `${W}.0`, '-c', WT],
      ['set-option', '-p', '-t', `${W}.1`, '@pots-pane', '1'],
      ['select-layout', '-t', W, 'tiled'],
      ['split-window', '-d', '-P', '-F', F, '-t', `${W}.1`, '-c', `${WT}/web`, ...run('npm test')],
      ['set-option', '-p', '-t', `${W}.2`, '@pots-pane', '2'],
      ['set-option', '-p', '-t', `${W}.2`, '@pots-command', 'npm test'],
      ['select-pane', '-t', `${W}.2`, '-T', 'tests'],
      ['select-layout', '-t', W, 'main-vertical'],
      ['select-pane', '-t', `${W}.2`],
      ['set-option', '-w', '-u', '-t', W, 'pane-base-index'],
      [
        'new-window',
        '-d',
        '-a',
        '-P',
        '-F',
        F,
        '-t',
        W,
        '-n',
        'server',
        '-c',
        WT,
        '-e',
        'PORT=3000',
        '-e',
        'DEBUG=1',
        ...run('npm run dev'),
      ],
      ['set-option', '-w', '-t', W, 'pane-base-index', '0'],
      ['set-option', '-w', '-t', W, '@pots-window', 'server'],
      ['set-option', '-p', '-t', `${W}.0`, '@pots-pane', '0'],
      ['set-option', '-p', '-t', `${W}.0`, '@pots-command', 'npm run dev'],
      ['set-option', '-w', '-u', '-t', W, 'pane-base-index'],
    ]);
    expect(plan.typing).toEqual([]);
    expect(plan.created).toEqual([
      { window: 'code', pane: 0, kind: 'window' },
      { window: 'code', pane: 1, kind: 'pane' },
      { window: 'code', pane: 2, kind: 'pane' },
      { window: 'server', pane: 0, kind: 'window' },
    ]);
    assertSafeArgv(plan.invocations[0] ?? []);
  });

  it("passes the first pane's own variables through respawn-pane (new-session -e is session-wide)", () => {
    const plan = planTemplate(
      template({ windows: [{ name: 'a', env: { A: '1' }, panes: ['x'] }] }),
      {
        sessionName: 's',
        cwd: WT,
        shell: SH,
        sessionEnv: { ALL: 'yes' },
      },
    );
    expect(commands(plan.invocations[0] ?? []).slice(0, 2)).toEqual([
      ['new-session', '-d', '-P', '-F', F, '-s', 's', '-c', WT, '-n', 'a', '-e', 'ALL=yes'],
      ['respawn-pane', '-k', '-t', '=s:{end}', '-c', WT, '-e', 'A=1', ...run('x')],
    ]);
  });

  it('selects a focused window by creating it without -d', () => {
    const plan = planTemplate(
      template({
        windows: [
          { name: 'a', panes: [] },
          { name: 'b', focus: true, panes: [] },
        ],
      }),
      {
        sessionName: 's',
        cwd: WT,
      },
    );
    const newWindow = commands(plan.invocations[0] ?? []).find((c) => c[0] === 'new-window');
    expect(newWindow?.slice(0, 3)).toEqual(['new-window', '-a', '-P']);
  });

  it('escapes what tmux would expand or split, and passes commands as one argv element', () => {
    const plan = planTemplate(
      template({
        windows: [
          {
            name: '#(touch x)',
            panes: [{ command: "echo 'a;' #(touch y);", cwd: 'd#{host};', title: 't#(z)' }, 'ls;'],
          },
        ],
      }),
      { sessionName: 's', cwd: WT, shell: SH },
    );
    const argv = plan.invocations[0] ?? [];
    expect(argv).toContain('##(touch x)');
    expect(argv).toContain(`${WT}/d##{host}\\;`);
    expect(argv).toContain("echo 'a;' #(touch y)\\;");
    expect(argv).toContain('ls\\;');
    expect(argv).toContain('t##(z)');
    assertSafeArgv(argv);
  });

  it('runs a command under the given shell as an argument, never spliced into the wrapper', () => {
    const plan = planTemplate(template({ windows: [{ name: 'a', panes: ['$(rm -rf ~)'] }] }), {
      sessionName: 's',
      cwd: WT,
      shell: '/usr/bin/fish',
    });
    const create = commands(plan.invocations[0] ?? [])[0] ?? [];
    expect(create.slice(create.indexOf('--'))).toEqual([
      '--',
      '/bin/sh',
      '-c',
      PANE_WRAPPER,
      '/usr/bin/fish',
      '$(rm -rf ~)',
    ]);
  });

  it('splits a long chain into several invocations under the limit, and refuses one over-long command', () => {
    const long = `: ${'x'.repeat(5000)}`;
    const plan = planTemplate(
      template({ windows: [{ name: 'a', panes: [long, long, long, long, long] }] }),
      {
        sessionName: 's',
        cwd: WT,
      },
    );
    expect(plan.invocations.length).toBeGreaterThan(1);
    for (const argv of plan.invocations) {
      expect(argv.reduce((n, a) => n + Buffer.byteLength(a) + 1, 0)).toBeLessThan(
        MAX_INVOCATION_BYTES + 100,
      );
    }
    // Each pane's command is in the chain twice: its argv, and `@pots-command` for `pots ps`.
    expect(plan.invocations.flat().filter((a) => a === long)).toHaveLength(10);

    let error: unknown;
    try {
      planTemplate(template({ windows: [{ name: 'a', panes: [`: ${'x'.repeat(20_000)}`] }] }), {
        sessionName: 's',
        cwd: WT,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(isPlumError(error) && error.code).toBe('ERR_POTS_TEMPLATE_TOO_LONG');
  });
});

describe('planTemplate: an existing session', () => {
  const two = template({
    windows: [
      { name: 'code', layout: 'even-horizontal', panes: ['vim', 'ls', null] },
      { name: 'logs', panes: ['tail -f x'] },
    ],
  });
  const pane = (id: string, tag: number | null, active = false) => ({ id, tag, active });
  const complete: ExistingWindow[] = [
    {
      id: '@1',
      name: 'code',
      tag: 'code',
      paneBase: 0,
      panes: [pane('%1', 0, true), pane('%2', 1), pane('%3', 2)],
    },
    { id: '@2', name: 'logs', tag: 'logs', paneBase: 0, panes: [pane('%4', 0, true)] },
  ];

  it('plans nothing when every window and pane is there', () => {
    const plan = planTemplate(two, { sessionId: '$3', cwd: WT, existing: complete });
    expect(plan).toEqual({ invocations: [], created: [], claimed: [], typing: [], after: [] });
  });

  it('plans exactly a missing window, after the last', () => {
    const plan = planTemplate(two, {
      sessionId: '$3',
      cwd: WT,
      shell: SH,
      existing: complete.slice(0, 1),
    });
    expect(plan.created).toEqual([{ window: 'logs', pane: 0, kind: 'window' }]);
    const W = '$3:{end}';
    expect(commands(plan.invocations[0] ?? [])).toEqual([
      [
        'new-window',
        '-d',
        '-a',
        '-P',
        '-F',
        F,
        '-t',
        W,
        '-n',
        'logs',
        '-c',
        WT,
        ...run('tail -f x'),
      ],
      ['set-option', '-w', '-t', W, 'pane-base-index', '0'],
      ['set-option', '-w', '-t', W, '@pots-window', 'logs'],
      ['set-option', '-p', '-t', `${W}.0`, '@pots-pane', '0'],
      ['set-option', '-p', '-t', `${W}.0`, '@pots-command', 'tail -f x'],
      ['set-option', '-w', '-u', '-t', W, 'pane-base-index'],
    ]);
  });

  it("plans exactly a missing pane, after the last one, by the window's own pane-base-index", () => {
    const existing: ExistingWindow[] = [
      {
        id: '@1',
        name: 'code',
        tag: 'code',
        paneBase: 1,
        panes: [pane('%1', 0), pane('%3', 2, true)],
      },
      complete[1] as ExistingWindow,
    ];
    const plan = planTemplate(two, { sessionId: '$3', cwd: WT, shell: SH, existing });
    expect(plan.created).toEqual([{ window: 'code', pane: 1, kind: 'pane' }]);
    expect(commands(plan.invocations[0] ?? [])).toEqual([
      ['select-layout', '-t', '@1', 'tiled'],
      ['split-window', '-d', '-P', '-F', F, '-t', '%3', '-c', WT, ...run('ls')],
      ['set-option', '-p', '-t', '@1.3', '@pots-pane', '1'],
      ['set-option', '-p', '-t', '@1.3', '@pots-command', 'ls'],
      ['select-layout', '-t', '@1', 'even-horizontal'],
    ]);
  });

  it('adopts an untagged window of the same name, tagging it and its panes, and adds what is missing', () => {
    const existing: ExistingWindow[] = [
      { id: '@7', name: 'code', tag: null, paneBase: 0, panes: [pane('%9', null, true)] },
    ];
    const plan = planTemplate(two, { sessionId: '$3', cwd: WT, shell: SH, existing });
    expect(plan.claimed).toEqual(['code']);
    expect(plan.created).toEqual([
      { window: 'code', pane: 1, kind: 'pane' },
      { window: 'code', pane: 2, kind: 'pane' },
      { window: 'logs', pane: 0, kind: 'window' },
    ]);
    const cmds = commands(plan.invocations[0] ?? []);
    expect(cmds.slice(0, 2)).toEqual([
      ['set-option', '-w', '-t', '@7', '@pots-window', 'code'],
      ['set-option', '-p', '-t', '%9', '@pots-pane', '0'],
    ]);
    expect(cmds.filter((c) => c[0] === 'split-window').map((c) => c[c.indexOf('-t') + 1])).toEqual([
      '%9',
      '@7.1',
    ]);
  });

  it('leaves windows that are not the template’s alone', () => {
    const existing: ExistingWindow[] = [
      ...complete,
      { id: '@9', name: 'mine', tag: null, paneBase: 0, panes: [pane('%8', null, true)] },
    ];
    expect(planTemplate(two, { sessionId: '$3', cwd: WT, existing }).invocations).toEqual([]);
  });
});
