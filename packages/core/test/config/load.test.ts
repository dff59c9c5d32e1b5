import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOrigins } from '../../src/config/index.js';
import { literalDefaults } from '../../src/config/defaults.js';
import { configJsonSchema, defaultConfig } from '../../src/config/schema-entry.js';
import { configFixture } from './fixture.js';

describe('defaults', () => {
  it('are the literal defaults, filled in by the schema, and come back fresh each call', () => {
    const config = defaultConfig();
    expect(config).toEqual(literalDefaults());
    expect(config.pots.idleSeconds).toBe(30);
    expect(config.worktrees.dir).toBe('../{repo}.worktrees/{branch}');
    expect(config.worktrees.copyFallback).toBe('copy');
    expect(config.pots.agents).toEqual({ stuckSeconds: 600, rules: {} });
    expect(config.pots.notify).toEqual({ command: null, display: true, bell: true, desktop: true });
    config.worktrees.copy.push('x');
    expect(defaultConfig().worktrees.copy).toEqual(['.env']);
  });

  it('are what loadConfig gives with no files, variables or flags', async () => {
    const fx = configFixture();
    const resolved = await fx.load();
    expect(resolved.config).toEqual(defaultConfig());
    expect(resolved.files).toEqual({ user: null, repo: null });
    expect(resolved.codeFile).toBeNull();
    expect(resolved.repoRaw).toBeNull();
    expect(resolved.notes).toEqual([]);
    expect([...resolved.origins.values()].every((o) => o.source === 'default')).toBe(true);
    expect(resolved.origins.size).toBe(23);
  });

  it('publish a JSON Schema where keys with defaults are optional', () => {
    const schema = configJsonSchema() as {
      properties: Record<string, { additionalProperties?: boolean }>;
      required?: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(['worktrees', 'hooks', 'plugins', 'pots']);
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties.pots?.additionalProperties).toBe(false);
  });
});

describe('layers and precedence', () => {
  it('stacks defaults < user < repo < env < flags', async () => {
    const fx = configFixture();
    const user = fx.writeUser(
      'config.yaml',
      'pots:\n  prefix: u-\n  session: mine\n  defaultTask: user-task\n',
    );
    const repo = fx.write('.plumrc.yaml', 'pots:\n  prefix: r-\n  defaultTask: repo-task\n');
    const env = { ...fx.env, POTS_SESSION_PREFIX: 'e-' };

    expect((await fx.load()).config.pots.prefix).toBe('r-');
    expect((await fx.load({ env })).config.pots.prefix).toBe('e-');
    const top = await fx.load({ env, flags: { pots: { prefix: 'f-' } } });
    expect(top.config.pots).toMatchObject({
      prefix: 'f-',
      session: 'mine',
      defaultTask: 'repo-task',
      mode: 'session',
    });
    expect(top.files).toEqual({ user, repo });
    expect(top.origins.get('pots.prefix')).toEqual({ source: 'flag' });
    expect(top.origins.get('pots.session')).toEqual({ source: 'user', file: user });
    expect(top.origins.get('pots.defaultTask')).toEqual({ source: 'repo', file: repo });
    expect(top.origins.get('pots.mode')).toEqual({ source: 'default' });
  });

  it('replaces arrays and merges objects deeply', async () => {
    const fx = configFixture();
    fx.writeUser(
      'config.json',
      JSON.stringify({
        worktrees: { copy: ['.env', '.envrc'], base: 'develop' },
        pots: {
          templates: { review: { description: 'mine', windows: [{ name: 'a', panes: ['x'] }] } },
        },
      }),
    );
    fx.write(
      '.plumrc.json',
      JSON.stringify({
        worktrees: { copy: ['.npmrc'] },
        pots: {
          templates: {
            review: { windows: [{ name: 'b', panes: [] }] },
            ship: { windows: [{ name: 'c', panes: ['y'] }] },
          },
        },
      }),
    );
    const { config, origins } = await fx.load();
    expect(config.worktrees.copy).toEqual(['.npmrc']);
    expect(config.worktrees.base).toBe('develop');
    expect(config.pots.templates.review).toEqual({
      description: 'mine',
      windows: [{ name: 'b', panes: [] }],
    });
    expect(Object.keys(config.pots.templates)).toEqual(['review', 'ship']);
    expect(origins.get('pots.templates.review.description')?.source).toBe('user');
    expect(origins.get('pots.templates.review.windows')?.source).toBe('repo');
  });

  it('lets a higher layer set base back to null', async () => {
    const fx = configFixture();
    fx.writeUser('config.yaml', 'worktrees:\n  base: develop\n');
    fx.write('.plumrc.yaml', 'worktrees:\n  base: null\n');
    const { config, origins } = await fx.load();
    expect(config.worktrees.base).toBeNull();
    expect(origins.get('worktrees.base')?.source).toBe('repo');
  });

  it('maps every environment variable to its key and records the variable', async () => {
    const fx = configFixture();
    const env = {
      ...fx.env,
      POTS_SESSION_PREFIX: 'p-',
      POTS_DEFAULT_TASK: 'test',
      POTS_AUTO_START_SESSION: 'Yes',
      POTS_MODE: 'window',
      PLUM_WORKTREES_DIR: '/wt/{branch}',
    };
    const resolved = await fx.load({ env });
    expect(resolved.config.pots).toMatchObject({
      prefix: 'p-',
      defaultTask: 'test',
      autoStart: true,
      mode: 'window',
    });
    expect(resolved.config.worktrees.dir).toBe('/wt/{branch}');
    expect(resolved.origins.get('pots.autoStart')).toEqual({
      source: 'env',
      variable: 'POTS_AUTO_START_SESSION',
    });
    expect(resolved.origins.get('worktrees.dir')).toEqual({
      source: 'env',
      variable: 'PLUM_WORKTREES_DIR',
    });
  });

  it.each([
    ['1', true],
    ['on', true],
    ['TRUE', true],
    ['0', false],
    ['off', false],
    ['no', false],
  ])('reads POTS_AUTO_START_SESSION=%s as %s', async (value, expected) => {
    const fx = configFixture();
    const { config } = await fx.load({ env: { ...fx.env, POTS_AUTO_START_SESSION: value } });
    expect(config.pots.autoStart).toBe(expected);
  });

  it('treats an empty variable as unset', async () => {
    const fx = configFixture();
    fx.write('.plumrc.yaml', 'pots:\n  mode: window\n');
    const { config } = await fx.load({
      env: { ...fx.env, POTS_MODE: '', POTS_AUTO_START_SESSION: '' },
    });
    expect(config.pots.mode).toBe('window');
  });

  it('reads the user file from ~/.config/plum when XDG_CONFIG_HOME is unset', async () => {
    const fx = configFixture();
    const env: Record<string, string> = { ...fx.env };
    delete env.XDG_CONFIG_HOME;
    const file = join(env.HOME as string, '.config', 'plum', 'config.yml');
    mkdirSync(dirname(file), { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'plugins: [a-plugin]\n');
    const resolved = await fx.load({ env });
    expect(resolved.files.user).toBe(file);
    expect(resolved.config.plugins).toEqual(['a-plugin']);
  });

  it('notes empty files and files shadowed by another', async () => {
    const fx = configFixture();
    const emptyUser = fx.writeUser('config.yaml', '# nothing yet\n');
    const user = fx.writeUser('config.json', '{"pots": {"prefix": "u-"}}');
    const emptyRepo = fx.write('.plumrc', '\n');
    const repo = fx.write('.plumrc.yaml', 'pots:\n  prefix: r-\n');
    const shadowed = fx.write('.plumrc.yml', 'pots:\n  prefix: never-\n');
    const resolved = await fx.load();
    expect(resolved.config.pots.prefix).toBe('r-');
    expect(resolved.files).toEqual({ user, repo });
    expect(resolved.notes).toEqual([
      `${emptyUser}: empty, ignored`,
      `${emptyRepo}: empty, ignored`,
      `${shadowed}: ignored, ${repo} comes first`,
    ]);
  });
});

describe('repository search', () => {
  it('walks up from a deep subdirectory to the repo root', async () => {
    const fx = configFixture({ git: true });
    const file = fx.write('.plumrc.yaml', 'pots:\n  prefix: root-\n');
    const deep = join(fx.repo, 'a', 'b', 'c', 'd');
    mkdirSync(deep, { recursive: true });
    const resolved = await fx.load({ cwd: deep });
    expect(resolved.files.repo).toBe(file);
    expect(resolved.config.pots.prefix).toBe('root-');
  });

  it('stops at the repo root: a config in its parent is ignored', async () => {
    const fx = configFixture({ git: true });
    fx.write('../.plumrc.yaml', 'pots:\n  prefix: parent-\n');
    const deep = join(fx.repo, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    const resolved = await fx.load({ cwd: deep });
    expect(resolved.files.repo).toBeNull();
    expect(resolved.config.pots.prefix).toBe('');
  });

  it('searches only cwd without a repo root', async () => {
    const fx = configFixture();
    fx.write('.plumrc.yaml', 'pots:\n  prefix: root-\n');
    const sub = join(fx.repo, 'sub');
    mkdirSync(sub);
    expect((await fx.load({ cwd: sub, repoRoot: null })).files.repo).toBeNull();
    expect((await fx.load({ cwd: fx.repo, repoRoot: undefined })).files.repo).toBe(
      join(fx.repo, '.plumrc.yaml'),
    );
  });

  it('prefers the nearest directory', async () => {
    const fx = configFixture();
    fx.write('.plumrc.yaml', 'pots:\n  prefix: root-\n');
    const near = fx.write('pkg/.config/plumrc.json', '{"pots": {"prefix": "near-"}}');
    const resolved = await fx.load({ cwd: join(fx.repo, 'pkg') });
    expect(resolved.files.repo).toBe(near);
    expect(resolved.config.pots.prefix).toBe('near-');
  });

  it('reads package.json#plum and passes over a package.json without it', async () => {
    const fx = configFixture();
    const pkg = fx.write(
      'package.json',
      JSON.stringify({ name: 'app', plum: { pots: { defaultTask: 'serve' } } }),
    );
    fx.write('web/package.json', JSON.stringify({ name: 'web' }));
    const resolved = await fx.load({ cwd: join(fx.repo, 'web') });
    expect(resolved.files.repo).toBe(pkg);
    expect(resolved.config.pots.defaultTask).toBe('serve');
    expect(resolved.repoRaw).toEqual({ pots: { defaultTask: 'serve' } });
  });

  it('merges $import from inside the repository', async () => {
    const fx = configFixture();
    fx.write('config/shared.yaml', 'pots:\n  session: shared\n  prefix: s-\n');
    fx.write('.plumrc.yaml', '$import: ./config/shared.yaml\npots:\n  prefix: own-\n');
    const { config, repoRaw } = await fx.load();
    expect(config.pots).toMatchObject({ session: 'shared', prefix: 'own-' });
    expect(repoRaw).toEqual({ pots: { session: 'shared', prefix: 'own-' } });
  });
});

describe('the result', () => {
  it('is deep-frozen', async () => {
    const fx = configFixture();
    fx.write(
      '.plumrc.yaml',
      'pots:\n  templates:\n    review:\n      windows: [{ name: code, panes: [nvim] }]\n',
    );
    const resolved = await fx.load();
    const config = resolved.config as unknown as {
      pots: { prefix: string; templates: Record<string, { windows: Array<{ panes: string[] }> }> };
      worktrees: { copy: string[] };
    };
    expect(() => {
      config.pots.prefix = 'x';
    }).toThrow(TypeError);
    expect(() => config.worktrees.copy.push('x')).toThrow(TypeError);
    expect(() => config.pots.templates.review?.windows[0]?.panes.push('x')).toThrow(TypeError);
    expect(() => (resolved.notes as string[]).push('x')).toThrow(TypeError);
    expect(() => {
      (resolved as { codeFile: string | null }).codeFile = 'x';
    }).toThrow(TypeError);
    expect(() => {
      (resolved.repoRaw as { pots: object }).pots = {};
    }).toThrow(TypeError);
  });

  it('describes each leaf with its value and origin', async () => {
    const fx = configFixture();
    const repo = fx.write('.plumrc.yaml', 'worktrees:\n  copy: [.env, .envrc]\n');
    const rows = describeOrigins(await fx.load({ env: { ...fx.env, POTS_MODE: 'window' } }));
    expect(rows.map((row) => row.key)).toEqual([
      'worktrees.dir',
      'worktrees.base',
      'worktrees.copy',
      'worktrees.copyFallback',
      'worktrees.disposable',
      'hooks.postCreate',
      'hooks.preRemove',
      'plugins',
      'pots.mode',
      'pots.session',
      'pots.prefix',
      'pots.defaultTask',
      'pots.autoStart',
      'pots.template',
      'pots.idleSeconds',
      'pots.killGraceSeconds',
      'pots.templates',
      'pots.agents.stuckSeconds',
      'pots.agents.rules',
      'pots.notify.command',
      'pots.notify.display',
      'pots.notify.bell',
      'pots.notify.desktop',
    ]);
    expect(rows.find((row) => row.key === 'worktrees.copy')).toEqual({
      key: 'worktrees.copy',
      value: ['.env', '.envrc'],
      source: 'repo',
      file: repo,
    });
    expect(rows.find((row) => row.key === 'pots.mode')).toEqual({
      key: 'pots.mode',
      value: 'window',
      source: 'env',
      variable: 'POTS_MODE',
    });
    expect(rows.find((row) => row.key === 'pots.templates')).toEqual({
      key: 'pots.templates',
      value: {},
      source: 'default',
    });
  });
});
