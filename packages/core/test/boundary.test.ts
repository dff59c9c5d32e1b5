// The process boundary (@plumpots/core/cli), run as a real child process against the built package.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lib = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const cli = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));

function runScript(body: string, options: { interruptAfter?: string } = {}) {
  // The boundary is @plumpots/core/cli's; the errors it prints are the main entry's.
  const script = `import * as lib from ${JSON.stringify(lib)}; import * as cli from ${JSON.stringify(cli)}; const core = { ...lib, ...cli }; ${body}`;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so "Ctrl-C" can reach the whole group
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (options.interruptAfter && stdout.includes(options.interruptAfter))
        process.kill(-child.pid!, 'SIGINT');
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('runBoundary', () => {
  it('prints ✗ message, details and hint once, and exits with the error code', async () => {
    const r = await runScript(
      `await core.runBoundary(async () => { throw new core.RefusedError('ERR_DIRTY', 'worktree feat has uncommitted changes', { hint: 'commit them, or pass --force', details: ['M a.txt'] }); });`,
    );
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '✗ worktree feat has uncommitted changes\n  M a.txt\n  hint: commit them, or pass --force\n',
    );
  });

  it('exits 0 with what main returned, and 1 for unexpected errors', async () => {
    expect(
      (await runScript(`await core.runBoundary(async () => { process.stdout.write('ok'); });`))
        .code,
    ).toBe(0);
    const r = await runScript(
      `await core.runBoundary(async () => { throw new TypeError('oops'); });`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✗ unexpected error: oops');
  });

  it('on SIGINT waits for the running child, lets main roll back, then exits 130', async () => {
    const r = await runScript(
      `await core.runBoundary(async (signal) => {
        const pending = core.runProcess('sleep', ['5']);
        process.stdout.write('started\\n');
        await pending;
        if (signal.aborted) { process.stdout.write('rolled back\\n'); throw new core.InterruptedError(); }
      });`,
      { interruptAfter: 'started' },
    );
    expect(r.code).toBe(130);
    expect(r.stdout).toContain('rolled back');
  });
});
