// The guard every test runs behind: tmux without -L/-S (the default server) fails.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tmuxServer } from '../src/index.js';

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
