// The guard every test runs behind: tmux without -L/-S (the default server) fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listProcesses, retryUntil, tmuxServer, type TmuxServer } from '../src/index.js';

let leftBehind: TmuxServer | undefined;
let leftPid = 0;

/** Whether `pid` runs (listProcesses leaves zombies out). */
const running = (pid: number) => listProcesses().some((p) => p.pid === pid);

const tmux = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync('tmux', args, { encoding: 'utf8', env: { ...env, TMUX: '' } });

describe('tmux in tests', () => {
  it('refuses a call that names no server, even with -S after the command', () => {
    for (const args of [
      ['list-sessions'],
      ['-f', '/dev/null', 'kill-server'],
      ['capture-pane', '-S', '-10', '-p'],
    ]) {
      const r = tmux(args);
      expect([r.status, r.stderr]).toEqual([97, expect.stringContaining('no private server')]);
    }
  });

  it('refuses -L without a TMUX_TMPDIR directory (tmux would fall back to /tmp/tmux-UID)', () => {
    const server = tmuxServer();
    try {
      const gone = `${server.env.TMUX_TMPDIR!}-gone`;
      for (const env of [
        { ...server.env, TMUX_TMPDIR: '' },
        { ...server.env, TMUX_TMPDIR: gone },
      ]) {
        const r = tmux([...server.args, 'list-sessions'], env);
        expect([r.status, r.stderr]).toEqual([97, expect.stringContaining('would use /tmp/tmux-')]);
      }
      // The same call with the server's own directory reaches tmux (no server yet: tmux's error).
      const ours = tmux([...server.args, 'list-sessions'], server.env);
      expect(ours.status).toBe(1);
      expect(ours.stderr).not.toContain('tmux-guard');
    } finally {
      server.kill();
    }
  });

  it('kills a server made inside a test when the test ends; a later kill() calls no tmux', () => {
    // Checked in the next test: this one leaves its server running.
    leftBehind = tmuxServer();
    leftBehind.tmux(['new-session', '-d', '-s', 'left']);
    leftPid = Number(leftBehind.tmux(['display-message', '-p', '#{pid}']).trim());
    expect(running(leftPid)).toBe(true);
  });

  it('(the server of the test before is gone)', async () => {
    expect(leftPid).toBeGreaterThan(0);
    await retryUntil(() => !running(leftPid), { message: `tmux server ${leftPid} still runs` });
    expect(existsSync(leftBehind!.socketPath)).toBe(false);
    leftBehind!.kill(); // a no-op: no tmux call, so no fallback to /tmp/tmux-UID either
  });

  it('runs -V, and -L / -S calls, against the real tmux', () => {
    expect(tmux(['-V']).stdout).toMatch(/^tmux /);
    const server = tmuxServer();
    try {
      server.tmux(['new-session', '-d', '-s', 'guarded']);
      const viaSocket = tmux(['-S', server.socketPath, 'list-sessions', '-F', '#S'], server.env);
      expect([viaSocket.status, viaSocket.stdout]).toEqual([0, 'guarded\n']);
    } finally {
      server.kill();
    }
  });
});
