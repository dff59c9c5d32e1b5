import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir, testPluginPath } from '@plumpots/test-fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { createPluginHost, definePlugin, type HookContext } from '../src/index.js';
import { resolvePlugin } from '../src/plugins/resolve.js';

const context: HookContext = { config: {}, cwd: '/', log: () => undefined, options: {} };
const repo = { commonDir: '/r/.git', projectRoot: '/r', projectName: 'r' };
const worktree = { name: 'feat', path: '/r.worktrees/feat', branch: 'feat', head: 'abc' };

describe('plugin host', () => {
  afterEach(() => {
    delete process.env.PLUM_TEST_PLUGIN_LOG;
  });

  it('loads plugins by path and fires typed hooks in order, builtins first', async () => {
    const log = join(tempDir().path, 'hooks.log');
    process.env.PLUM_TEST_PLUGIN_LOG = log;
    const calls: string[] = [];
    const builtin = definePlugin({
      name: 'builtin',
      hooks: { 'worktree:afterCreate': () => void calls.push('builtin') },
    });
    const host = createPluginHost([builtin], [testPluginPath('recorder')], { configDir: '/' });
    await host.run('worktree:afterCreate', { repo, worktree }, context);
    const columns = await host.run('list:columns', { repo, worktrees: [worktree] }, context);
    expect(calls).toEqual(['builtin']);
    expect(columns).toEqual([
      {
        plugin: 'recorder',
        result: { key: 'recorder', header: 'REC', values: { [worktree.path]: 'rec:feat' } },
      },
    ]);
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines[0]).toEqual({ hook: 'worktree:afterCreate', payload: { repo, worktree } });
  });

  it('names the plugin when a hook throws', async () => {
    const host = createPluginHost([], [testPluginPath('thrower')], { configDir: '/' });
    await expect(
      host.run('worktree:beforeRemove', { repo, worktree }, context),
    ).rejects.toMatchObject({
      code: 'ERR_PLUGIN',
      plugin: 'thrower',
      message: 'plugin thrower: worktree:beforeRemove failed: boom in worktree:beforeRemove',
    });
  });

  it('resolves relative paths from the config dir and reports missing plugins with exit 3', () => {
    const dir = join(testPluginPath('recorder'), '..');
    expect(resolvePlugin('./recorder.mjs', { configDir: dir })).toMatch(/recorder\.mjs$/);
    expect(() => resolvePlugin('./nope.mjs', { configDir: dir })).toThrow(/no file/);
    expect(() => resolvePlugin('@plumpots/no-such-plugin', { configDir: dir })).toThrow(
      expect.objectContaining({ exitCode: 3 }) as Error,
    );
  });

  it('resolves a package subpath through its exports map, walking up node_modules', () => {
    const root = tempDir().path;
    const pkg = join(root, 'node_modules', '@acme', 'tool');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({
        name: '@acme/tool',
        exports: { './plum-plugin': { import: './dist/p.js' } },
      }),
    );
    writeFileSync(join(pkg, 'dist', 'p.js'), 'export default { name: "p" };');
    const configDir = join(root, 'repo', 'deep');
    mkdirSync(configDir, { recursive: true });
    expect(resolvePlugin('@acme/tool/plum-plugin', { configDir })).toBe(
      pathToFileURL(join(pkg, 'dist', 'p.js')).href,
    );
  });

  it('finds a package through its command on PATH (another prefix, or a checkout bin linked into ~/.local/bin)', () => {
    const root = tempDir().path;
    const pkg = join(root, 'checkout', 'apps', 'tool');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({ name: '@acme/tool', exports: { './plum-plugin': './dist/p.js' } }),
    );
    writeFileSync(join(pkg, 'dist', 'bin.js'), '');
    writeFileSync(join(pkg, 'dist', 'p.js'), 'export default { name: "p" };');
    const bin = join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(join(pkg, 'dist', 'bin.js'), join(bin, 'tool'));
    const configDir = join(root, 'repo');
    mkdirSync(configDir);
    const path = process.env.PATH;
    try {
      process.env.PATH = '/nonexistent';
      expect(() => resolvePlugin('@acme/tool/plum-plugin', { configDir })).toThrow(/not installed/);
      process.env.PATH = `/nonexistent:${bin}`;
      expect(resolvePlugin('@acme/tool/plum-plugin', { configDir })).toBe(
        pathToFileURL(join(pkg, 'dist', 'p.js')).href,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
