import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, onSpawn, runProcess } from '../src/index.js';

describe('runProcess', () => {
  it('returns output and exit code without throwing on failure', async () => {
    const r = await runProcess('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toMatchObject({ stdout: 'out\n', stderr: 'err\n', exitCode: 3, signal: null });
  });

  it('passes arguments without a shell', async () => {
    const hostile = '$(touch pwned); `id` "q" \'s\' #(x) ;';
    const r = await runProcess('printf', ['%s', hostile]);
    expect(r.stdout).toBe(hostile);
  });

  it('feeds stdin', async () => {
    expect((await runProcess('cat', [], { input: 'a\nb' })).stdout).toBe('a\nb');
  });

  it('reports a missing program as exit 5 and a missing cwd as such', async () => {
    await expect(runProcess('no-such-program-plumpots', [])).rejects.toMatchObject({
      exitCode: 5,
      code: 'ERR_DEPENDENCY_MISSING',
    });
    const gone = mkdtempSync(join(tmpdir(), 'pp-gone-'));
    rmSync(gone, { recursive: true });
    await expect(runProcess('git', ['status'], { cwd: gone })).rejects.toMatchObject({
      code: 'ERR_CWD_MISSING',
    });
  });

  it('lets observers count spawns', async () => {
    const seen: string[][] = [];
    const off = onSpawn((argv) => seen.push([...argv]));
    await runProcess('true', []);
    off();
    await runProcess('true', []);
    expect(seen).toEqual([['true']]);
  });
});

describe('git gateway', () => {
  it('turns a failure into a GitError keeping command, exit code and stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-nogit-'));
    try {
      await expect(git(dir).run(['rev-parse', 'HEAD'])).rejects.toMatchObject({
        exitCode: 1,
        command: ['git', 'rev-parse', 'HEAD'],
        commandExitCode: 128,
        stderr: expect.stringContaining('not a git repository') as unknown,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
