// Creating, resolving, killing and setting options against a real private tmux server: names and
// dirs that would run code or be mangled arrive literally, names
// resolve exactly, and a taken name is refused (exit 4).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotFoundError, RefusedError } from '@plumpots/core';
import { retryUntil, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chain,
  findSessionByName,
  fmtLiteral,
  isTmuxError,
  killSession,
  listPanes,
  listSessions,
  listWindows,
  newSession,
  resolveSession,
  setOptions,
  tmuxArg,
  type Tmux,
} from '../../src/tmux/index.js';
import { privateTmux, type PrivateTmux } from './private-tmux.js';

let t: PrivateTmux;
let root: { path: string; cleanup: () => void };
let plain: string;

beforeAll(() => {
  t = privateTmux();
  root = tempDir('pc-');
  plain = join(root.path, 'plain');
  mkdirSync(plain);
});

afterAll(() => {
  t.done();
  root.cleanup();
});

const dir = (name: string) => {
  const path = join(root.path, name);
  mkdirSync(path, { recursive: true });
  return path;
};

const show = (targetId: string, option: string, flag?: string) =>
  t.server
    .tmux(['show-options', ...(flag ? [flag] : []), '-t', targetId, '-v', option])
    .replace(/\n$/, '');

describe('newSession', () => {
  it('creates a detached session and returns its ids, with options set in the same invocation', async () => {
    let ids = { sessionId: '', windowId: '', paneId: '' };
    const calls = await t.count(async () => {
      ids = await newSession(t.tmux, {
        name: 'app-main-dev',
        cwd: plain,
        windowName: 'editor',
        width: 90,
        height: 25,
        options: { '@pots-worktree': plain, '@pots-project': 'app', '@pots-task': 'dev' },
      });
    });
    expect(ids.sessionId).toMatch(/^\$\d+$/);
    expect(ids.windowId).toMatch(/^@\d+$/);
    expect(ids.paneId).toMatch(/^%\d+$/);
    const creating = t.commands.filter((argv) => argv.includes('new-session'));
    expect(creating.at(-1)).toEqual(expect.arrayContaining(['set-option', '@pots-worktree', ';']));
    expect(calls).toBeGreaterThanOrEqual(2); // create + read the pane's directory back
    const session = (await listSessions(t.tmux)).find((s) => s.id === ids.sessionId);
    expect(session).toMatchObject({
      name: 'app-main-dev',
      path: plain,
      options: { worktree: plain, project: 'app', task: 'dev', repo: null },
    });
    const window = (await listWindows(t.tmux)).find((w) => w.id === ids.windowId);
    expect(window).toMatchObject({ name: 'editor', sessionId: ids.sessionId });
    const pane = (await listPanes(t.tmux)).find((p) => p.id === ids.paneId);
    expect(pane).toMatchObject({
      width: 90,
      height: 25,
      currentPath: plain,
      windowId: ids.windowId,
    });
  });

  it('never runs #(…) from a name, a -c dir, a window name or an option value, and stores them literally', async () => {
    const sentinel = (what: string) => join(root.path, `sentinel-${what}`);
    const name = `inj#(touch ${sentinel('name')})#{host}`;
    const cwd = dir(`d#(touch ${sentinel('dir')})#{host}`);
    const windowName = `w#(touch ${sentinel('window')})`;
    const value = `v#(touch ${sentinel('option')})`;
    const { sessionId, windowId } = await newSession(t.tmux, {
      name,
      cwd,
      windowName,
      options: { '@pots-task': value },
    });
    // Listing expands the formats that hold these values once more.
    const session = (await listSessions(t.tmux)).find((s) => s.id === sessionId);
    expect(session).toMatchObject({ name, path: cwd, options: { task: value } });
    expect((await listWindows(t.tmux)).find((w) => w.id === windowId)?.name).toBe(windowName);
    // #() jobs run asynchronously. Positive control: an unescaped name, sent raw after ours, does
    // run its job (display-message -p does not run #() jobs on 3.3a, so it cannot serve); once it
    // has, a job of ours would have had the same time.
    const control = join(root.path, 'control');
    t.server.tmux(['new-session', '-d', '-s', `control#(touch ${control})`, '-c', plain]);
    await retryUntil(() => existsSync(control)); // a job: asynchronous, slow under load
    expect(await t.tmux.run(['display-message', '-p', fmtLiteral('#(x) #{host}')])).toBe(
      '#(x) #{host}\n',
    );
    for (const what of ['name', 'dir', 'window', 'option'])
      expect(existsSync(sentinel(what))).toBe(false);
    expect((await findSessionByName(t.tmux, name))?.id).toBe(sessionId);
  });

  it('starts in a -c dir with a space, quotes, a dollar sign or a trailing ";"', async () => {
    for (const [i, name] of ['with space', `it's "q"`, 'dollar$HOME', 'semi;', 'ñ日本'].entries()) {
      const cwd = dir(name);
      const { paneId, sessionId } = await newSession(t.tmux, { name: `odd-${i}`, cwd });
      expect((await listPanes(t.tmux)).find((p) => p.id === paneId)?.currentPath).toBe(cwd);
      expect((await listSessions(t.tmux)).find((s) => s.id === sessionId)?.path).toBe(cwd);
    }
  });

  it('keeps a name ending in ";" intact', async () => {
    const { sessionId } = await newSession(t.tmux, {
      name: 'semi;',
      cwd: plain,
      options: { '@pots-task': 'ends;' },
    });
    expect(await findSessionByName(t.tmux, 'semi;')).toMatchObject({
      id: sessionId,
      options: { task: 'ends;' },
    });
  });

  it('refuses a missing cwd, or a file, before calling tmux', async () => {
    const file = join(root.path, 'a-file');
    writeFileSync(file, '');
    for (const [cwd, code] of [
      [join(root.path, 'does-not-exist'), 'ERR_POTS_CWD_MISSING'],
      [file, 'ERR_POTS_CWD_NOT_DIRECTORY'],
    ] as const) {
      let error: unknown;
      expect(
        await t.count(() =>
          newSession(t.tmux, { name: 'nowhere', cwd }).catch((e: unknown) => (error = e)),
        ),
      ).toBe(0);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ code, exitCode: 3 });
      expect((error as Error).message).toContain(cwd);
    }
  });

  it('refuses names tmux would store differently, before calling tmux', async () => {
    for (const name of ['', 'a.b', 'a:b', 'd$d', 'b\\b', 'n\nn', '\uD800']) {
      const calls = await t.count(async () => {
        await expect(newSession(t.tmux, { name, cwd: plain })).rejects.toMatchObject({
          code: 'ERR_POTS_BAD_SESSION_NAME',
          exitCode: 2,
        });
      });
      expect(calls).toBe(0);
    }
  });

  it('refuses a taken name with exit 4 and leaves the existing session alone', async () => {
    const first = await newSession(t.tmux, {
      name: 'taken',
      cwd: plain,
      options: { '@pots-task': 'first' },
    });
    const other = dir('other');
    const error: unknown = await newSession(t.tmux, {
      name: 'taken',
      cwd: other,
      options: { '@pots-task': 'second' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedError);
    expect(error).toMatchObject({ code: 'ERR_POTS_SESSION_EXISTS', exitCode: 4 });
    expect(isTmuxError((error as Error).cause, 'duplicate')).toBe(true);
    expect(await findSessionByName(t.tmux, 'taken')).toMatchObject({
      id: first.sessionId,
      path: plain,
      options: { task: 'first' },
    });
  });

  it('execs an argv command directly, arguments (even one ending in ";") arriving intact, with -e variables', async () => {
    const out = join(root.path, 'argv-out');
    const { sessionId } = await newSession(t.tmux, {
      name: 'argv',
      cwd: plain,
      env: { POTS_TEST_VAR: 'v;' },
      command: [
        'sh',
        '-c',
        'printf "%s|%s|%s|%s" "$1" "$2" "$POTS_TEST_VAR" "$PWD" > "$3.tmp" && mv "$3.tmp" "$3"; exec sleep 600',
        'sh',
        'x y;z',
        'a;',
        out,
      ],
    });
    const text = await retryUntil(() => existsSync(out) && readFileSync(out, 'utf8'));
    expect(text).toBe(`x y;z|a;|v;|${plain}`);
    await killSession(t.tmux, sessionId);
  });

  it('fails when the pane ends before it can be checked', async () => {
    const error: unknown = await newSession(t.tmux, {
      name: 'gone',
      cwd: plain,
      command: ['true', 'x'],
    }).catch((e: unknown) => e);
    expect(isTmuxError(error, 'exited')).toBe(true);
    expect(await findSessionByName(t.tmux, 'gone')).toBeNull();
  });

  it('kills the session and fails when tmux starts the pane somewhere else', async () => {
    // Fault injection: tmux itself only does this for dirs pots already refuses, so swap the -c
    // argument on the way to a real tmux.
    const elsewhere = dir('elsewhere');
    const swapping: Tmux = {
      ...t.tmux,
      run: (args, options) =>
        t.tmux.run(
          args.map((arg, i) => (args[i - 1] === '-c' ? elsewhere : arg)),
          options,
        ),
    };
    const error: unknown = await newSession(swapping, { name: 'misplaced', cwd: plain }).catch(
      (e: unknown) => e,
    );
    expect(isTmuxError(error, 'wrong-cwd')).toBe(true);
    expect((error as Error).message).toContain(elsewhere);
    expect(await findSessionByName(t.tmux, 'misplaced')).toBeNull();
  });
});

describe('resolveSession', () => {
  it('matches names exactly: feat-login never reaches feat-login-v2', async () => {
    const { sessionId } = await newSession(t.tmux, { name: 'feat-login-v2', cwd: plain });
    await newSession(t.tmux, { name: 'feat-login-v2x', cwd: plain });
    const error: unknown = await resolveSession(t.tmux, 'feat-login').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'ERR_POTS_SESSION_NOT_FOUND', exitCode: 3 });
    expect(await findSessionByName(t.tmux, 'feat-login')).toBeNull();
    expect(await findSessionByName(t.tmux, 'feat*')).toBeNull();
    expect((await resolveSession(t.tmux, 'feat-login-v2')).id).toBe(sessionId);
    expect(await t.count(() => resolveSession(t.tmux, 'feat-login-v2'))).toBe(1);
  });
});

describe('killSession', () => {
  it('kills by id only that session', async () => {
    const a = await newSession(t.tmux, { name: 'kill-me', cwd: plain });
    const b = await newSession(t.tmux, { name: 'kill-me-not', cwd: plain });
    await killSession(t.tmux, a.sessionId);
    const names = (await listSessions(t.tmux)).map((s) => s.id);
    expect(names).not.toContain(a.sessionId);
    expect(names).toContain(b.sessionId);
    const again: unknown = await killSession(t.tmux, a.sessionId).catch((e: unknown) => e);
    expect(isTmuxError(again, 'not-found')).toBe(true);
    expect(again).toMatchObject({ exitCode: 3 });
    await expect(killSession(t.tmux, '@1')).rejects.toThrow(/not a session id/);
  });
});

describe('setOptions', () => {
  it('sets session, window and pane options by id in one call, values verbatim', async () => {
    const ids = await newSession(t.tmux, { name: 'opts', cwd: plain });
    expect(
      await t.count(() =>
        setOptions(
          t.tmux,
          ids.sessionId,
          { '@pots-task': 'api;', '@pots-repo': '#{host} $HOME' },
          'session',
        ),
      ),
    ).toBe(1);
    await setOptions(t.tmux, ids.windowId, { '@pots-role': 'web' }, 'window');
    await setOptions(t.tmux, ids.paneId, { '@pots-pane': ';' }, 'pane');
    expect(show(ids.sessionId, '@pots-task')).toBe('api;');
    expect(show(ids.sessionId, '@pots-repo')).toBe('#{host} $HOME');
    expect(show(ids.windowId, '@pots-role', '-w')).toBe('web');
    expect(show(ids.paneId, '@pots-pane', '-p')).toBe(';');
    expect(await t.count(() => setOptions(t.tmux, ids.sessionId, {}, 'session'))).toBe(0);
    await expect(setOptions(t.tmux, 'opts', { '@x': '1' }, 'session')).rejects.toThrow(
      /not a tmux id/,
    );
  });
});

describe('trailing ";" through real tmux', () => {
  it.each(['a;', ';', 'a\\;', 'x\\\\;', 'echo hi; echo there;'])(
    '%j round-trips with tmuxArg',
    async (text) => {
      expect(await t.tmux.run(['display-message', '-p', tmuxArg(text)])).toBe(`${text}\n`);
    },
  );

  it('runs chained commands in one invocation, a ";" argument staying an argument', async () => {
    expect(
      await t.tmux.run(
        chain([
          ['display-message', '-p', 'one;'],
          ['display-message', '-p', 'two'],
        ]),
      ),
    ).toBe('one;\ntwo\n');
  });
});
