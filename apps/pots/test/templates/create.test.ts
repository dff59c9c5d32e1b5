// Creating sessions from templates on a real private tmux server: each built-in, a tmuxp file and a
// tmuxinator file give the windows, layouts, directories and commands they describe (read back from
// tmux); a session takes at most two tmux processes (counted by the gateway and by a PATH shim);
// commands leave a shell behind however they end; hostile text stays text.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ExitCode, NotFoundError, RefusedError } from '@plumpots/core';
import { TMUX_CONF, retryUntil, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  builtinTemplates,
  createFromTemplate,
  loadTemplateFile,
  normalizeTemplate,
  type Template,
} from '../../src/templates/index.js';
import { createTmux, isTmuxError } from '../../src/tmux/index.js';
import { privateTmux, type PrivateTmux } from '../tmux/private-tmux.js';
import { fixture, parse, seePanes, shapeOf, windowPanes, type SeenPane } from './helpers.js';

let t: PrivateTmux;
let root: { path: string; cleanup: () => void };
let wt: string;
let counter = 0;

beforeAll(() => {
  t = privateTmux();
  root = tempDir('pt-');
  wt = join(root.path, 'wt');
  for (const dir of ['web', 'api', 'sub dir#1']) mkdirSync(join(wt, dir), { recursive: true });
});

afterAll(() => {
  t.done();
  root.cleanup();
});

const name = () => `tpl-${++counter}`;
const builtin = (which: string, env: NodeJS.ProcessEnv = {}, agentLogFile?: string): Template => {
  const found = builtinTemplates({ env, ...(agentLogFile ? { agentLogFile } : {}) }).find(
    (x) => x.name === which,
  );
  if (!found) throw new Error(which);
  return found;
};
const capture = (paneId: string) => t.server.tmux(['capture-pane', '-p', '-J', '-t', paneId]);
/** Waits until a pane has printed `text`. */
const printed = (paneId: string, text: string) =>
  retryUntil(() => capture(paneId).includes(text), {
    message: `pane ${paneId} never printed ${text}: ${capture(paneId)}`,
  });
/** Waits until every pane of a session sits at its shell prompt, alive, in its directory. */
async function settled(sessionId: string): Promise<SeenPane[]> {
  return retryUntil(() => {
    const panes = seePanes(t.server, sessionId);
    return panes.every((p) => !p.dead && p.currentCommand === 'sh' && p.currentPath === p.startPath)
      ? panes
      : null;
  });
}

describe('built-in templates', () => {
  it('default: one window, one shell in the worktree', async () => {
    const { sessionId, created } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template: builtin('default'),
    });
    expect(created).toHaveLength(1);
    const panes = await settled(sessionId);
    expect(panes.map((p) => [p.windowName, p.windowTag, p.tag, p.currentPath])).toEqual([
      ['shell', 'shell', '0', wt],
    ]);
    expect(panes[0]?.startCommand).toBe('');
  });

  it('development: the editor, a shell and a tests shell, main-vertical, the editor focused', async () => {
    const template = builtin('development', { EDITOR: `printf 'ed-%s\\n'` });
    const { sessionId } = await createFromTemplate(t.tmux, { name: name(), cwd: wt, template });
    const panes = windowPanes(await settled(sessionId), 'dev');
    expect(panes.map((p) => [p.tag, p.title, p.active, p.currentPath])).toEqual([
      ['0', 'editor', true, wt],
      ['1', 'shell', false, wt],
      ['2', 'tests', false, wt],
    ]);
    expect(shapeOf(panes)).toBe('main-vertical');
    await printed(panes[0]?.id ?? '', 'ed-.');
    expect(panes[0]?.startCommand).toContain(`printf 'ed-%s\\\\n' .`);
  });

  it('agent: the agent command, a shell, and a log pane that follows the log once there is one', async () => {
    const log = join(root.path, 'agent.log');
    writeFileSync(log, 'log-line-1\n');
    const template = builtin('agent', { POTS_AGENT_COMMAND: `printf 'agent-%s\\n' started` }, log);
    const { sessionId } = await createFromTemplate(t.tmux, { name: name(), cwd: wt, template });
    const panes = windowPanes(seePanes(t.server, sessionId), 'agent');
    expect(panes.map((p) => p.title)).toEqual(['agent', 'shell', 'log']);
    expect(shapeOf(panes)).toBe('main-vertical');
    await printed(panes[0]?.id ?? '', 'agent-started');
    await printed(panes[2]?.id ?? '', 'log-line-1');
    expect(panes[2]?.startCommand).toContain('tail -n 200 -F');
  });

  it('agent without POTS_AGENT_COMMAND or a log: says how to set it, and the log pane is a shell', async () => {
    const { sessionId } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template: builtin('agent', {}, join(root.path, 'no-such.log')),
    });
    const panes = windowPanes(await settled(sessionId), 'agent');
    await printed(panes[0]?.id ?? '', 'set POTS_AGENT_COMMAND');
    expect(panes[2]?.startCommand).toBe('');
  });
});

describe('files users already have', () => {
  it('a tmuxp workspace (3 windows × 2 panes): windows, layouts, dirs, variables, focus', async () => {
    const { template } = await loadTemplateFile(fixture('tmuxp-3x2.yaml'), { parse });
    const { sessionId } = await createFromTemplate(t.tmux, { name: name(), cwd: wt, template });
    const panes = await settled(sessionId);
    expect([...new Set(panes.map((p) => p.windowName))]).toEqual(['editor', 'web', 'api']);
    const [editor, web, api] = ['editor', 'web', 'api'].map((w) => windowPanes(panes, w));
    expect(shapeOf(editor ?? [])).toBe('main-vertical');
    expect(shapeOf(web ?? [])).toBe('even-horizontal');
    expect(shapeOf(api ?? [])).toBe('even-vertical|tiled');
    expect(panes.map((p) => [p.windowTag, p.tag, p.currentPath])).toEqual([
      ['editor', '0', wt],
      ['editor', '1', wt],
      ['web', '0', join(wt, 'web')],
      ['web', '1', join(wt, 'web')],
      ['api', '0', join(wt, 'api')],
      ['api', '1', join(wt, 'web')],
    ]);
    await printed(editor?.[0]?.id ?? '', 'ready-tmuxp-s');
    await printed(web?.[0]?.id ?? '', 'ready-web');
    await printed(web?.[1]?.id ?? '', 'pane-yes-pane');
    await printed(api?.[0]?.id ?? '', 'ready-tmuxp-w');
    await printed(api?.[1]?.id ?? '', 'dict-cmd');
    expect(panes.filter((p) => p.windowActive).map((p) => p.windowName)).toEqual([
      'editor',
      'editor',
    ]);
    expect(
      t.server
        .tmux(['show-options', '-w', '-v', '-t', api?.[0]?.windowId ?? '', 'main-pane-width'])
        .trim(),
    ).toBe('60');
  });

  it('a tmuxinator project (3 windows × 2 panes): layouts, roots, named panes, startup window and pane', async () => {
    const { template } = await loadTemplateFile(fixture('tmuxinator-3x2.yml'), { parse });
    const { sessionId } = await createFromTemplate(t.tmux, { name: name(), cwd: wt, template });
    const panes = await settled(sessionId);
    const [editor, server, logs] = ['editor', 'server', 'logs'].map((w) => windowPanes(panes, w));
    expect(shapeOf(editor ?? [])).toBe('main-vertical');
    expect(shapeOf(server ?? [])).toBe('even-horizontal');
    expect(shapeOf(logs ?? [])).toBe('even-vertical|tiled');
    expect(server?.map((p) => p.currentPath)).toEqual([join(wt, 'web'), join(wt, 'web')]);
    expect(logs?.map((p) => p.currentPath)).toEqual([join(wt, 'api'), join(wt, 'api')]);
    expect(server?.[1]?.title).toBe('tests');
    await printed(editor?.[0]?.id ?? '', 'ready-p');
    await printed(server?.[0]?.id ?? '', 'ready-p-w');
    await printed(server?.[1]?.id ?? '', 'named-pane');
    await printed(logs?.[1]?.id ?? '', 'two');
    // startup_window: logs, startup_pane: 1
    expect(panes.filter((p) => p.windowActive).map((p) => p.windowName)).toEqual(['logs', 'logs']);
    expect(logs?.map((p) => p.active)).toEqual([false, true]);
  });
});

describe('tmux processes', () => {
  const threeByTwo = () =>
    normalizeTemplate(
      'three',
      {
        windows: ['a', 'b', 'c'].map((w) => ({
          name: w,
          layout: 'even-horizontal',
          cwd: w === 'b' ? 'web' : '.',
          env: { W: w },
          panes: [`printf 'ready-%s\\n' "$W"`, null],
        })),
      },
      { kind: 'builtin' },
    );

  it('creates a 3 × 2 session with two tmux processes: the chained invocation and the read-back', async () => {
    let result: Awaited<ReturnType<typeof createFromTemplate>> | undefined;
    const calls = await t.count(async () => {
      result = await createFromTemplate(t.tmux, { name: name(), cwd: wt, template: threeByTwo() });
    });
    expect(calls).toBe(2);
    expect(result?.created).toHaveLength(6);
    expect(seePanes(t.server, result?.sessionId ?? '')).toHaveLength(6);
  });

  it('creates it with one tmux process without the read-back', async () => {
    const calls = await t.count(() =>
      createFromTemplate(t.tmux, { name: name(), cwd: wt, template: threeByTwo(), verify: false }),
    );
    expect(calls).toBe(1);
  });

  it('spawns no more tmux processes than that, as a PATH shim counts them', async () => {
    const shim = join(root.path, 'shim');
    mkdirSync(shim);
    const log = join(root.path, 'shim.log');
    const real = execFileSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).trim();
    writeFileSync(
      join(shim, 'tmux'),
      [
        '#!/bin/sh',
        `printf 'call %s\\n' "$(printf '%s ' "$@" | tr '\\n\\037\\036' '   ')" >> '${log}'`,
        `exec '${real}' "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(join(shim, 'tmux'), 0o755);
    const tmux = createTmux(
      { socketName: t.server.socketName, configFile: TMUX_CONF },
      { env: { ...t.server.env, PATH: `${shim}:${t.server.env.PATH ?? '/usr/bin:/bin'}` } },
    );
    const { sessionId } = await createFromTemplate(tmux, {
      name: name(),
      cwd: wt,
      template: threeByTwo(),
    });
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/new-session/);
    expect(lines[1]).toMatch(/list-panes/);
    const panes = await settled(sessionId);
    expect(panes.map((p) => p.currentPath)).toEqual([
      wt,
      wt,
      join(wt, 'web'),
      join(wt, 'web'),
      wt,
      wt,
    ]);
  });
});

describe('commands', () => {
  const oneWindow = (panes: unknown[]) =>
    normalizeTemplate('w', { windows: [{ name: 'w', panes }] }, { kind: 'builtin' });

  it('leave the pane at a shell prompt when they exit, fail, do not parse, or are interrupted', async () => {
    const { sessionId, created } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template: oneWindow([
        `printf 'done\\n'`,
        `printf 'failing\\n'; exit 3`,
        'if then fi (',
        `printf 'sleeping\\n'; sleep 100`,
      ]),
    });
    const ids = created.map((c) => c.paneId);
    await printed(ids[0] ?? '', 'done');
    await printed(ids[1] ?? '', 'failing');
    await printed(ids[2] ?? '', 'Syntax error');
    await printed(ids[3] ?? '', 'sleeping');
    t.server.tmux(['send-keys', '-t', ids[3] ?? '', 'C-c']);
    // Each pane now runs an interactive shell: what is typed runs (it would not while a command
    // still held the terminal).
    for (const [i, id] of ids.entries()) {
      t.server.tmux(['send-keys', '-t', id, '-l', `echo typed-$((${i}*7))`]);
      t.server.tmux(['send-keys', '-t', id, 'Enter']);
      await printed(id, `typed-${i * 7}`);
    }
    const panes = seePanes(t.server, sessionId);
    expect(panes.map((p) => [p.dead, p.currentCommand])).toEqual(Array(4).fill([false, 'sh']));
  });

  it('keep hostile text as text: #(…) in names, titles and dirs, a trailing ";", $(…) in variables', async () => {
    const sentinel = join(root.path, 'pwned');
    const template = normalizeTemplate(
      'hostile',
      {
        windows: [
          {
            name: `#(touch ${sentinel}-window)`,
            env: { V: `$(touch ${sentinel}-env)` },
            panes: [
              {
                command: `printf 'semi-%s\\n' "$V";`,
                title: `#(touch ${sentinel}-title)`,
                cwd: 'sub dir#1',
              },
              { command: `echo 'a;' #(touch ${sentinel}-cmd) -x "q"` },
            ],
          },
        ],
      },
      { kind: 'builtin' },
    );
    const { sessionId, created } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template,
    });
    await printed(created[0]?.paneId ?? '', `semi-$(touch ${sentinel}-env)`);
    await printed(created[1]?.paneId ?? '', 'a;');
    // The deterministic proof is that tmux stored the text itself: had it expanded `#(…)`, the name
    // and title would hold the job's output. (A job's side effect may come late or never — tmux
    // kills a client's jobs when it exits — so the sentinels are only a second check.)
    for (const what of ['window', 'env', 'title', 'cmd'])
      expect(existsSync(`${sentinel}-${what}`)).toBe(false);
    const panes = seePanes(t.server, sessionId);
    expect(panes[0]?.windowName).toBe(`#(touch ${sentinel}-window)`);
    expect(panes[0]?.windowTag).toBe(`#(touch ${sentinel}-window)`);
    expect(panes[0]?.title).toBe(`#(touch ${sentinel}-title)`);
    expect(panes[0]?.startPath).toBe(join(wt, 'sub dir#1'));
  });

  it('refuse a taken session name (exit 4) and leave that session alone', async () => {
    const taken = name();
    const first = await createFromTemplate(t.tmux, {
      name: taken,
      cwd: wt,
      template: builtin('default'),
    });
    let error: unknown;
    try {
      await createFromTemplate(t.tmux, { name: taken, cwd: wt, template: builtin('development') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RefusedError);
    expect((error as RefusedError).exitCode).toBe(ExitCode.refused);
    expect(seePanes(t.server, first.sessionId)).toHaveLength(1);
  });

  it('refuse a missing directory (exit 3) before any tmux runs', async () => {
    const template = normalizeTemplate(
      'm',
      { windows: [{ name: 'a', panes: [{ cwd: 'nope' }] }] },
      { kind: 'builtin' },
    );
    let error: unknown;
    const calls = await t.count(async () => {
      try {
        await createFromTemplate(t.tmux, { name: name(), cwd: wt, template });
      } catch (e) {
        error = e;
      }
    });
    expect(calls).toBe(0);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toMatch(
      /window "a", pane 0: directory .*nope does not exist/,
    );
  });

  it('kill the half-made session when tmux refuses a command part-way', async () => {
    const broken: Template = {
      ...builtin('default'),
      name: 'broken',
      // A layout string for one pane on a window of two: tmux refuses it at select-layout.
      windows: [{ name: 'a', layout: 'b260,80x24,0,0,3', panes: [{}, {}] }],
    };
    const sessionName = name();
    let error: unknown;
    try {
      await createFromTemplate(t.tmux, { name: sessionName, cwd: wt, template: broken });
    } catch (e) {
      error = e;
    }
    expect(isTmuxError(error)).toBe(true);
    expect(t.server.tryTmux(['has-session', '-t', `=${sessionName}`]).status).toBe(1);
  });

  it('split a chain too long for one tmux command line into several, and still build it all', async () => {
    const long = `: ${'x'.repeat(5000)}; printf 'long-%s\\n' ok`;
    const template = normalizeTemplate(
      'long',
      { windows: [{ name: 'a', panes: [long, long, long, long] }] },
      { kind: 'builtin' },
    );
    const { sessionId, created } = await createFromTemplate(t.tmux, {
      name: name(),
      cwd: wt,
      template,
    });
    expect(created).toHaveLength(4);
    for (const object of created) await printed(object.paneId, 'long-ok');
    expect(seePanes(t.server, sessionId).map((p) => p.tag)).toEqual(['0', '1', '2', '3']);
  });
});
