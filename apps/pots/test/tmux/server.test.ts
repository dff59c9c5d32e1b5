// The gateway: global flags, server selection from the environment, and the scrubbed environment
// a server inherits from the client that starts it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { retryUntil, tempDir, tmuxServer } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { createTmux, newSession, serverFromEnv, tmuxGlobalArgs } from '../../src/tmux/index.js';
import { privateTmux } from './private-tmux.js';

describe('tmuxGlobalArgs', () => {
  it.each([
    [{}, ['-u']],
    [{ socketName: 'work' }, ['-u', '-L', 'work']],
    [{ socketPath: '/tmp/s', configFile: '/dev/null' }, ['-u', '-S', '/tmp/s', '-f', '/dev/null']],
    [{ socketName: 'work', socketPath: '/tmp/s' }, ['-u', '-S', '/tmp/s']],
  ])('%j → %j', (server, args) => {
    expect(tmuxGlobalArgs(server)).toEqual(args);
    expect(createTmux(server).globalArgs).toEqual(args);
  });
});

describe('serverFromEnv', () => {
  it.each([
    [{}, {}],
    [{ POTS_TMUX_SOCKET_NAME: 'work' }, { socketName: 'work' }],
    [{ POTS_TMUX_SOCKET_NAME: 'work', TMUX: '/tmp/tmux-0/other,1,0' }, { socketName: 'work' }],
    [{ TMUX: '/tmp/tmux-0/default,123,4' }, { socketPath: '/tmp/tmux-0/default' }],
    [{ TMUX: '/tmp/odd,dir/sock,123,4' }, { socketPath: '/tmp/odd,dir/sock' }],
    [{ TMUX: 'garbage' }, {}],
    [{ POTS_TMUX_SOCKET_NAME: '' }, {}],
  ])('%j → %j', (env, server) => {
    expect(serverFromEnv(env)).toEqual(server);
  });
});

describe('the tmux client environment', () => {
  const leaks = {
    GIT_DIR: '/elsewhere/.git',
    GIT_INDEX_FILE: '/elsewhere/.git/index',
    GIT_WORK_TREE: '/elsewhere',
    TMUX: '/tmp/tmux-0/default,1,0',
    TMUX_PANE: '%1',
    npm_config_pots_test: '1',
    NODE_OPTIONS: '--inspect',
    INIT_CWD: '/elsewhere',
  };

  it('drops git, tmux, npm and node variables from the given env', () => {
    const tmux = createTmux({}, { env: { PATH: '/usr/bin:/bin', KEEP: 'yes', ...leaks } });
    expect(tmux.env).toEqual({ PATH: '/usr/bin:/bin', KEEP: 'yes' });
  });

  it('scrubs process.env when no env is given', () => {
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = '/elsewhere/.git';
    try {
      expect(createTmux({}).env.GIT_DIR).toBeUndefined();
      expect(createTmux({}).env.PATH).toBe(process.env.PATH);
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
  });

  it('keeps leaked variables out of a server pots starts, and out of its panes', async () => {
    const saved = { ...process.env };
    // The gateway gets process.env itself, leaks included, pointed at the private server's dirs.
    const t = privateTmux({
      env: (server) =>
        Object.assign(process.env, leaks, {
          HOME: server.env.HOME,
          TMUX_TMPDIR: server.env.TMUX_TMPDIR,
          SHELL: '/bin/sh',
        }),
    });
    const dir = tempDir('pe-');
    try {
      const { tmux } = t;
      expect(process.env.GIT_DIR).toBe(leaks.GIT_DIR);
      expect(tmux.env.TMUX_TMPDIR).toBe(t.server.env.TMUX_TMPDIR);
      const out = join(dir.path, 'pane-env');
      await newSession(tmux, {
        name: 'scrubbed',
        cwd: dir.path,
        command: ['sh', '-c', 'env > "$1.tmp" && mv "$1.tmp" "$1"; exec sleep 600', 'sh', out],
      });
      const global = t.server.tmux(['show-environment', '-g']);
      const paneEnv = await retryUntil(() => existsSync(out) && readFileSync(out, 'utf8'));
      for (const name of Object.keys(leaks)) {
        expect(global).not.toMatch(new RegExp(`^${name}=`, 'm'));
        if (name !== 'TMUX' && name !== 'TMUX_PANE')
          expect(paneEnv).not.toMatch(new RegExp(`^${name}=`, 'm'));
      }
      // Inside a pane tmux sets its own TMUX and TMUX_PANE; they must name this server and pane.
      expect(paneEnv).toMatch(new RegExp(`^TMUX=${t.server.socketPath},`, 'm'));
      expect(paneEnv).toMatch(/^TMUX_PANE=%\d+$/m);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      t.done();
      dir.cleanup();
    }
  });

  it('(control) a server started by an unscrubbed client does keep them', () => {
    const raw = tmuxServer({ env: { GIT_DIR: '/elsewhere/.git' } });
    try {
      raw.tmux(['new-session', '-d', '-s', 'leaky']);
      expect(raw.tmux(['show-environment', '-g'])).toMatch(/^GIT_DIR=\/elsewhere\/\.git$/m);
    } finally {
      raw.kill();
    }
  });
});
