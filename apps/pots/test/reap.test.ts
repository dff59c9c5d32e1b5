// Reaping, against real processes (Linux /proc): `kill-session` leaves a process that ignores
// SIGHUP running; `pots kill --reap` and `plum remove` (the built plum bin with the pots plugin in
// the user's config) stop it — SIGTERM, and SIGKILL for what ignores that too — together with
// every other process working inside the removed worktree, and report what they stopped.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { retryUntil, runCli } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

const PLUGIN_FILE = fileURLToPath(new URL('../dist/plum-plugin.js', import.meta.url));

interface Proc {
  pid: number;
  /** `comm`: `sleep`, `tmux: server`. */
  name: string;
  command: string;
  cwd: string;
}

/** Our live processes (zombies left out), with their command line and cwd. */
function processes(): Proc[] {
  const uid = process.getuid!();
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (
        !readFileSync(`/proc/${name}/status`, 'utf8').match(new RegExp(`^Uid:\\s+${uid}\\s`, 'm'))
      )
        continue;
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8')
        .replace(/\0+$/, '')
        .replaceAll('\0', ' ');
      const cwd = readlinkSync(`/proc/${name}/cwd`).replace(/ \(deleted\)$/, '');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      out.push({ pid: Number(name), name: comm, command, cwd });
    } catch {
      // gone while we looked
    }
  }
  return out;
}

const running = (command: string) => processes().filter((p) => p.command === command);
// The tmux server is spared: it keeps the cwd of the client that started it (here `pots create`
// in the worktree), holds no file open there, and serves every other session.
const inside = (dir: string) =>
  processes().filter(
    (p) => (p.cwd === dir || p.cwd.startsWith(dir + sep)) && !/^tmux\b/.test(p.name),
  );

let f: PotsFixture;
const strays: number[] = [];

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

afterAll(() => {
  for (const pid of strays) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
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
    strays.push(survivor!.pid);
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
    strays.push(term.pid, kill.pid);
    const reaped = await f.pots(['kill', 'repo-repo-hup', '--reap', '--yes']);
    expect(reaped, reaped.stderr).toMatchObject({ exitCode: 0 });
    expect(reaped.stderr).toContain(`stopped ${term.pid} sleep 1004 (SIGTERM)`);
    expect(reaped.stderr).toContain(`stopped ${kill.pid} sleep 1005 (SIGKILL)`);
    expect(running('sleep 1004')).toEqual([]);
    expect(running('sleep 1005')).toEqual([]);
    expect(hasSession('repo-repo-hup')).toBe(false);
  });

  it('plum remove reaps the worktree: its panes, their children, whatever works inside it', async () => {
    const wt = realpathSync(f.repo.worktree('srv', { newBranch: true }));
    await f.ok(['create', 'srv']);
    // Another unit of the same worktree, and a bystander unit of the main worktree.
    await f.ok(['create', 'srv', 'agent']);
    await f.ok(['create', 'main', 'bystander']);
    type(paneOf('repo-srv-dev'), `trap '' HUP; sleep 1001 & sleep 1000`);
    type(paneOf('repo-srv-agent'), `trap '' HUP; sleep 1006`);
    type(paneOf('repo-repo-bystander'), 'sleep 1007');
    // Not in tmux at all, ignoring SIGHUP and SIGTERM, working inside the worktree.
    const outside = spawn('sh', ['-c', "trap '' HUP TERM; exec sleep 1002"], {
      cwd: wt,
      detached: true,
      stdio: 'ignore',
    });
    outside.unref();
    strays.push(outside.pid!);
    await retryUntil(() =>
      ['sleep 1000', 'sleep 1001', 'sleep 1002', 'sleep 1006', 'sleep 1007'].every(
        (command) => running(command).length === 1,
      ),
    );
    const before = inside(wt);
    strays.push(...before.map((p) => p.pid));
    expect(before.length).toBeGreaterThanOrEqual(6); // 2 shells, 4 sleeps

    const removed = await runCli('plum', ['remove', 'srv', '--yes'], {
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
    expect(before.filter((p) => processes().some((q) => q.pid === p.pid))).toEqual([]);
    expect(running('sleep 1007')).toHaveLength(1);
    expect(hasSession('repo-srv-dev')).toBe(false);
    expect(hasSession('repo-srv-agent')).toBe(false);
    expect(hasSession('repo-repo-bystander')).toBe(true);
  });

  it('plum checks again after reaping: a process that writes on its way out stops the removal', async () => {
    const wt = realpathSync(f.repo.worktree('late', { newBranch: true }));
    await f.ok(['create', 'late']);
    type(
      paneOf('repo-late-dev'),
      `trap '' HUP; trap 'echo bye > late.txt; exit' TERM; sleep 1008 & wait`,
    );
    await retryUntil(() => running('sleep 1008').length === 1);
    strays.push(...running('sleep 1008').map((p) => p.pid));
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
