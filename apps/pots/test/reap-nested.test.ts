// Removing the worktree you stand in, as a user at a real tmux client (an outer private server's
// pane is the terminal; see nested-client.ts): `plum remove` with no name, from a shell in the
// worktree's session, hands the removal to a pane at the main worktree, which removes it (reaping
// the session's processes, the user's shell included), moves the client to the main repository's
// session (made for the occasion) and only then kills the worktree's session. A refusal or a "no"
// spawns nothing; a failed removal keeps its pane until a key is pressed; outside tmux plum prints
// the commands to run.
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { retryUntil, runCli, tempDir } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPots } from '../src/api/context.js';
import { handOffRemoval } from '../src/api/self-removal.js';
import { potsFixture, type PotsFixture } from './cli-helpers.js';
import { binLine, logFile, nestedClient, q, typeLine, type NestedClient } from './nested-client.js';

const PLUGIN_FILE = fileURLToPath(new URL('../dist/plum-plugin.js', import.meta.url));

let f: PotsFixture;
let user: NestedClient;
let logs: { path: string; cleanup: () => void };
let main: string;

const hasSession = (name: string) =>
  f.server.tryTmux(['has-session', '-t', `=${name}`]).status === 0;
const screen = (pane: string) => f.server.tmux(['capture-pane', '-p', '-t', pane]);

/** A linked worktree with its pots session (cwd: the worktree), the client attached to it. */
async function standIn(name: string): Promise<{ path: string; session: string }> {
  const path = realpathSync(f.repo.worktree(name, { newBranch: true }));
  const session = await f.ok(['create', name]);
  user.attach(session);
  await retryUntil(() => user.clientSessions().join() === session, {
    message: `client: ${user.clientSessions().join()}`,
  });
  return { path, session };
}

beforeAll(() => {
  f = potsFixture();
  main = realpathSync(f.repo.path);
  const dir = join(f.env.XDG_CONFIG_HOME!, 'plum');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.yaml'),
    `plugins:\n  - ${JSON.stringify(PLUGIN_FILE)}\npots:\n  killGraceSeconds: 1\n`,
  );
  user = nestedClient(f);
  logs = tempDir('pn-');
});

afterAll(() => {
  f.done();
  user.kill();
  logs.cleanup();
});

describe('plum remove with no name, inside the worktree', () => {
  it('not in tmux: the exact commands on stderr, exit 2, nothing removed', async () => {
    const wt = realpathSync(f.repo.worktree('outside', { newBranch: true }));
    const result = await runCli('plum', ['remove', '--yes'], { cwd: wt, env: f.env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('(not inside tmux)');
    expect(result.stderr).toContain(`cd ${main} && plum remove outside`);
    expect(existsSync(wt)).toBe(true);
  });

  it('dirty: refused (exit 4), no pane spawned, nothing killed', async () => {
    const { path, session } = await standIn('dirty');
    writeFileSync(join(path, 'notes.txt'), 'unsaved\n');
    const log = await user.run(
      session,
      binLine('plum', 'remove', '--yes'),
      logFile(logs.path, 'dirty'),
    );
    expect(log).toMatch(/refusing to remove dirty[\s\S]*notes\.txt[\s\S]*exit=4/);
    expect(user.panesOf(session)).toHaveLength(1);
    expect(existsSync(path)).toBe(true);
  });

  it('"Remove this worktree from the main repo?" answered no: exit 2, no pane', async () => {
    const { path, session } = await standIn('nope');
    const log = logFile(logs.path, 'nope');
    const [pane] = user.panesOf(session);
    // On the terminal (a question needs one): only the exit code goes to a file.
    typeLine(f.server, pane!, `clear; ${binLine('plum', 'remove')}; echo "exit=$?" > ${q(log)}`);
    await retryUntil(() => screen(pane!).includes('Remove this worktree from the main repo?'), {
      message: `no question: ${screen(pane!)}`,
    });
    f.server.tmux(['send-keys', '-t', pane!, 'n']);
    await retryUntil(() => existsSync(log) && /exit=\d+/.test(readFileSync(log, 'utf8')));
    expect(readFileSync(log, 'utf8')).toMatch(/exit=2/);
    const text = screen(pane!).replaceAll('\n', '');
    expect(text).toContain('the removal was not confirmed');
    expect(text).toContain(`cd ${main} && plum remove nope`);
    expect(user.panesOf(session)).toHaveLength(1);
    expect(existsSync(path)).toBe(true);
  });

  it('--yes: a pane at the main worktree removes it, the client lands on the main session, the session goes last', async () => {
    const { path, session } = await standIn('third');
    expect(hasSession('repo-repo-dev')).toBe(false); // made for the occasion
    const log = logFile(logs.path, 'third');
    // The shell typing this is reaped with the rest of the session: no "exit=" line is awaited.
    typeLine(
      f.server,
      user.panesOf(session)[0]!,
      `${binLine('plum', 'remove', '--yes')} > ${q(log)} 2>&1`,
    );
    await retryUntil(() => user.clientSessions().join() === 'repo-repo-dev', {
      message: `clients: ${user.clientSessions().join()}; log: ${existsSync(log) ? readFileSync(log, 'utf8') : ''}`,
    });
    // The result is shown there, on the client's status line.
    await retryUntil(() =>
      user.outer
        .tmux(['capture-pane', '-p', '-t', '=terminal:'])
        .includes(`plum: removed worktree third (${path})`),
    );
    await retryUntil(() => !hasSession(session));
    expect(existsSync(path)).toBe(false);
    expect(f.repo.git(['branch', '--list', 'third']).trim()).toBe('third'); // kept: not asked for
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(`removing third in tmux pane %\\d+ at ${main.replaceAll('/', '\\/')}`),
    );
    expect(user.clientSessions()).toEqual(['repo-repo-dev']);
  });
});

describe('the removal pane (handOffRemoval)', () => {
  it('runs at the main worktree; a failure keeps the pane and its output until a key, and kills nothing', async () => {
    const path = realpathSync(f.repo.worktree('fails', { newBranch: true }));
    const session = await f.ok(['create', 'fails']);
    const [caller] = user.panesOf(session);
    const inside = openPots({
      cwd: path,
      env: { ...f.env, TMUX: `${f.server.socketPath},1,0`, TMUX_PANE: caller! },
    });
    const worktree = { name: 'fails', path, branch: 'fails', head: null };
    const failing = [process.execPath, '-e', 'console.log("git said no"); process.exit(3)'];

    const declined = await handOffRemoval(inside, {
      worktree,
      cwd: main,
      command: failing,
      confirm: () => Promise.resolve(false),
    });
    expect(declined).toEqual({ handled: false, reason: 'declined' });
    expect(user.panesOf(session)).toEqual([caller]);

    const result = await handOffRemoval(inside, {
      worktree,
      cwd: main,
      command: failing,
      confirm: () => Promise.resolve(true),
    });
    expect(result).toMatchObject({
      handled: true,
      pane: expect.stringMatching(/^%\d+$/) as string,
    });
    const pane = (result as { pane: string }).pane;
    expect(user.panesOf(session)).toEqual([caller, pane]); // split from the caller's window
    await retryUntil(() => screen(pane).includes('Press any key'), { message: screen(pane) });
    expect(screen(pane)).toContain('git said no');
    expect(screen(pane)).toContain('failed (exit 3): nothing was killed');
    const cwd = f.server.tmux(['display-message', '-p', '-t', pane, '#{pane_current_path}']);
    expect(cwd.trim()).toBe(main);
    f.server.tmux(['send-keys', '-t', pane, 'x']);
    await retryUntil(() => !user.panesOf(session).includes(pane));
    expect(hasSession(session)).toBe(true);
    expect(existsSync(path)).toBe(true);

    const outside = await handOffRemoval(openPots({ cwd: path, env: f.env }), {
      worktree,
      cwd: main,
      command: failing,
      confirm: () => Promise.resolve(true),
    });
    expect(outside).toEqual({ handled: false, reason: 'not-in-tmux', message: 'not inside tmux' });
  });
});
