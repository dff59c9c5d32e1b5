// `pots doctor`'s completions check: loaded in the user's shell (the script exports
// POTS_COMPLETION) or saved where the shell autoloads it is ok; else a warning whose fix is the
// line for the user's shell. A warning never fails doctor; the other checks (data-dir…) stay.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { binDir, runShell } from '@plumpots/test-fixtures';
import { afterAll, describe, expect, it } from 'vitest';
import { potsFixture } from './cli-helpers.js';

interface Report {
  ok: boolean;
  checks: Array<{ id: string; status: string; message: string; fix?: string }>;
}

const f = potsFixture();
afterAll(() => f.done());

const completions = async (env: Record<string, string>) => {
  const report = await f.json<Report>(['doctor', '--json'], { env });
  expect(report.ok).toBe(true);
  return report.checks.find((check) => check.id === 'completions');
};

describe('pots doctor: completions', () => {
  it('warns when not loaded, with the fix for the shell in $SHELL', async () => {
    const report = await f.json<Report>(['doctor', '--json'], { env: { SHELL: '/bin/bash' } });
    expect(report.ok).toBe(true);
    expect(report.checks.map((check) => check.id)).toEqual([
      'tmux',
      'server',
      'config',
      'plum',
      'data-dir',
      'completions',
    ]);
    expect(report.checks.at(-1)).toEqual({
      id: 'completions',
      status: 'warn',
      message: 'not installed: TAB does not complete pots commands, sessions, panes and templates',
      fix: 'add eval "$(pots completion bash)" to ~/.bashrc',
    });
    expect((await completions({ SHELL: '/usr/bin/zsh' }))?.fix).toBe(
      'add eval "$(pots completion zsh)" to ~/.zshrc (after compinit)',
    );
    expect((await completions({ SHELL: '/usr/bin/fish' }))?.fix).toBe(
      'pots completion fish > ~/.config/fish/completions/pots.fish',
    );
    expect((await completions({ SHELL: '/bin/tcsh' }))?.fix).toBe(
      "load the output of pots completion bash|zsh|fish in your shell's start-up file",
    );
  });

  it('ok once the script is loaded, or saved where the shell finds it', async () => {
    expect(await completions({ POTS_COMPLETION: 'zsh' })).toEqual({
      id: 'completions',
      status: 'ok',
      message: 'installed (POTS_COMPLETION=zsh)',
    });
    const file = join(f.env.XDG_DATA_HOME!, 'bash-completion', 'completions', 'pots');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    try {
      expect(await completions({ SHELL: '/bin/bash' })).toMatchObject({
        status: 'ok',
        message: `installed (${file})`,
      });
    } finally {
      rmSync(file);
    }
  });

  it('a real bash that loaded the script passes', async () => {
    const r = await runShell('bash', 'eval "$(pots completion bash)" && pots doctor --json', {
      cwd: f.repo.path,
      env: { ...f.env, SHELL: '/bin/tcsh', PATH: binDir(['tmux', 'git']) },
    });
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.checks.find((check) => check.id === 'completions')?.status).toBe('ok');
  });

  it('the table shows the fix next to the warning', async () => {
    const r = await f.pots(['doctor'], { env: { SHELL: '/bin/bash' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /warn +completions +not installed: .* — fix: add eval "\$\(pots completion bash\)" to ~\/\.bashrc/,
    );
    expect(r.stdout).toMatch(/ok +data-dir +/);
  });
});
