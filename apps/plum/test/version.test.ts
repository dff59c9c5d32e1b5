// The built bin, run as a user would.
import { readFileSync } from 'node:fs';
import { runCli } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('plum bin', () => {
  it('prints its package version', async () => {
    const r = await runCli('plum', ['--version']);
    expect(r).toEqual({ exitCode: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('shows help', async () => {
    const r = await runCli('plum', ['--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: plum');
  });

  it('rejects an unknown flag with exit 2', async () => {
    const r = await runCli('plum', ['--no-such-flag']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
  });
});
