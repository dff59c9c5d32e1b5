// Finding templates: built-ins < the user's files < the repository's .pots/templates < config
// `pots.templates`; files in any of the three formats; broken files reported, not fatal to the
// listing; paths load directly; what a repository's template would run is listed for trust.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, ExitCode, NotFoundError } from '@plumpots/core';
import { loadConfig } from '@plumpots/core/config';
import { tempDir } from '@plumpots/test-fixtures';
import { describe, expect, it } from 'vitest';
import {
  findTemplate,
  listTemplates,
  needsTrust,
  templateCommands,
  userTemplatesDir,
  type TemplateLookupOptions,
} from '../../src/templates/index.js';
import { fixture, parse } from './helpers.js';

function setup() {
  const root = tempDir('ps-').path;
  const env = { HOME: join(root, 'home'), XDG_CONFIG_HOME: join(root, 'config'), EDITOR: 'nano' };
  const user = userTemplatesDir(env);
  const repo = join(root, 'repo');
  const repoTemplates = join(repo, '.pots', 'templates');
  mkdirSync(user, { recursive: true });
  mkdirSync(repoTemplates, { recursive: true });
  mkdirSync(join(root, 'config', 'plum'), { recursive: true });
  writeFileSync(join(user, 'review.yaml'), 'windows: [{ name: user-review, panes: [ls] }]\n');
  copyFileSync(fixture('tmuxinator-3x2.yml'), join(user, 'shop.yml'));
  writeFileSync(join(user, 'bad.yaml'), 'windows: [{ name: a, panes: [], bogus: 1 }]\n');
  writeFileSync(join(user, 'x.y.yaml'), 'windows: [{ name: a, panes: [] }]\n');
  writeFileSync(join(user, 'dup.yaml'), 'windows: [{ name: yaml, panes: [] }]\n');
  writeFileSync(join(user, 'dup.json'), '{ "windows": [{ "name": "json", "panes": [] }] }\n');
  writeFileSync(
    join(repoTemplates, 'review.yaml'),
    'windows: [{ name: repo-review, panes: [ls] }]\n',
  );
  writeFileSync(
    join(repoTemplates, 'development.json'),
    JSON.stringify({
      windows: [{ name: 'dev', panes: [{ command: 'make dev', env: { LD_PRELOAD: '/x.so' } }] }],
    }),
  );
  writeFileSync(
    join(repo, '.plumrc.yaml'),
    [
      'pots:',
      '  templates:',
      '    review:',
      '      windows:',
      '        - name: config-review',
      '          env: { A: "1" }',
      '          panes: ["git log", "", { cwd: web }]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'config', 'plum', 'config.yaml'),
    'pots:\n  templates:\n    mine:\n      windows: [{ name: m, panes: ["htop"] }]\n',
  );
  return { root, env, user, repo, repoTemplates };
}

async function lookup(s: ReturnType<typeof setup>): Promise<TemplateLookupOptions> {
  const config = await loadConfig({ cwd: s.repo, repoRoot: s.repo, env: s.env });
  return { env: s.env, repoDir: s.repo, config, parse };
}

describe('listTemplates', () => {
  it('takes each name from the last source that has it', async () => {
    const s = setup();
    const catalog = await listTemplates(await lookup(s));
    expect(
      catalog.templates.map((t) => [t.name, t.source.kind, t.format, t.windows[0]?.name]),
    ).toEqual([
      ['agent', 'builtin', 'pots', 'agent'],
      ['claude', 'builtin', 'pots', 'agent'],
      ['default', 'builtin', 'pots', 'shell'],
      ['development', 'repo', 'pots', 'dev'],
      ['dup', 'user', 'pots', 'yaml'],
      ['mine', 'config', 'pots', 'm'],
      ['review', 'config', 'pots', 'config-review'],
      ['shop', 'user', 'tmuxinator', 'editor'],
    ]);
    expect(catalog.templates.find((t) => t.name === 'review')?.source).toEqual({
      kind: 'config',
      origin: 'repo',
      file: join(s.repo, '.plumrc.yaml'),
    });
    expect(catalog.templates.find((t) => t.name === 'mine')?.source).toMatchObject({
      kind: 'config',
      origin: 'user',
    });
    expect(catalog.shadowed.map((t) => `${t.name}:${t.source.kind}`).sort()).toEqual([
      'development:builtin',
      'review:repo',
      'review:user',
    ]);
    expect(catalog.problems.map((p) => p.file)).toEqual([join(s.user, 'bad.yaml')]);
    expect(catalog.problems[0]?.message).toMatch(/windows\.0\.bogus: unknown key/);
    expect(catalog.warnings).toEqual(
      expect.arrayContaining([
        `${join(s.user, 'x.y.yaml')}: not a template name (letters, digits, "-", "_"); ignored`,
        `${join(s.user, 'dup.json')}: ignored, dup.yaml comes first`,
        expect.stringMatching(/shop\.yml: root: .* is replaced by the worktree/),
      ]),
    );
  });

  it('builds the built-ins from the environment', async () => {
    const s = setup();
    const { templates } = await listTemplates({ env: { ...s.env, EDITOR: 'hx' }, parse });
    const dev = templates.find((t) => t.name === 'development');
    expect(dev?.windows[0]?.panes[0]?.command).toBe('hx .');
  });
});

describe('findTemplate', () => {
  it('finds a name, and says which repository commands it would run', async () => {
    const s = setup();
    const { template } = await findTemplate('review', await lookup(s));
    expect(needsTrust(template)).toBe(true);
    expect(templateCommands(template)).toEqual([
      { key: 'templates.review.windows.0.panes.0', command: 'git log', env: { A: '1' } },
      { key: 'templates.review.windows.0.panes.1', command: '', env: { A: '1' } },
      { key: 'templates.review.windows.0.panes.2', command: '', env: { A: '1' } },
    ]);
    const dev = (await findTemplate('development', await lookup(s))).template;
    expect(needsTrust(dev)).toBe(true);
    expect(templateCommands(dev)).toEqual([
      {
        key: 'templates.development.windows.0.panes.0',
        command: 'make dev',
        env: { LD_PRELOAD: '/x.so' },
      },
    ]);
    const shop = (await findTemplate('shop', await lookup(s))).template;
    expect(needsTrust(shop)).toBe(false);
    expect(needsTrust((await findTemplate('mine', await lookup(s))).template)).toBe(false);
  });

  it('passes on the warnings of the file it found', async () => {
    const s = setup();
    const { warnings } = await findTemplate('shop', await lookup(s));
    expect(warnings).toEqual([expect.stringMatching(/shop\.yml: root:/)]);
  });

  it('reports an unknown name as not found (exit 3), listing the known ones', async () => {
    const s = setup();
    const error = await findTemplate('nope', await lookup(s)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).exitCode).toBe(ExitCode.notFound);
    expect((error as NotFoundError).hint).toMatch(/known: agent, claude, default, development/);
  });

  it("throws a broken file's own error rather than falling back to a built-in", async () => {
    const s = setup();
    writeFileSync(join(s.user, 'default.yaml'), 'windows: 3\n');
    const error = await findTemplate('default', await lookup(s)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(join(s.user, 'default.yaml'));
  });

  it('loads a path directly, in any of the three formats', async () => {
    const s = setup();
    copyFileSync(fixture('tmuxp-3x2.json'), join(s.root, 'ws.json'));
    const { template, warnings } = await findTemplate('./ws.json', {
      ...(await lookup(s)),
      cwd: s.root,
    });
    expect(template.format).toBe('tmuxp');
    expect(template.source).toEqual({ kind: 'file', file: join(s.root, 'ws.json') });
    expect(warnings).toHaveLength(1);
    const missing = await findTemplate('./nope.yaml', { ...(await lookup(s)), cwd: s.root }).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(NotFoundError);
  });
});
