// The template model: layout names and strings (checksum, pane count), and the checks that make a
// bad template fail with the file and key path before tmux runs.
import { ConfigError, ExitCode } from '@plumpots/core';
import { describe, expect, it } from 'vitest';
import {
  layoutCells,
  layoutChecksum,
  layoutProblem,
  normalizeTemplate,
  windowDisplayName,
} from '../../src/templates/index.js';

// Printed by tmux 3.3a (`#{window_layout}`) for a 3-pane main-vertical and a 1-pane window.
const MAIN_VERTICAL = 'b0a5,80x24,0,0{78x24,0,0,0,1x24,79,0[1x11,79,0,1,1x12,79,12,2]}';
const ONE_PANE = 'b260,80x24,0,0,3';

describe('layouts', () => {
  it.each([
    ['even-horizontal', null],
    ['even-vertical', null],
    ['main-horizontal', null],
    ['main-vertical', null],
    ['tiled', null],
    [MAIN_VERTICAL, null],
    [ONE_PANE, null],
  ])('%s is accepted', (layout, problem) => {
    expect(layoutProblem(layout)).toBe(problem);
  });

  it.each([
    ['main-vert', /unknown layout/],
    ['', /unknown layout/],
    ['ffff,80x24,0,0,3', /wrong checksum \(expected b260\)/],
    ['b0a5,80x24,0,0{78x24,0,0,0', /malformed/],
    ['#(touch x)', /unknown layout/],
  ])('%j is refused', (layout, problem) => {
    expect(layoutProblem(layout)).toMatch(problem);
  });

  it("computes tmux's checksum and counts a layout string's panes", () => {
    expect(layoutChecksum('80x24,0,0,3')).toBe('b260');
    expect(layoutCells(MAIN_VERTICAL)).toBe(3);
    expect(layoutCells(ONE_PANE)).toBe(1);
    expect(layoutCells('tiled')).toBeNull();
  });
});

describe('normalizeTemplate', () => {
  it('makes every pane an object and an empty pane list one shell', () => {
    const template = normalizeTemplate(
      'review',
      {
        windows: [
          {
            name: 'code',
            layout: 'main-vertical',
            panes: ['nvim .', '', null, { command: 'ls', focus: true }],
          },
          { name: 'empty', panes: [] },
        ],
      },
      { kind: 'builtin' },
    );
    expect(template.windows[0]?.panes).toEqual([
      { command: 'nvim .' },
      {},
      {},
      { command: 'ls', focus: true },
    ]);
    expect(template.windows[1]?.panes).toEqual([{}]);
    expect(template.format).toBe('pots');
  });

  it.each([
    [{ windows: [] }, 'review.windows', /at least one window/],
    [{ windows: [{ name: 'a', panes: [] }], extra: 1 }, 'review.extra', /unknown key/],
    [{ windows: [{ name: 'a', panes: [], shell: 'x' }] }, 'review.windows.0.shell', /unknown key/],
    [
      { windows: [{ name: 'a', panes: [{ cmd: 'x' }] }] },
      'review.windows.0.panes.0.cmd',
      /unknown key/,
    ],
    [
      {
        windows: [
          { name: 'a', panes: [] },
          { name: 'a', panes: [] },
        ],
      },
      'review.windows.1.name',
      /another window/,
    ],
    [
      { windows: [{ name: 'a', layout: 'diagonal', panes: [] }] },
      'review.windows.0.layout',
      /unknown layout/,
    ],
    [
      { windows: [{ name: 'a', layout: ONE_PANE, panes: ['x', 'y'] }] },
      'review.windows.0.layout',
      /1 panes but the window has 2/,
    ],
    [
      { windows: [{ name: 'a', env: { 'BAD-NAME': 'x' }, panes: [] }] },
      'review.windows.0.env.BAD-NAME',
      /bad variable/,
    ],
    [{ windows: [{ name: 'a\nb', panes: [] }] }, 'review.windows.0.name', /control characters/],
    [
      { windows: [{ name: 'a', panes: [{ focus: true }, { focus: true }] }] },
      'review.windows.0.panes',
      /more than one pane/,
    ],
    [{ windows: [{ name: 'a', panes: 'x' }] }, 'review.windows.0.panes', /expected a list/],
  ])('%j → ConfigError at %s', (data, keyPath, message) => {
    let error: unknown;
    try {
      normalizeTemplate(
        'review',
        data,
        { kind: 'user', file: '/t/review.yaml' },
        { where: { file: '/t/review.yaml' } },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).keyPath).toBe(keyPath);
    expect((error as ConfigError).file).toBe('/t/review.yaml');
    expect((error as ConfigError).exitCode).toBe(ExitCode.config);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).message.startsWith('/t/review.yaml: ')).toBe(true);
  });

  it('refuses a template name the config schema would refuse', () => {
    expect(() =>
      normalizeTemplate('my.tpl', { windows: [{ name: 'a', panes: [] }] }, { kind: 'builtin' }),
    ).toThrow(/bad template name/);
  });

  it('shows window names without the "." and ":" that tmux 3.7 refuses and targets split on', () => {
    expect(windowDisplayName('api.v2:x')).toBe('api-v2-x');
    expect(windowDisplayName('#(touch x)')).toBe('#(touch x)');
  });
});
