// Applying a template to an existing session on a real private tmux server: idempotent (a second
// apply adds nothing and costs one tmux process), and it adds exactly what is missing — a window,
// a pane — or adopts an untagged window of the template's name.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '@plumpots/core';
import { tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyTemplate,
  createFromTemplate,
  loadTemplateFile,
  readTemplateLayout,
  type Template,
} from '../../src/templates/index.js';
import { newSession } from '../../src/tmux/index.js';
import { privateTmux, type PrivateTmux } from '../tmux/private-tmux.js';
import { fixture, parse, seePanes, shapeOf, windowPanes } from './helpers.js';

let t: PrivateTmux;
let root: { path: string; cleanup: () => void };
let wt: string;
let tmuxp: Template;
let counter = 0;

beforeAll(async () => {
  t = privateTmux();
  root = tempDir('pa-');
  wt = join(root.path, 'wt');
  for (const dir of ['web', 'api']) mkdirSync(join(wt, dir), { recursive: true });
  tmuxp = (await loadTemplateFile(fixture('tmuxp-3x2.yaml'), { parse })).template;
});

afterAll(() => {
  t.done();
  root.cleanup();
});

const name = () => `apply-${++counter}`;
const summary = (sessionId: string) =>
  seePanes(t.server, sessionId).map((p) => `${p.windowTag}.${p.tag}`);

describe('applyTemplate', () => {
  it('adds nothing to a session made from the template, with one tmux process', async () => {
    const { sessionId } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template: tmuxp,
    });
    const before = summary(sessionId);
    let added: unknown[] = [];
    const calls = await t.count(async () => {
      ({ added } = await applyTemplate(t.tmux, sessionId, tmuxp, wt));
    });
    expect(added).toEqual([]);
    expect(calls).toBe(1);
    expect(summary(sessionId)).toEqual(before);
  });

  it('adds exactly a missing window, with its panes, layout, dirs and tags; a second apply adds nothing', async () => {
    const { sessionId, created } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template: tmuxp,
    });
    const web = created.find((c) => c.window === 'web');
    t.server.tmux(['kill-window', '-t', web?.windowId ?? '']);
    // The layout's own tmux calls: its commands run as processes here (typing is counted in bench/).
    const asProcesses = { ...tmuxp, run: 'process' as const };
    const calls = await t.count(async () => {
      const { added } = await applyTemplate(t.tmux, sessionId, asProcesses, wt);
      expect(added.map((a) => [a.window, a.pane, a.kind])).toEqual([
        ['web', 0, 'window'],
        ['web', 1, 'pane'],
      ]);
    });
    expect(calls).toBe(2);
    const panes = seePanes(t.server, sessionId);
    const again = windowPanes(panes, 'web');
    expect(again.map((p) => [p.tag, p.startPath])).toEqual([
      ['0', join(wt, 'web')],
      ['1', join(wt, 'web')],
    ]);
    expect(shapeOf(again)).toBe('even-horizontal');
    // The re-added window comes last; the others are untouched.
    expect([...new Set(panes.map((p) => p.windowTag))]).toEqual(['editor', 'api', 'web']);
    expect((await applyTemplate(t.tmux, sessionId, tmuxp, wt)).added).toEqual([]);
  });

  it('adds exactly a missing pane to a window, in its place in the layout', async () => {
    const { sessionId, created } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template: tmuxp,
    });
    const apiFirst = created.find((c) => c.window === 'api' && c.pane === 0);
    t.server.tmux(['kill-pane', '-t', apiFirst?.paneId ?? '']);
    const { added } = await applyTemplate(t.tmux, sessionId, tmuxp, wt);
    expect(added.map((a) => [a.window, a.pane])).toEqual([['api', 0]]);
    expect(added[0]?.windowId).toBe(apiFirst?.windowId);
    const api = windowPanes(seePanes(t.server, sessionId), 'api');
    expect(api.map((p) => [p.tag, p.startPath])).toEqual([
      ['1', join(wt, 'web')],
      ['0', join(wt, 'api')],
    ]);
    expect(shapeOf(api)).toBe('even-vertical|tiled');
    expect((await applyTemplate(t.tmux, sessionId, tmuxp, wt)).added).toEqual([]);
  });

  it('keeps working when the user counts panes from 1 (pane-base-index)', async () => {
    const { sessionId, created } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template: tmuxp,
    });
    const editor = created.find((c) => c.window === 'editor' && c.pane === 1);
    t.server.tmux(['set-option', '-w', '-t', editor?.windowId ?? '', 'pane-base-index', '1']);
    t.server.tmux(['kill-pane', '-t', editor?.paneId ?? '']);
    const { added } = await applyTemplate(t.tmux, sessionId, tmuxp, wt);
    expect(added.map((a) => [a.window, a.pane])).toEqual([['editor', 1]]);
    expect(
      windowPanes(seePanes(t.server, sessionId), 'editor').map((p) => [p.index, p.tag]),
    ).toEqual([
      [1, '0'],
      [2, '1'],
    ]);
    // The window keeps the user's setting.
    expect(
      t.server
        .tmux(['show-options', '-w', '-v', '-t', editor?.windowId ?? '', 'pane-base-index'])
        .trim(),
    ).toBe('1');
  });

  it('adopts an untagged window of the same name and adds the rest of the template', async () => {
    const sessionName = name();
    const { sessionId } = await newSession(t.tmux, {
      name: sessionName,
      cwd: wt,
      windowName: 'editor',
    });
    const { added, claimed } = await applyTemplate(t.tmux, sessionId, tmuxp, wt);
    expect(claimed).toEqual(['editor']);
    expect(added.map((a) => `${a.window}.${a.pane}`)).toEqual([
      'editor.1',
      'web.0',
      'web.1',
      'api.0',
      'api.1',
    ]);
    expect(summary(sessionId)).toEqual([
      'editor.0',
      'editor.1',
      'web.0',
      'web.1',
      'api.0',
      'api.1',
    ]);
    expect((await readTemplateLayout(t.tmux, sessionId)).map((w) => w.tag)).toEqual([
      'editor',
      'web',
      'api',
    ]);
    expect((await applyTemplate(t.tmux, sessionId, tmuxp, wt)).added).toEqual([]);
  });

  it('leaves windows that are not the template’s alone', async () => {
    const { sessionId } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template: tmuxp,
    });
    t.server.tmux(['new-window', '-d', '-t', `${sessionId}:`, '-n', 'mine']);
    const { added } = await applyTemplate(t.tmux, sessionId, tmuxp, wt);
    expect(added).toEqual([]);
    expect(seePanes(t.server, sessionId).filter((p) => p.windowName === 'mine')).toHaveLength(1);
  });

  it('says a session that does not exist was not found (exit 3)', async () => {
    await expect(applyTemplate(t.tmux, '$999', tmuxp, wt)).rejects.toMatchObject({
      exitCode: ExitCode.notFound,
    });
  });
});
