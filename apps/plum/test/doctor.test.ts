// `plum doctor`: every check has a status and, when not ok, a fix; exit 0 / 1 / 5.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitRepo, runCli, tempDir, testPluginPath, type GitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { openRepo } from '../src/api/context.js';
import { runDoctor, type DoctorCheck, type DoctorReport } from '../src/api/doctor.js';
import { approve } from '../src/api/trust.js';
import { binDir, runShell } from './shell-helpers.js';

function writeUser(repo: GitRepo, text: string): string {
  const file = join(repo.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const byId = (report: DoctorReport) =>
  Object.fromEntries(report.checks.map((check) => [check.id, check])) as Record<
    string,
    DoctorCheck
  >;

describe('runDoctor', () => {
  it('all ok in a fresh repository', async () => {
    const repo = gitRepo();
    const env = { ...repo.env, PLUM_SHELL_INTEGRATION: 'bash', PLUM_COMPLETION: 'bash' };
    const report = await runDoctor({ cwd: repo.path, env });
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['git', 'ok'],
      ['repo', 'ok'],
      ['config', 'ok'],
      ['config-files', 'ok'],
      ['trust', 'ok'],
      ['state-dir', 'ok'],
      ['shell-integration', 'ok'],
      ['completions', 'ok'],
    ]);
    expect(byId(report)['config-files']!.message).toBe('no config files: using the defaults');
    expect(report.checks.every((c) => c.fix === undefined)).toBe(true);
  });

  it('warns outside a repository and still checks the user config', async () => {
    const dir = tempDir().path;
    const repo = gitRepo(); // for its hermetic env
    const user = writeUser(repo, 'pots:\n  prefix: x-\n');
    const report = await runDoctor({ cwd: dir, env: repo.env });
    expect(report.ok).toBe(true);
    const checks = byId(report);
    expect(checks.repo).toMatchObject({
      status: 'warn',
      fix: expect.stringContaining('-C') as unknown,
    });
    expect(checks['config-files']!.message).toContain(user);
    expect(checks.trust!.status).toBe('ok');
  });

  it('fails on an invalid config, naming the file and key path', async () => {
    const repo = gitRepo();
    repo.write('.plumrc.yaml', 'hooks:\n  postCreate: "pnpm install"\n');
    const report = await runDoctor({ cwd: repo.path, env: repo.env });
    expect(report.ok).toBe(false);
    const config = byId(report).config!;
    expect(config.status).toBe('fail');
    expect(config.message).toContain(join(repo.path, '.plumrc.yaml'));
    expect(config.message).toContain('hooks.postCreate');
    expect(config.fix).toBeTruthy();
  });

  it('loads each plugin on its own and names the one that fails', async () => {
    const repo = gitRepo();
    const user = writeUser(
      repo,
      `plugins: [${JSON.stringify(testPluginPath('recorder'))}, "./broken.mjs", "plum-no-such-plugin"]\n`,
    );
    writeFileSync(join(dirname(user), 'broken.mjs'), "throw new Error('kaboom at import');\n");
    const report = await runDoctor({ cwd: repo.path, env: repo.env });
    expect(report.ok).toBe(false);
    const checks = byId(report);
    expect(checks[`plugin:${testPluginPath('recorder')}`]!.status).toBe('ok');
    expect(checks['plugin:./broken.mjs']).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/\.\/broken\.mjs.*kaboom at import/) as unknown,
      fix: expect.any(String) as unknown,
    });
    expect(checks['plugin:plum-no-such-plugin']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('plum-no-such-plugin') as unknown,
    });
  });

  it("does not import an untrusted repository's plugin; after approval it does", async () => {
    const repo = gitRepo();
    const sentinel = join(repo.root, 'plugin-imported');
    repo.write('.plumrc.yaml', 'plugins: ["./tools/plugin.mjs"]\n');
    repo.write(
      'tools/plugin.mjs',
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(sentinel)}, '');\nexport default { name: 'repo-plugin' };\n`,
    );
    const before = await runDoctor({ cwd: repo.path, env: repo.env });
    expect(before.ok).toBe(true);
    expect(byId(before)['plugin:./tools/plugin.mjs']).toMatchObject({ status: 'warn' });
    expect(byId(before).trust).toMatchObject({
      status: 'warn',
      fix: 'review them, then run: plum trust',
    });
    expect(existsSync(sentinel)).toBe(false);

    await approve(await openRepo({ cwd: repo.path, env: repo.env }));
    const after = await runDoctor({ cwd: repo.path, env: repo.env });
    expect(byId(after)['plugin:./tools/plugin.mjs']).toMatchObject({ status: 'ok' });
    expect(byId(after).trust!.status).toBe('ok');
    expect(existsSync(sentinel)).toBe(true);
  });

  it('fails when the state dir cannot be written', async () => {
    const repo = gitRepo();
    const file = join(repo.root, 'not-a-dir');
    writeFileSync(file, '');
    const report = await runDoctor({ cwd: repo.path, env: { ...repo.env, XDG_STATE_HOME: file } });
    expect(byId(report)['state-dir']).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('XDG_STATE_HOME') as unknown,
    });
    expect(report.ok).toBe(false);
  });
});

describe('runDoctor: shell integration and completions', () => {
  it("warn (not fail) with the one-liner for the user's shell", async () => {
    const repo = gitRepo();
    const zsh = await runDoctor({ cwd: repo.path, env: { ...repo.env, SHELL: '/usr/bin/zsh' } });
    expect(zsh.ok).toBe(true);
    expect(byId(zsh)['shell-integration']).toEqual({
      id: 'shell-integration',
      status: 'warn',
      message: 'not loaded in this shell: plum cd and plum create --cd only print the path',
      fix: 'add eval "$(plum shell-init zsh)" to ~/.zshrc, then open a new shell',
    });
    expect(byId(zsh).completions).toMatchObject({
      status: 'warn',
      fix: 'add eval "$(plum completion zsh)" to ~/.zshrc (after compinit)',
    });
    const fish = await runDoctor({ cwd: repo.path, env: { ...repo.env, SHELL: '/usr/bin/fish' } });
    expect(byId(fish)['shell-integration']!.fix).toBe(
      'add plum shell-init fish | source to ~/.config/fish/config.fish, then open a new shell',
    );
    expect(byId(fish).completions!.fix).toBe(
      'plum completion fish > ~/.config/fish/completions/plum.fish',
    );
    const unknown = await runDoctor({ cwd: repo.path, env: { ...repo.env, SHELL: '/bin/tcsh' } });
    expect(byId(unknown).completions!.fix).toContain('plum completion bash|zsh|fish');
  });

  it('finds a completion file where the shell autoloads it', async () => {
    const repo = gitRepo();
    const bash = join(repo.env.XDG_DATA_HOME!, 'bash-completion', 'completions', 'plum');
    mkdirSync(dirname(bash), { recursive: true });
    writeFileSync(bash, '# plum completion\n');
    const report = await runDoctor({ cwd: repo.path, env: { ...repo.env, SHELL: '/bin/bash' } });
    expect(byId(report).completions).toEqual({
      id: 'completions',
      status: 'ok',
      message: `installed (${bash})`,
    });
    const fish = join(repo.env.XDG_CONFIG_HOME!, 'fish', 'completions', 'plum.fish');
    mkdirSync(dirname(fish), { recursive: true });
    writeFileSync(fish, '# plum completion\n');
    const fishReport = await runDoctor({
      cwd: repo.path,
      env: { ...repo.env, SHELL: '/usr/bin/fish' },
    });
    expect(byId(fishReport).completions!.message).toBe(`installed (${fish})`);
  });

  it('sees both once a real bash loaded them', async () => {
    const repo = gitRepo();
    const r = await runShell(
      'bash',
      'eval "$(plum shell-init bash)"; eval "$(plum completion bash)"; plum doctor --json',
      { cwd: repo.path, env: { ...repo.env, PATH: `${binDir()}:${process.env.PATH ?? ''}` } },
    );
    expect(r.exitCode).toBe(0);
    const checks = byId(JSON.parse(r.stdout) as DoctorReport);
    expect(checks['shell-integration']).toMatchObject({
      status: 'ok',
      message: expect.stringContaining('loaded (bash)') as unknown,
    });
    expect(checks.completions).toEqual({
      id: 'completions',
      status: 'ok',
      message: 'installed (PLUM_COMPLETION=bash)',
    });
  });
});

describe('plum doctor (built bin)', () => {
  it('--json shape and exit 0; a failing check exits 1 and is named', async () => {
    const repo = gitRepo();
    const ok = await runCli('plum', ['doctor', '--json'], { cwd: repo.path, env: repo.env });
    expect(ok.exitCode).toBe(0);
    const report = JSON.parse(ok.stdout) as DoctorReport;
    expect(Object.keys(report)).toEqual(['ok', 'checks']);
    expect(report.ok).toBe(true);
    for (const check of report.checks) {
      expect(Object.keys(check).every((k) => ['id', 'status', 'message', 'fix'].includes(k))).toBe(
        true,
      );
      expect(['ok', 'warn', 'fail']).toContain(check.status);
    }

    writeUser(repo, 'plugins: ["plum-no-such-plugin"]\n');
    const bad = await runCli('plum', ['doctor', '--json'], { cwd: repo.path, env: repo.env });
    expect(bad.exitCode).toBe(1);
    const failed = (JSON.parse(bad.stdout) as DoctorReport).checks.filter(
      (c) => c.status === 'fail',
    );
    expect(failed.map((c) => c.id)).toEqual(['plugin:plum-no-such-plugin']);
    expect(bad.stderr).toContain('plugin:plum-no-such-plugin');

    const human = await runCli('plum', ['doctor'], { cwd: repo.path, env: repo.env });
    expect(human.exitCode).toBe(1);
    expect(human.stdout).toMatch(/FAIL\s+plugin:plum-no-such-plugin\s+.*fix:/);
  });

  it('exits 5 when git is missing or too old', async () => {
    const repo = gitRepo();
    const bin = join(repo.root, 'fakebin');
    mkdirSync(bin);
    const missing = await runCli('plum', ['doctor', '--json'], {
      cwd: repo.path,
      env: { ...repo.env, PATH: bin },
    });
    expect(missing.exitCode).toBe(5);
    expect(byId(JSON.parse(missing.stdout) as DoctorReport).git).toMatchObject({
      status: 'fail',
      fix: 'install git >= 2.36 and put it on PATH',
    });

    writeFileSync(join(bin, 'git'), '#!/bin/sh\necho "git version 2.30.1"\n');
    chmodSync(join(bin, 'git'), 0o755);
    const old = await runCli('plum', ['doctor'], {
      cwd: repo.path,
      env: { ...repo.env, PATH: bin },
    });
    expect(old.exitCode).toBe(5);
    expect(old.stdout).toContain('git 2.30.1 is too old');
  });
});
