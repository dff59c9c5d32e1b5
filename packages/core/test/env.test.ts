import { describe, expect, it } from 'vitest';
import { GIT_PATH_VARS, scrubEnv, TMUX_SCRUB_VARS } from '../src/index.js';

describe('scrubEnv', () => {
  const leaky = {
    PATH: '/bin',
    GIT_DIR: '/elsewhere/.git',
    GIT_INDEX_FILE: '/elsewhere/.git/index',
    GIT_WORK_TREE: '/elsewhere',
    TMUX: '/tmp/tmux-0/default,1,0',
    TMUX_PANE: '%1',
    npm_config_x: '1',
    NODE_OPTIONS: '--inspect',
    KEEP: 'yes',
  };

  it('drops git path variables', () => {
    const env = scrubEnv(leaky, GIT_PATH_VARS);
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_INDEX_FILE).toBeUndefined();
    expect(env.GIT_WORK_TREE).toBeUndefined();
    expect(env.TMUX).toBe(leaky.TMUX);
    expect(env.KEEP).toBe('yes');
  });

  it('drops tmux, npm and node variables for tmux servers and panes', () => {
    const env = scrubEnv(leaky, TMUX_SCRUB_VARS, { npm: true });
    expect(Object.keys(env).sort()).toEqual(['KEEP', 'PATH']);
  });

  it('sets and unsets variables', () => {
    const env = scrubEnv({ A: '1', B: '2' }, [], { set: { A: undefined, C: '3' } });
    expect(env).toEqual({ B: '2', C: '3' });
  });
});
