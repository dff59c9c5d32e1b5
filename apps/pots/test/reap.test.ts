// Reaping, against real processes (Linux /proc): `kill-session` leaves a process that ignores
// SIGHUP running; `pots kill --reap` and `plum remove` (the built plum bin with the pots plugin in
// the user's config) stop it — SIGTERM, and SIGKILL for what ignores that too — and report what
// they stopped. Processes pots did not start that work inside the worktree (outside tmux, or in a
// session pots did not make) refuse the removal (exit 4) until --reap-all. Processes are found by
// what this file started (the server's tree, its spawned pids, its temp dir), never by name.
import { spawn } from 'node:child_process';
import { mkdirSync, realpathSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  killAll,
  listProcesses,
  processesInside,
  processTree,
  retryUntil,
  runCli,
} from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

const PLUGIN_FILE = fileURLToPath(new URL('../dist/plum-plugin.js', import.meta.url));

/** The pids this file started outside tmux. */
const spawned: number[] = [];

/**
 * Our processes only: the tmux server's tree, what this file spawned, and whatever works in the
 * fixture's own temp dir (a pane's process outlives its session there). Never the machine's: a
 * parallel run of the suite (or the user) may run the very same `sleep 1003`.
 */
function ours() {
  const table = listProcesses();
  const server = Number(f.server.tryTmux(['display-message', '-p', '#{pid}']).stdout.trim());
  const found = new Map(
    [
      ...processTree([...(server > 0 ? [server] : []), ...spawned], table),
      ...processesInside(f.repo.root, table),
    ].map((p) => [p.pid, p]),
  );
  return [...found.values()];
}

const running = (command: string) => ours().filter((p) => p.command === command);
// The tmux server is spared: it keeps the cwd of the client that started it (here `pots create`
// in the worktree), holds no file open there, and serves every other session.
const inside = (dir: string) => processesInside(dir).filter((p) => !/^tmux\b/.test(p.name));

let f: PotsFixture;

function type(pane: string, line: string): void {
  f.server.tmux(['send-keys', '-t', pane, '-l', line]);
  f.server.tmux(['send-keys', '-t', pane, 'Enter']);
}

const paneOf = (session: string) =>
  f.server.tmux(['list-panes', '-t', `=${session}:`, '-F', '#{pane_id}']).trim();
const hasSession = (name: string) =>
  f.server.tryTmux(['has-session', '-t', `=${name}`]).status === 0;

beforeAll(() => {
  f = potsFixture();
  const dir = join(f.env.XDG_CONFIG_HOME!, 'plum');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.yaml'),
    `plugins:\n  - ${JSON.stringify(PLUGIN_FILE)}\npots:\n  killGraceSeconds: 1\n`,
  );
});

// Whatever a failed test left (HUP-ignoring sleeps included) goes with the server's tree and the
// temp dirs (f.done); what this file spawned outside tmux goes here.
afterAll(() => {
  killAll(processTree(spawned).map((p) => p.pid));
  f.done();
});

describe.runIf(process.platform === 'linux')('reaping', () => {
  it('pots kill alone leaves a process that ignores SIGHUP; pots kill --reap stops it', async () => {
    await f.ok(['create', 'main', 'hup']);
    type(paneOf('repo-repo-hup'), `trap '' HUP; sleep 1003`);
    const [survivor] = await retryUntil(() => {
      const found = running('sleep 1003');
      return found.length === 1 ? found : null;
    });
    await f.ok(['kill', 'repo-repo-hup', '--yes']);
    expect(hasSession('repo-repo-hup')).toBe(false);
    expect(running('sleep 1003').map((p) => p.pid)).toEqual([survivor!.pid]); // the problem

    await f.ok(['create', 'main', 'hup']);
    // A child that ignores SIGTERM too, and a parent that ignores SIGHUP.
    type(paneOf('repo-repo-hup'), `trap '' HUP; (trap '' TERM; exec sleep 1005) & sleep 1004`);
    await retryUntil(
      () => running('sleep 1004').length === 1 && running('sleep 1005').length === 1,
    );
    const [term, kill] = [running('sleep 1004')[0]!, running('sleep 1005')[0]!];
    const reaped = await f.pots(['kill', 'repo-repo-hup', '--reap', '--yes']);
    expect(reaped, reaped.stderr).toMatchObject({ exitCode: 0 });
    expect(reaped.stderr).toContain(`stopped ${term.pid} sleep 1004 (SIGTERM)`);
    expect(reaped.stderr).toContain(`stopped ${kill.pid} sleep 1005 (SIGKILL)`);
    expect(running('sleep 1004')).toEqual([]);
    expect(running('sleep 1005')).toEqual([]);
    expect(hasSession('repo-repo-hup')).toBe(false);
  });

  it('plum remove reaps what pots started; other processes in the worktree refuse it (exit 4) until --reap-all', async () => {
    const wt = realpathSync(f.repo.worktree('srv', { newBranch: true }));
    await f.ok(['create', 'srv']);
    // Another unit of the same worktree, and a bystander unit of the main worktree.
    await f.ok(['create', 'srv', 'agent']);
    await f.ok(['create', 'main', 'bystander']);
    // A session pots did not make, its shell working in the worktree.
    f.server.tmux(['new-session', '-d', '-s', 'mine', '-c', wt]);
    type(paneOf('repo-srv-dev'), `trap '' HUP; sleep 1001 & sleep 1000`);
    type(paneOf('repo-srv-agent'), `trap '' HUP; sleep 1006`);
    type(paneOf('repo-repo-bystander'), 'sleep 1007');
    // Not in tmux at all (an editor in another terminal), ignoring SIGHUP and SIGTERM.
    const outside = spawn('sh', ['-c', "trap '' HUP TERM; exec sleep 1002"], {
      cwd: wt,
      detached: true,
      stdio: 'ignore',
    });
    outside.unref();
    spawned.push(outside.pid!);
    await retryUntil(() =>
      ['sleep 1000', 'sleep 1001', 'sleep 1002', 'sleep 1006', 'sleep 1007'].every(
        (command) => running(command).length === 1,
      ),
    );
    const before = inside(wt);
    expect(before.length).toBeGreaterThanOrEqual(7); // 3 shells, 4 sleeps
    const minePane = f.server.tmux(['display-message', '-p', '-t', '=mine:', '#{pane_pid}']).trim();

    const refused = await runCli('plum', ['remove', 'srv', '--yes'], {
      cwd: f.repo.path,
      env: f.env,
    });
    expect(refused.exitCode, refused.stderr).toBe(4);
    expect(refused.stderr).toContain('pots did not start');
    expect(refused.stderr).toContain(`${outside.pid} sleep 1002`);
    expect(refused.stderr).toContain(`${minePane} `);
    expect(refused.stderr).toContain('--reap-all');
    // Nothing was stopped, killed or removed.
    expect(
      inside(wt)
        .map((p) => p.pid)
        .sort(),
    ).toEqual(before.map((p) => p.pid).sort());
    for (const name of ['repo-srv-dev', 'repo-srv-agent', 'mine'])
      expect(hasSession(name)).toBe(true);
    expect(existsSync(wt)).toBe(true);

    const removed = await runCli('plum', ['remove', 'srv', '--yes', '--reap-all'], {
      cwd: f.repo.path,
      env: f.env,
    });
    expect(removed, removed.stderr).toMatchObject({ exitCode: 0 });
    for (const command of ['sleep 1000', 'sleep 1001', 'sleep 1006']) {
      expect(removed.stderr).toMatch(new RegExp(`pots: stopped \\d+ ${command} \\(SIGTERM\\)`));
    }
    expect(removed.stderr).toMatch(/pots: stopped \d+ sleep 1002 \(SIGKILL\)/);
    expect(removed.stderr).toMatch(/removed srv \(/);
    // No process works inside the removed worktree any more; the bystander's still runs.
    expect(inside(wt)).toEqual([]);
    const now = new Set(listProcesses().map((p) => p.pid));
    expect(before.filter((p) => now.has(p.pid))).toEqual([]);
    expect(running('sleep 1007')).toHaveLength(1);
    expect(hasSession('repo-srv-dev')).toBe(false);
    expect(hasSession('repo-srv-agent')).toBe(false);
    expect(hasSession('repo-repo-bystander')).toBe(true);
  });

  it('without foreign processes, plum remove reaps the worktree’s own panes without asking', async () => {
    const wt = realpathSync(f.repo.worktree('own', { newBranch: true }));
    await f.ok(['create', 'own']);
    type(paneOf('repo-own-dev'), `trap '' HUP; sleep 1009`);
    await retryUntil(() => running('sleep 1009').length === 1);
    const removed = await runCli('plum', ['remove', 'own', '--yes'], {
      cwd: f.repo.path,
      env: f.env,
    });
    expect(removed, removed.stderr).toMatchObject({ exitCode: 0 });
    expect(removed.stderr).toMatch(/pots: stopped \d+ sleep 1009 \(SIGTERM\)/);
    expect(inside(wt)).toEqual([]);
  });

  it('plum checks again after reaping: a process that writes on its way out stops the removal', async () => {
    const wt = realpathSync(f.repo.worktree('late', { newBranch: true }));
    await f.ok(['create', 'late']);
    type(
      paneOf('repo-late-dev'),
      `trap '' HUP; trap 'echo bye > late.txt; exit' TERM; sleep 1008 & wait`,
    );
    await retryUntil(() => running('sleep 1008').length === 1);
    const removed = await runCli('plum', ['remove', 'late', '--yes'], {
      cwd: f.repo.path,
      env: f.env,
    });
    expect(removed.exitCode).toBe(4);
    expect(removed.stderr).toContain('found after plugins and hooks ran');
    expect(removed.stderr).toContain('late.txt');
    expect(existsSync(join(wt, 'late.txt'))).toBe(true); // nothing was deleted
    expect(inside(wt)).toEqual([]);
  });
});
