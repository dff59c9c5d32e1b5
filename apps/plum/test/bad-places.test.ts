// Errors that say what happened: a `.plumrc.yaml` that is a directory (exit 6, naming it), and a
// state directory plum cannot write (naming the file, what plum needed, the fix; exit 1).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitRepo, runCli } from '@plumpots/test-fixtures';
import { describe, expect, it, onTestFinished } from 'vitest';

const plum = (cwd: string, env: Record<string, string>, ...args: string[]) =>
  runCli('plum', args, { cwd, env });

/** `chattr +i` on `dir` (root on a filesystem that supports it); false when unavailable. */
function immutable(dir: string): boolean {
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
  } catch {
    return false;
  }
  onTestFinished(() => {
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
  });
  return true;
}

const root = process.getuid?.() === 0;

describe('a config name that is not a file', () => {
  it('.plumrc.yaml as a directory: exit 6 naming it; doctor reports it as a failed check', async () => {
    const repo = gitRepo();
    mkdirSync(join(repo.path, '.plumrc.yaml'));
    const said = `${join(repo.path, '.plumrc.yaml')} is a directory`;
    for (const args of [['list'], ['config'], ['create', 'feat']]) {
      const result = await plum(repo.path, repo.env, ...args);
      expect(result.exitCode, `${args.join(' ')}: ${result.stderr}`).toBe(6);
      expect(result.stderr).toContain(said);
    }
    const doctor = await plum(repo.path, repo.env, 'doctor');
    expect(doctor.exitCode).toBe(1); // doctor's own contract: 1 when a check fails
    expect(doctor.stdout + doctor.stderr).toContain(said);
    expect(doctor.stdout + doctor.stderr).not.toContain('no config files');
  });
});

describe('an unwritable state directory', () => {
  it('plum trust --yes names trust.json, what it was for and the fix; exit 1, nothing written', async (context) => {
    if (!root) context.skip('needs root for chattr +i');
    const repo = gitRepo();
    repo.write('.plumrc.yaml', 'hooks:\n  postCreate:\n    - "echo hi"\n');
    const state = join(repo.env.XDG_STATE_HOME!, 'plum');
    mkdirSync(state, { recursive: true });
    if (!immutable(state)) context.skip('chattr +i is not supported on this filesystem');
    const result = await plum(repo.path, repo.env, 'trust', '--yes');
    const file = join(state, 'trust.json');
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stderr).not.toContain('unexpected error');
    expect(result.stderr).toContain(`cannot write ${file}`);
    expect(result.stderr).toContain('record your approval');
    expect(result.stderr).toContain(`chmod u+w ${state}`);
    expect(existsSync(file)).toBe(false);
  });
});
