// Installing as a user does: `pnpm run install-global --prefix <dir>` packs core, plum and pots with
// pnpm and installs the three tarballs with `npm install --global`, into a temporary prefix, with
// its own HOME and npm cache. Then, in a scratch repository and from that prefix only, the main
// flow: `plum create x`, `pots open x`, `plum list` (the session column comes from the pots plugin,
// found by its package name), `plum remove x`. npm fetches the third-party dependencies (commander,
// zod, execa…) from the registry — only @plumpots/* come from the tarballs — so this test skips,
// saying why, when the registry cannot be reached.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gitRepo, tempDir, tmuxServer } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A hermetic npm: its own HOME, cache and user config; no update notice, funding or audit. */
function npmEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(npm_config_|NPM_CONFIG_|GIT_|TMUX|POTS_|PLUM_)/.test(key)) {
      env[key] = value;
    }
  }
  mkdirSync(join(dir, 'home'), { recursive: true });
  writeFileSync(join(dir, 'npmrc'), '');
  return {
    ...env,
    HOME: join(dir, 'home'),
    npm_config_cache: join(dir, 'npm-cache'),
    npm_config_userconfig: join(dir, 'npmrc'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

// Reachability, asked once of npm itself (its registry setting, its proxy), before any test runs.
const probe = tempDir('pi-');
const ping = spawnSync('npm', ['ping'], {
  env: npmEnv(probe.path),
  encoding: 'utf8',
  timeout: 60_000,
});
probe.cleanup();
const registryDown =
  ping.status === 0 ? '' : `npm cannot reach its registry (${ping.stderr.trim().split('\n')[0]})`;
// The reason is in the suite's name, which vitest prints for a skipped suite too.
const title = `pnpm run install-global --prefix <dir>${registryDown ? ` (skipped: ${registryDown})` : ''}`;

describe.skipIf(registryDown !== '')(title, () => {
  it('installs plum and pots, plugin included; the main flow runs from the prefix alone', () => {
    const dir = tempDir('pi-').path;
    const prefix = join(dir, 'prefix');
    const env = npmEnv(dir);
    const install = spawnSync(
      process.execPath,
      [join(root, 'scripts/install-global.mjs'), '--prefix', prefix],
      { cwd: root, env, encoding: 'utf8', timeout: 600_000 },
    );
    expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
    expect(install.stdout).toContain(`plum and pots installed in ${join(prefix, 'bin')}`);

    // Each package: its README and LICENSE, its dist, no source maps, no sources, no tests.
    const modules = join(prefix, 'lib/node_modules/@plumpots');
    expect(readdirSync(modules).sort()).toEqual(['core', 'plum', 'pots']);
    for (const name of ['core', 'plum', 'pots']) {
      const files = readdirSync(join(modules, name), { recursive: true })
        .map(String)
        .filter((file) => !file.startsWith('node_modules'));
      expect(files, name).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
      expect(readFileSync(join(modules, name, 'README.md'), 'utf8')).toContain(`@plumpots/${name}`);
      expect(
        files.filter((file) => /\.map$|^src\/|^test\//.test(file)),
        name,
      ).toEqual([]);
      // bin/ holds the CommonJS launcher and nothing else.
      expect(files.filter((file) => file.startsWith('bin/'))).toEqual(
        name === 'core' ? [] : [`bin/${name}.cjs`],
      );
      const manifest = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as {
        repository: { url: string };
        keywords: string[];
        dependencies?: Record<string, string>;
      };
      expect(manifest).toMatchObject({ license: 'MIT', engines: { node: '>=20.19' } });
      expect(manifest.repository.url).toMatch(/^git\+https:/);
      expect(manifest.keywords.length).toBeGreaterThan(0);
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
    }

    // A user's shell: the prefix's bin first; the checkout's bins appear nowhere.
    const repo = gitRepo();
    const server = tmuxServer();
    try {
      const bin = join(prefix, 'bin');
      const user: Record<string, string> = {
        ...env,
        ...repo.env,
        ...server.env,
        HOME: repo.env.HOME!,
        POTS_TMUX_SOCKET_NAME: server.socketName,
        PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
        NO_COLOR: '1',
      };
      mkdirSync(join(user.XDG_CONFIG_HOME!, 'plum'), { recursive: true });
      writeFileSync(
        join(user.XDG_CONFIG_HOME!, 'plum', 'config.yaml'),
        "plugins: ['@plumpots/pots/plum-plugin']\n",
      );
      // By name, found on PATH as a shell finds it.
      const run = (command: string, args: string[]) => {
        const result = spawnSync(command, args, {
          cwd: repo.path,
          env: user,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 60_000,
        });
        expect(result.status, `${command} ${args.join(' ')}: ${result.stderr}`).toBe(0);
        return result;
      };
      const which = run('sh', ['-c', 'command -v plum; command -v pots']);
      expect(which.stdout.trimEnd().split('\n')).toEqual([join(bin, 'plum'), join(bin, 'pots')]);

      // --version comes from the launcher, which reads the installed package's own manifest.
      const version = (name: string) =>
        (
          JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as {
            version: string;
          }
        ).version;
      expect(run('plum', ['--version']).stdout).toBe(`${version('plum')}\n`);
      expect(run('pots', ['-V']).stdout).toBe(`${version('pots')}\n`);

      const created = run('plum', ['create', 'x']);
      const path = created.stdout.trim();
      expect(existsSync(path)).toBe(true);
      const opened = run('pots', ['open', 'x', '--json']);
      const session = (JSON.parse(opened.stdout) as { unit: { session: string } }).unit.session;
      expect(server.tmux(['list-sessions', '-F', '#{session_name}'])).toContain(session);

      const doctor = run('plum', ['doctor']);
      expect(doctor.stdout).toMatch(/plugin @plumpots\/pots\/plum-plugin loaded/);
      const listed = run('plum', ['list']);
      const [header, ...rows] = listed.stdout.trimEnd().split('\n');
      expect(header).toMatch(/\bSESSION\b/);
      expect(rows.find((row) => /^\s+x\s/.test(row))).toContain(session);

      run('plum', ['remove', 'x']);
      expect(existsSync(path)).toBe(false);
      const units = run('pots', ['list', '--json']);
      expect(units.stdout).not.toContain(`"${session}"`);
    } finally {
      server.kill();
      repo.cleanup();
    }
  }, 900_000);
});

describe('pnpm run install-global, failing', () => {
  it('exits with its code and one line, and leaves no packing dir in the temp dir', () => {
    const dir = tempDir('pi-').path;
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    // No pnpm to be found: the script fails at its first `pnpm pack`, after making its packing dir.
    const env: Record<string, string> = { ...npmEnv(dir), TMPDIR: tmp, PATH: join(dir, 'no-bin') };
    delete env.npm_execpath;
    const install = spawnSync(
      process.execPath,
      [join(root, 'scripts/install-global.mjs'), '--prefix', join(dir, 'prefix')],
      { cwd: root, env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(install.status, install.stderr).toBe(5);
    expect(install.stderr).toBe('✗ pnpm is not installed (it is needed here)\n');
    expect(install.stdout).toBe('packing packages/core\n');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
