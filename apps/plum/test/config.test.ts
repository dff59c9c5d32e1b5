// `plum config`: the resolved config and where each value came from; bad config → exit 6.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gitRepo, runCli, type GitRepo } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import { openRepo } from '../src/api/context.js';
import { describeOrigin, renderConfigYaml, showConfig } from '../src/api/config.js';

function writeUser(repo: GitRepo, text: string): string {
  const file = join(repo.env.XDG_CONFIG_HOME!, 'plum', 'config.yaml');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** default / user / repo / env layers, each setting a different key. */
function layeredRepo() {
  const repo = gitRepo();
  const user = writeUser(repo, 'pots:\n  session: mine\n  defaultTask: from-user\n');
  repo.write(
    '.plumrc.yaml',
    'pots:\n  defaultTask: from-repo\nworktrees:\n  copy: [".env.local"]\n',
  );
  const env = { ...repo.env, POTS_SESSION_PREFIX: 'ci-' };
  return { repo, user, file: join(repo.path, '.plumrc.yaml'), env };
}

describe('showConfig', () => {
  it('reports each leaf with its origin: default, user, repo, env, flag', async () => {
    const { repo, user, file, env } = layeredRepo();
    const ctx = await openRepo({ cwd: repo.path, env, flags: { pots: { mode: 'window' } } });
    const report = await showConfig(ctx);
    const origin = (key: string) => report.origins.find((o) => o.key === key);

    expect(origin('pots.idleSeconds')).toEqual({
      key: 'pots.idleSeconds',
      value: 30,
      source: 'default',
    });
    expect(origin('pots.session')).toEqual({
      key: 'pots.session',
      value: 'mine',
      source: 'user',
      file: user,
    });
    expect(origin('pots.defaultTask')).toEqual({
      key: 'pots.defaultTask',
      value: 'from-repo',
      source: 'repo',
      file,
    });
    expect(origin('worktrees.copy')).toMatchObject({ value: ['.env.local'], source: 'repo' });
    expect(origin('pots.prefix')).toEqual({
      key: 'pots.prefix',
      value: 'ci-',
      source: 'env',
      variable: 'POTS_SESSION_PREFIX',
    });
    expect(origin('pots.mode')).toEqual({ key: 'pots.mode', value: 'window', source: 'flag' });
    expect(report.files).toEqual({ user, repo: file });
    expect(report.codeFile).toBeNull();
  });

  it('describes origins as the human table shows them', () => {
    expect(describeOrigin({ source: 'default' })).toBe('default');
    expect(describeOrigin({ source: 'user', file: '/h/.config/plum/config.yaml' })).toBe(
      'user /h/.config/plum/config.yaml',
    );
    expect(describeOrigin({ source: 'env', variable: 'POTS_MODE' })).toBe('env POTS_MODE');
    expect(describeOrigin({ source: 'flag' })).toBe('flag');
  });

  it('renders YAML that reads back as the same config', async () => {
    const { repo, env } = layeredRepo();
    const first = await showConfig(await openRepo({ cwd: repo.path, env }));
    const yaml = renderConfigYaml(first.config);
    expect(yaml).toContain('pots:\n  mode: "session"\n');

    const other = gitRepo();
    other.write('.plumrc.yaml', yaml);
    const again = await showConfig(await openRepo({ cwd: other.path, env: other.env }));
    expect(again.config).toEqual(first.config);
  });
});

describe('plum config (built bin)', () => {
  it('--origin --json and the human table name every origin', async () => {
    const { repo, user, file, env } = layeredRepo();
    const json = await runCli('plum', ['config', '--origin', '--json'], { cwd: repo.path, env });
    expect(json.exitCode).toBe(0);
    const origins = JSON.parse(json.stdout) as Array<{ key: string; source: string }>;
    const sources = Object.fromEntries(origins.map((o) => [o.key, o.source]));
    expect(sources).toMatchObject({
      'pots.idleSeconds': 'default',
      'pots.session': 'user',
      'pots.defaultTask': 'repo',
      'pots.prefix': 'env',
    });

    const human = await runCli('plum', ['config', '--origin'], { cwd: repo.path, env });
    expect(human.exitCode).toBe(0);
    const line = (key: string) => human.stdout.split('\n').find((l) => l.startsWith(`${key} `));
    expect(human.stdout.split('\n')[0]).toMatch(/^KEY\s+VALUE\s+ORIGIN$/);
    expect(line('pots.prefix')).toMatch(/"ci-"\s+env POTS_SESSION_PREFIX$/);
    expect(line('pots.session')).toMatch(new RegExp(`"mine"\\s+user ${user}$`));
    expect(line('pots.defaultTask')).toMatch(new RegExp(`"from-repo"\\s+repo ${file}$`));
    expect(line('pots.idleSeconds')).toMatch(/30\s+default$/);
  });

  it('prints the config as YAML, or --json', async () => {
    const { repo, env } = layeredRepo();
    const yaml = await runCli('plum', ['config'], { cwd: repo.path, env });
    expect(yaml.exitCode).toBe(0);
    expect(yaml.stdout).toContain('  prefix: "ci-"\n');
    const json = await runCli('plum', ['config', '--json'], { cwd: repo.path, env });
    expect(JSON.parse(json.stdout)).toMatchObject({
      pots: { prefix: 'ci-', session: 'mine', defaultTask: 'from-repo' },
    });
  });

  it('a bad config exits 6 naming the file and the key path', async () => {
    const repo = gitRepo();
    repo.write('.plumrc.yaml', 'pots:\n  idleSeconds: soon\n');
    const r = await runCli('plum', ['config'], { cwd: repo.path, env: repo.env });
    expect(r.exitCode).toBe(6);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(join(repo.path, '.plumrc.yaml'));
    expect(r.stderr).toContain('pots.idleSeconds');

    const bad = gitRepo();
    const user = writeUser(bad, 'worktrees:\n  dri: x\n');
    const u = await runCli('plum', ['config', '--json'], { cwd: bad.path, env: bad.env });
    expect(u.exitCode).toBe(6);
    expect(u.stderr).toContain(user);
    expect(u.stderr).toContain('worktrees.dri');
  });

  it("a bad pots variable is pots's business: plum warns, naming it, and goes on", async () => {
    const repo = gitRepo();
    const r = await runCli('plum', ['config'], {
      cwd: repo.path,
      env: { ...repo.env, POTS_AUTO_START_SESSION: 'maybe' },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/POTS_AUTO_START_SESSION.*\(ignored\)/);
  });
});
