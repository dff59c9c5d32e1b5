// Target strings resolve exactly against one listing: no prefix or glob fallback, window names with
// dots, numeric window names versus indexes; none → exit 3, two panes → exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTarget, resolveTarget } from '../../src/agents/index.js';
import type { PaneState } from '../../src/tmux/pane-state.js';
import { agentFixture, type AgentFixture } from './fixture.js';

let next = 0;
function pane(
  session: string,
  window: { index: number; name: string; active?: boolean },
  index: number,
  active = false,
): PaneState {
  const n = next++;
  return {
    id: `%${n}`,
    sessionId: `$${session.length}`,
    sessionName: session,
    windowId: `@${session.length * 100 + window.index}`,
    windowIndex: window.index,
    windowName: window.name,
    windowActive: window.active ?? false,
    index,
    active,
    pid: 100 + n,
    currentCommand: 'sh',
    userCommand: null,
    startCommand: '',
    currentPath: '/',
    dead: false,
    deadStatus: null,
    deadSignal: null,
    inMode: false,
    inputOff: false,
    pipe: false,
    windowActivity: new Date(0),
    worktree: null,
    project: null,
    task: null,
    spawned: false,
    agentName: null,
    log: null,
    potsPipe: null,
    sent: null,
    tty: '/dev/null',
    agentKind: null,
    report: { state: null, at: null, by: null, message: null },
  };
}

const editor = { index: 0, name: 'editor', active: true };
const dotted = { index: 1, name: 'api.v2' };
const api = { index: 2, name: 'api' };
const three = { index: 3, name: '1' };
const panes = [
  pane('feat-login-v2', editor, 0, true), // %0
  pane('feat-login-v2', editor, 1), // %1
  pane('feat-login-v2', dotted, 0, true), // %2
  pane('feat-login-v2', api, 0, true), // %3
  pane('feat-login-v2', api, 2), // %4  (pane index 2 of window "api")
  pane('feat-login-v2', three, 0, true), // %5  (window named "1", index 3)
  pane('feat-login-v2x', editor, 0, true), // %6
];
const id = (spec: string) => findTarget(panes, spec).id;

describe('findTarget', () => {
  it.each([
    ['%4', '%4'],
    ['@1302', '%3'],
    ['@1300', '%0'],
    ['feat-login-v2', '%0'],
    ['feat-login-v2x', '%6'],
    ['feat-login-v2:', '%0'],
    ['feat-login-v2:editor', '%0'],
    ['feat-login-v2:0', '%0'],
    ['feat-login-v2:editor.1', '%1'],
    ['feat-login-v2:0.1', '%1'],
    ['feat-login-v2:api.v2', '%2'],
    ['feat-login-v2:api', '%3'],
    ['feat-login-v2:3', '%5'],
  ])('%s → %s', (spec, expected) => {
    expect(id(spec)).toBe(expected);
  });

  it.each([
    'feat-login',
    'feat-*',
    'feat-login-v2:edit',
    'feat-login-v2:editor.7',
    '%99',
    'nope:editor',
    'feat-login-v2:api.v3',
  ])('%s matches nothing (exit 3) — no prefix or glob fallback', (spec) => {
    expect(() => findTarget(panes, spec)).toThrow(
      expect.objectContaining({ exitCode: 3 }) as Error,
    );
  });

  it('is ambiguous (exit 2) where two readings name two panes', () => {
    // "1" is window index 1 (api.v2) and the window named "1" (index 3).
    expect(() => findTarget(panes, 'feat-login-v2:1')).toThrow(
      expect.objectContaining({ exitCode: 2 }) as Error,
    );
    // "api.2": window "api" pane 2 — and no window is named "api.2": not ambiguous.
    expect(id('feat-login-v2:api.2')).toBe('%4');
    expect(() => findTarget(panes, '')).toThrow(expect.objectContaining({ exitCode: 2 }) as Error);
  });
});

describe('resolveTarget', () => {
  let f: AgentFixture;
  beforeAll(() => {
    f = agentFixture('feat-login-v2');
    f.server.tmux(['new-session', '-d', '-s', 'feat-login-v2x']);
    f.server.tmux(['new-window', '-d', '-t', '=feat-login-v2:', '-n', 'api.v2']);
    f.server.tmux(['split-window', '-d', '-t', '=feat-login-v2:0']);
  });
  afterAll(() => f.cleanup());

  it('resolves against one list-panes call on a real server', async () => {
    const listed = f.server.tmux([
      'list-panes',
      '-a',
      '-F',
      '#{session_name}:#{window_name}.#{pane_index}=#{pane_id}',
    ]);
    const real: Record<string, string> = Object.fromEntries(
      listed
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string]),
    );
    let resolved = '';
    expect(
      await f.count(
        async () => (resolved = (await resolveTarget(f.tmux, 'feat-login-v2:api.v2')).id),
      ),
    ).toBe(1);
    expect(resolved).toBe(real['feat-login-v2:api.v2.0']);
    expect((await resolveTarget(f.tmux, 'feat-login-v2:0.1')).id).toBe(
      real[Object.keys(real).find((k) => k.startsWith('feat-login-v2:') && k.endsWith('.1'))!],
    );
    await expect(resolveTarget(f.tmux, 'feat-login')).rejects.toMatchObject({ exitCode: 3 });
  });
});
