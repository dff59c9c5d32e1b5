// The start-up budget, checked by what can be counted (never by timings): git processes per command
// and which dependencies the bundled bin loads (bench/ measures the time).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { gitRepo, importedModules, runCli, spawnShim, tempDir } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';

// Dependencies no read-only command needs: config parsing and validation (only with a config
// file), the lock (changes only), hooks, globbing, prompts, spinners, plugin resolution.
const NOT_FOR_READING = [
  'zod',
  'cosmiconfig',
  'js-yaml',
  'proper-lockfile',
  'execa',
  'tinyglobby',
  'picomatch',
  '@inquirer/core',
  'yocto-spinner',
  'resolve.exports',
  'cli-table3', // the table layout: only a table needs it, never --json
];

function fixture() {
  const repo = gitRepo();
  const worktrees = ['a', 'b', 'c'].map((name) => repo.worktree(name, { newBranch: true }));
  return { repo, worktrees };
}

describe('git processes', () => {
  it('plum list --no-status: 1, from the main worktree and from a linked one', async () => {
    const { repo, worktrees } = fixture();
    for (const cwd of [repo.path, worktrees[1]!]) {
      const shim = spawnShim();
      const r = await runCli('plum', ['list', '--json', '--no-status'], {
        cwd,
        env: { ...repo.env, PATH: shim.path },
      });
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveLength(4);
      expect(shim.count('git')).toBe(1);
    }
  });

  it('plum list: 1 + one status per worktree; plum path: 1', async () => {
    const { repo } = fixture();
    const shim = spawnShim();
    const env = { ...repo.env, PATH: shim.path };
    expect((await runCli('plum', ['list', '--json'], { cwd: repo.path, env })).exitCode).toBe(0);
    expect(shim.count('git')).toBe(1 + 4);
    shim.reset();
    const path = await runCli('plum', ['path', 'b'], { cwd: repo.path, env });
    expect(path.stdout.trim()).toMatch(/b$/);
    expect(shim.count('git')).toBe(1);
  });
});

describe('what the bin loads', () => {
  it('--version: nothing but its own version, not even the bundle (the CommonJS launcher answers)', async () => {
    const r = await importedModules('plum', ['--version']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
    // The hook does see the bundle when it loads: the list test below finds commander in it.
    expect(r.files).toEqual([]);
    expect([...r.packages]).toEqual([]);
  });

  it('list --json: commander and core, none of the heavy dependencies', async () => {
    const { repo } = fixture();
    const r = await importedModules('plum', ['list', '--json'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(0);
    expect(r.packages.has('commander')).toBe(true); // the check itself sees inlined packages
    expect(NOT_FOR_READING.filter((name) => r.packages.has(name))).toEqual([]);
  });

  it('list as a table: the table layout loads (the check above can fail)', async () => {
    const { repo } = fixture();
    const r = await importedModules('plum', ['list'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(0);
    expect(r.packages.has('cli-table3')).toBe(true);
  });

  it('path <name> into a pipe: the fast path, without commander; errors go through the CLI', async () => {
    const { repo, worktrees } = fixture();
    const r = await importedModules('plum', ['path', 'a'], { cwd: repo.path, env: repo.env });
    expect([r.exitCode, r.stdout]).toEqual([0, `${worktrees[0]}\n`]);
    expect(r.files.some((file) => file.includes('/dist/fast-path/'))).toBe(true);
    expect(r.packages.has('commander')).toBe(false);
    expect(NOT_FOR_READING.filter((name) => r.packages.has(name))).toEqual([]);
    const miss = await importedModules('plum', ['path', 'nope'], { cwd: repo.path, env: repo.env });
    expect([miss.exitCode, miss.stderr]).toEqual([3, expect.stringContaining('no worktree named')]);
    expect(miss.packages.has('commander')).toBe(true);
  });

  it('a config file brings in the parser and validator once; then the cache serves it', async () => {
    const { repo } = fixture();
    const run = () =>
      importedModules('plum', ['list', '--json'], { cwd: repo.path, env: repo.env });
    const trio = (packages: Set<string>) =>
      ['zod', 'cosmiconfig', 'js-yaml'].filter((name) => packages.has(name));
    writeFileSync(join(repo.path, '.plumrc.yaml'), 'worktrees:\n  copy: [".env.local"]\n');
    const first = await run();
    expect([first.exitCode, trio(first.packages)]).toEqual([0, ['zod', 'cosmiconfig', 'js-yaml']]);
    const second = await run();
    expect([second.exitCode, trio(second.packages)]).toEqual([0, []]);
    writeFileSync(join(repo.path, '.plumrc.yaml'), 'worktrees:\n  copy: [".env.other"]\n');
    const edited = await run();
    expect(trio(edited.packages)).toEqual(['zod', 'cosmiconfig', 'js-yaml']);
  });
});

// Node >= 22.1 keeps compiled bytecode between runs (module.enableCompileCache); Node's default
// directory is the temp dir, where it would be left behind, so both bins put it under the XDG cache.
describe("Node's compile cache", () => {
  const hasCache =
    typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  it(`${hasCache ? 'is written under $XDG_CACHE_HOME' : 'is not written (this Node has none)'}, never into the temp dir`, async () => {
    const { repo } = fixture();
    const tmp = tempDir('cc-tmp-').path;
    const env = { ...repo.env, TMPDIR: tmp }; // cleanEnv drops the caller's NODE_COMPILE_CACHE
    const cache = join(repo.env.XDG_CACHE_HOME!, 'plumpots', 'compile-cache');
    for (const [bin, args] of [
      ['plum', ['list', '--json']],
      ['pots', ['--help']],
    ] as const) {
      const r = await runCli(bin, [...args], { cwd: repo.path, env });
      expect(r.exitCode, r.stderr).toBe(0);
    }
    if (hasCache) {
      expect(readdirSync(cache, { recursive: true }).length).toBeGreaterThan(0);
    } else {
      expect(existsSync(cache)).toBe(false);
    }
    expect(readdirSync(tmp)).toEqual([]);
  });
});
