// What the bundled pots bin loads (never timings; bench/ measures those): `--version` no
// dependency at all, `list --json` none of the heavy ones — the config parser and validator (no
// config file here), execa, the glob library, the lock, prompts, the table layout, the MCP SDK.
// Only `pots mcp` loads the SDK.
import { importedModules } from '@plumpots/test-fixtures';
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

let f: PotsFixture;
beforeAll(() => {
  f = potsFixture();
});
afterAll(() => f.done());

describe('what the pots bin loads', () => {
  it('--version: no dependency', async () => {
    const r = await importedModules('pots', ['--version'], { env: f.env });
    expect(r.exitCode).toBe(0);
    expect(r.files.length).toBeGreaterThan(0); // the hook saw the bin's own files
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
});
