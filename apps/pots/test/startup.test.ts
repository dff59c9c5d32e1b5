// What the bundled pots bin loads (never timings; bench/ measures those): `--version` no
// dependency at all, `list --json` none of the heavy ones — the config parser and validator (no
// config file here), execa, the glob library, the lock, prompts, the table layout, the MCP SDK —
// and no command but `pots dash` (on a terminal) the dashboard's screen library. Only `pots mcp`
// loads the SDK.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, importedModules } from '@plumpots/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potsFixture, type PotsFixture } from './cli-helpers.js';

const HEAVY = [
  'zod',
  'cosmiconfig',
  'js-yaml',
  'execa',
  'tinyglobby',
  'picomatch',
  'proper-lockfile',
  '@clack/prompts',
  'yocto-spinner',
  'resolve.exports',
  'cli-table3', // the table layout: only a table needs it, never --json
  '@modelcontextprotocol/server',
  '@modelcontextprotocol/core',
];

const MCP_SDK = ['@modelcontextprotocol/server', '@modelcontextprotocol/core'];

/** The dashboard's screen: ink, React and what they bring. */
const TUI = ['ink', 'react', 'react-reconciler', 'scheduler', 'yoga-layout', 'chalk', 'es-toolkit'];

let f: PotsFixture;
beforeAll(() => {
  f = potsFixture();
});
afterAll(() => f.done());

describe('what the pots bin loads', () => {
  it('--version: no dependency, not even the bundle (the CommonJS launcher answers)', async () => {
    const r = await importedModules('pots', ['--version'], { env: f.env });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
    // The hook does see the bundle when it loads: the list test below finds commander in it.
    expect(r.files).toEqual([]);
    expect([...r.packages]).toEqual([]);
  });

  it('list --json: commander, none of the heavy dependencies', async () => {
    await f.ok(['create', 'main', 'dev']);
    const r = await importedModules('pots', ['list', '--json'], {
      cwd: f.repo.path,
      env: f.env,
    });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(r.packages.has('commander')).toBe(true);
    expect(HEAVY.filter((name) => r.packages.has(name))).toEqual([]);
  });

  it('list as a table: the table layout loads (the check above can fail)', async () => {
    const r = await importedModules('pots', ['list'], { cwd: f.repo.path, env: f.env });
    expect(r.exitCode).toBe(0);
    expect(r.packages.has('cli-table3')).toBe(true);
  });

  it('mcp --print-config: not the MCP SDK', async () => {
    const r = await importedModules('pots', ['mcp', '--print-config', 'codex'], {
      cwd: f.repo.path,
      env: f.env,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('[mcp_servers.pots]');
    expect(MCP_SDK.filter((name) => r.packages.has(name))).toEqual([]);
  });

  it('mcp: the MCP SDK, and it ends when its client closes stdin', async () => {
    // stdin is /dev/null: the client is gone at once, and the server exits 0.
    const r = await importedModules('pots', ['mcp'], { cwd: f.repo.path, env: f.env });
    expect(r.exitCode).toBe(0);
    expect(MCP_SDK.filter((name) => r.packages.has(name))).toEqual(MCP_SDK);
  });

  it('only `pots dash` on a terminal loads the screen library (ink, React, yoga)', async () => {
    // The screen is its own build (dist/dash/): it inlines ink — the positive control, the hook
    // would see it if loaded — and no chunk of the bin's own build does.
    const dist = join(binPath('pots'), '..', '..', 'dist');
    const inks = (dir: string) =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.js'))
        .filter((name) =>
          readFileSync(join(dir, name), 'utf8').includes('node_modules/.pnpm/ink@'),
        );
    expect(inks(join(dist, 'dash')).length).toBeGreaterThan(0);
    expect(inks(dist)).toEqual([]);
    const inlined = inks(join(dist, 'dash'));

    for (const args of [['--version'], ['list', '--json'], ['ps', '--json'], ['--help']]) {
      const r = await importedModules('pots', args, { cwd: f.repo.path, env: f.env });
      expect(r.exitCode, `pots ${args.join(' ')}`).toBe(0);
      expect(
        TUI.filter((name) => r.packages.has(name)),
        `pots ${args.join(' ')}`,
      ).toEqual([]);
      expect(r.files.filter((file) => file.includes('/dist/dash/'))).toEqual([]);
      expect(inlined.length).toBeGreaterThan(0);
    }
    // Without a terminal the dash command stops at its usage line, before importing the screen.
    const dash = await importedModules('pots', ['dash'], { cwd: f.repo.path, env: f.env });
    expect(dash.exitCode).toBe(2);
    expect(TUI.filter((name) => dash.packages.has(name))).toEqual([]);
  });
});
