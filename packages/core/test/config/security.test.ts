// Repository config is untrusted: searching must never run its code, follow cosmiconfig's
// meta-config, or read files outside the repository.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@plumpots/test-fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { CODE_CONFIG_EXTENSIONS, loadCodeConfig, withCodeConfig } from '../../src/config/index.js';
import { configFixture, rejection, sentinelScript, settled } from './fixture.js';

const startDir = process.cwd();
afterEach(() => process.chdir(startDir));

describe('code configs', () => {
  it.each(['.plumrc.cjs', '.plumrc.js', 'plum.config.cjs', 'plum.config.mjs', 'plum.config.ts'])(
    'finds %s from a subdirectory without running it',
    async (name) => {
      const fx = configFixture();
      const sentinel = join(fx.root, 'sentinel');
      const file = fx.write(name, sentinelScript(sentinel));
      const sub = join(fx.repo, 'src');
      mkdirSync(sub);
      const resolved = await fx.load({ cwd: sub });
      expect(resolved.codeFile).toBe(file);
      expect(resolved.files.repo).toBeNull();
      expect(resolved.repoRaw).toBeNull();
      expect(resolved.config.pots.prefix).toBe('');
      expect(resolved.notes).toContain(`${file}: code config, not loaded until trusted`);
      expect(await settled(sentinel)).toBe(false);
    },
  );

  it('lists the code extensions', () => {
    expect([...CODE_CONFIG_EXTENSIONS]).toEqual(['.js', '.mjs', '.cjs', '.ts']);
  });

  it('a data file in the same directory wins over a code file', async () => {
    const fx = configFixture();
    const sentinel = join(fx.root, 'sentinel');
    const code = fx.write('.plumrc.cjs', sentinelScript(sentinel));
    const data = fx.write('.plumrc.yaml', 'pots:\n  prefix: data-\n');
    const resolved = await fx.load();
    expect(resolved.files.repo).toBe(data);
    expect(resolved.codeFile).toBeNull();
    expect(resolved.notes).toContain(`${code}: ignored, ${data} comes first`);
    expect(await settled(sentinel)).toBe(false);
  });

  it('runs only when asked: loadCodeConfig + withCodeConfig re-merge the repo layer', async () => {
    const fx = configFixture();
    const user = fx.writeUser('config.yaml', 'pots:\n  session: mine\n  prefix: u-\n');
    const file = fx.write(
      'plum.config.mjs',
      'export default { pots: { prefix: "code-" }, hooks: { postCreate: ["pnpm i"] } };\n',
    );
    const first = await fx.load({ env: { ...fx.env, POTS_MODE: 'window' } });
    expect(first.config.pots.prefix).toBe('u-');

    const data = await loadCodeConfig(file);
    const resolved = withCodeConfig(first, data);
    expect(resolved.config.pots).toMatchObject({
      prefix: 'code-',
      session: 'mine',
      mode: 'window',
    });
    expect(resolved.files).toEqual({ user, repo: file });
    expect(resolved.codeFile).toBe(file);
    expect(resolved.notes).toEqual([]);
    expect(resolved.repoRaw).toEqual({
      pots: { prefix: 'code-' },
      hooks: { postCreate: ['pnpm i'] },
    });
    expect(resolved.origins.get('pots.prefix')).toEqual({ source: 'repo', file });
    expect(Object.isFrozen(resolved.config.hooks.postCreate)).toBe(true);
    expect(first.config.pots.prefix).toBe('u-');
  });

  it('validates a code config and names the file', async () => {
    const fx = configFixture();
    const file = fx.write('plum.config.mjs', 'export default { pots: { mdoe: "window" } };\n');
    const error = await rejection(loadCodeConfig(file));
    expect(error.message).toBe(`${file}: pots.mdoe: unknown key, did you mean \`pots.mode\`?`);
    const none = fx.write('.plumrc.mjs', 'export const pots = {};\n');
    expect((await rejection(loadCodeConfig(none))).message).toContain('expected a default export');
  });

  it('withCodeConfig refuses a config that had no code file', async () => {
    const resolved = await configFixture().load();
    expect(() => withCodeConfig(resolved, {})).toThrow(TypeError);
  });
});

describe('cosmiconfig meta-config', () => {
  it('a redirect to evil.cjs is not followed and not run', async () => {
    const fx = configFixture();
    const sentinel = join(fx.root, 'sentinel');
    fx.write('evil.cjs', sentinelScript(sentinel));
    const meta = fx.write(
      '.config/config.yaml',
      'cosmiconfig:\n  searchPlaces: ["evil.cjs"]\n  mergeSearchPlaces: false\nplum:\n  pots:\n    prefix: meta-\n',
    );
    process.chdir(fx.repo); // cosmiconfig reads the meta-config from process.cwd()

    const none = await fx.load();
    expect(none.codeFile).toBeNull();
    expect(none.files.repo).toBeNull();
    expect(none.config.pots.prefix).toBe('');

    const own = fx.write('.plumrc.yaml', 'pots:\n  session: own\n');
    const resolved = await fx.load();
    expect(resolved.codeFile).toBeNull();
    expect(resolved.files.repo).toBe(own);
    expect(resolved.config.pots).toMatchObject({ prefix: '', session: 'own' });
    expect(resolved.notes).toContain(
      `${meta}: cosmiconfig meta-config ignored (plum searches fixed places)`,
    );
    expect(await settled(sentinel)).toBe(false);
  });

  it('a meta-config that is itself code is refused before cosmiconfig can run it', async () => {
    const fx = configFixture();
    const sentinel = join(fx.root, 'sentinel');
    const meta = fx.write('.config/config.cjs', sentinelScript(sentinel));
    fx.write('.plumrc.yaml', 'pots:\n  prefix: r-\n');
    process.chdir(fx.repo);
    const error = await rejection(fx.load());
    expect(error.message).toContain(`${meta}: cosmiconfig would run this file as its meta-config`);
    expect(await settled(sentinel)).toBe(false);
  });

  it('a code file behind a data meta-config is never reached, so config loads', async () => {
    const fx = configFixture();
    const sentinel = join(fx.root, 'sentinel');
    fx.write('.config/config.json', '{}');
    fx.write('.config/config.cjs', sentinelScript(sentinel));
    fx.write('.plumrc.yaml', 'pots:\n  prefix: r-\n');
    process.chdir(fx.repo);
    expect((await fx.load()).config.pots.prefix).toBe('r-');
    expect(await settled(sentinel)).toBe(false);
  });
});

describe('$import', () => {
  it('of an absolute path outside the repository is rejected', async () => {
    const fx = configFixture();
    const outside = join(tempDir().path, 'outside.yaml');
    writeFileSync(outside, 'pots:\n  prefix: secret-\n');
    const file = fx.write('.plumrc.yaml', `$import: ${outside}\n`);
    const error = await rejection(fx.load());
    expect(error.message).toBe(
      `${file}: $import: ${outside} is outside the repository (${fx.repo})`,
    );
    expect(error.keyPath).toBe('$import');
  });

  it('of a relative path or symlink that leaves the repository is rejected', async () => {
    const fx = configFixture();
    const outside = join(fx.root, 'outside.yaml');
    writeFileSync(outside, 'pots:\n  prefix: secret-\n');
    fx.write('.plumrc.yaml', '$import: [../outside.yaml]\n');
    expect((await rejection(fx.load())).message).toContain(
      '../outside.yaml is outside the repository',
    );

    symlinkSync(outside, join(fx.repo, 'inside.yaml'));
    fx.write('.plumrc.yaml', '$import: ./inside.yaml\n');
    expect((await rejection(fx.load())).message).toContain(
      './inside.yaml is outside the repository',
    );
  });

  it('of a nested import that leaves the repository is rejected', async () => {
    const fx = configFixture();
    const outside = join(fx.root, 'outside.yaml');
    writeFileSync(outside, 'pots:\n  prefix: secret-\n');
    const shared = fx.write('shared.yaml', '$import: ../outside.yaml\n');
    fx.write('.plumrc.yaml', '$import: ./shared.yaml\n');
    const error = await rejection(fx.load());
    expect(error.message).toContain(
      `${shared}: $import: ../outside.yaml is outside the repository`,
    );
  });

  it('of a code file is rejected and the file never runs', async () => {
    const fx = configFixture();
    const sentinel = join(fx.root, 'sentinel');
    fx.write('x.cjs', sentinelScript(sentinel));
    fx.write('.plumrc.yaml', '$import: ./x.cjs\n');
    expect((await rejection(fx.load())).message).toContain(
      'only YAML or JSON files can be imported',
    );
    expect(await settled(sentinel)).toBe(false);
  });

  it('in package.json#plum is checked too', async () => {
    const fx = configFixture();
    fx.write('package.json', JSON.stringify({ plum: { $import: '/etc/hostname.yaml' } }));
    expect((await rejection(fx.load())).message).toContain('is outside the repository');
    expect(existsSync('/etc/hostname.yaml')).toBe(false);
  });
});
