import { describe, expect, it } from 'vitest';
import { repoCommands } from '../../src/config/index.js';
import { configFixture } from './fixture.js';

describe('repoCommands', () => {
  it('lists hooks, plugins and pane commands (with env) that the repo layer set', async () => {
    const fx = configFixture();
    fx.writeUser(
      'config.yaml',
      [
        'hooks:',
        '  preRemove: [user-cleanup]',
        'pots:',
        '  templates:',
        '    mine:',
        '      windows: [{ name: w, panes: [htop] }]',
      ].join('\n'),
    );
    fx.write(
      '.plumrc.yaml',
      [
        'hooks:',
        '  postCreate: [pnpm install, pnpm build]',
        'plugins: [./tools/plum-plugin.mjs]',
        'pots:',
        '  templates:',
        '    review:',
        '      windows:',
        '        - name: code',
        '          env: { EDITOR: nvim }',
        '          panes:',
        '            - nvim .',
        '            - { cwd: docs }',
        '            - { command: git log, env: { LD_PRELOAD: ./x.so } }',
        '            - { env: { PAGER: less } }',
      ].join('\n'),
    );
    const resolved = await fx.load();
    expect(repoCommands(resolved)).toEqual([
      { key: 'hooks.postCreate.0', command: 'pnpm install', kind: 'hook' },
      { key: 'hooks.postCreate.1', command: 'pnpm build', kind: 'hook' },
      { key: 'plugins.0', command: './tools/plum-plugin.mjs', kind: 'plugin' },
      {
        key: 'pots.templates.review.windows.0.panes.0',
        command: 'nvim .',
        kind: 'pane',
        env: { EDITOR: 'nvim' },
      },
      {
        key: 'pots.templates.review.windows.0.panes.1',
        command: '',
        kind: 'pane',
        env: { EDITOR: 'nvim' },
      },
      {
        key: 'pots.templates.review.windows.0.panes.2',
        command: 'git log',
        kind: 'pane',
        env: { EDITOR: 'nvim', LD_PRELOAD: './x.so' },
      },
      {
        key: 'pots.templates.review.windows.0.panes.3',
        command: '',
        kind: 'pane',
        env: { EDITOR: 'nvim', PAGER: 'less' },
      },
    ]);
  });

  it('leaves out what a higher layer replaced, and panes with neither command nor env', async () => {
    const fx = configFixture();
    fx.write(
      '.plumrc.yaml',
      'hooks:\n  postCreate: [make]\npots:\n  templates:\n    t:\n      windows: [{ name: w, panes: [{ cwd: src }] }]\n',
    );
    const resolved = await fx.load({ flags: { hooks: { postCreate: [] } } });
    expect(repoCommands(resolved)).toEqual([]);
  });

  it('is empty without a repo file', async () => {
    const fx = configFixture();
    fx.writeUser('config.yaml', 'hooks:\n  postCreate: [pnpm install]\n');
    expect(repoCommands(await fx.load())).toEqual([]);
  });
});
