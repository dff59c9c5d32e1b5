// `plum init`: a commented .plumrc.yaml that reads back as exactly the defaults, never clobbering.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlumError } from '@plumpots/core';
import { describeOrigins, loadConfig } from '@plumpots/core/config';
import { defaultConfig } from '@plumpots/core/config/schema';
import { gitRepo, runCli } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { openRepo } from '../src/api/context.js';
import { initConfig, renderInitFile } from '../src/api/init.js';

describe('initConfig', () => {
  it('writes .plumrc.yaml that parses back to exactly the defaults, setting every key', async () => {
    const repo = gitRepo();
    const { file, overwritten, others } = await initConfig(
      await openRepo({ cwd: repo.path, env: repo.env }),
    );
    expect(file).toBe(join(repo.path, '.plumrc.yaml'));
    expect({ overwritten, others }).toEqual({ overwritten: false, others: [] });

    const resolved = await loadConfig({ cwd: repo.path, repoRoot: repo.path, env: repo.env });
    expect(resolved.files.repo).toBe(file);
    expect(resolved.config).toEqual(defaultConfig());
    // Every leaf came from the file: no key was left for the defaults to fill in.
    expect(describeOrigins(resolved).filter((o) => o.source !== 'repo')).toEqual([]);
    // Comments explain the keys.
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# Where `plum create <branch>` puts the new worktree');
    expect(text).toContain('plum trust');
  });

  it('renders values from the config it is given', () => {
    const config = defaultConfig();
    config.pots.prefix = 'a "quoted": #prefix';
    expect(renderInitFile(config)).toContain('prefix: "a \\"quoted\\": #prefix"');
  });

  it('writes at the root of the current worktree, from a subdirectory or a linked worktree', async () => {
    const repo = gitRepo();
    const sub = join(repo.path, 'src', 'deep');
    mkdirSync(sub, { recursive: true });
    expect((await initConfig(await openRepo({ cwd: sub, env: repo.env }))).file).toBe(
      join(repo.path, '.plumrc.yaml'),
    );
    const linked = repo.worktree('feat', { newBranch: true });
    expect((await initConfig(await openRepo({ cwd: linked, env: repo.env }))).file).toBe(
      join(linked, '.plumrc.yaml'),
    );
  });

  it('refuses (exit 4) when another plum config is there; --force writes and reports it', async () => {
    const repo = gitRepo();
    repo.write('.plumrc.json', '{}');
    const ctx = await openRepo({ cwd: repo.path, env: repo.env });
    const error = await initConfig(ctx).catch((e: unknown) => e);
    expect(isPlumError(error) && error.exitCode).toBe(4);
    expect(isPlumError(error) && error.details).toEqual([join(repo.path, '.plumrc.json')]);

    const forced = await initConfig(ctx, { force: true });
    expect(forced.others).toEqual([join(repo.path, '.plumrc.json')]);
  });

  it('ignores a package.json without a "plum" key', async () => {
    const repo = gitRepo();
    repo.write('package.json', '{"name":"x"}');
    const { file } = await initConfig(await openRepo({ cwd: repo.path, env: repo.env }));
    expect(file).toBe(join(repo.path, '.plumrc.yaml'));
  });
});

describe('plum init (built bin)', () => {
  it('prints the path, refuses a second time (exit 4, file kept), --force restores the defaults', async () => {
    const repo = gitRepo();
    const run = (...args: string[]) => runCli('plum', args, { cwd: repo.path, env: repo.env });
    const file = join(repo.path, '.plumrc.yaml');

    const first = await run('init');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toBe(`${file}\n`);
    const written = readFileSync(file, 'utf8');

    writeFileSync(file, 'pots:\n  prefix: mine-\n');
    const second = await run('init');
    expect(second.exitCode).toBe(4);
    expect(second.stderr).toContain('a plum config already exists');
    expect(second.stderr).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('pots:\n  prefix: mine-\n');

    const forced = await run('init', '--force', '--json');
    expect(forced.exitCode).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({ file, overwritten: true, others: [] });
    expect(readFileSync(file, 'utf8')).toBe(written);
  });
});
