// The config cache: validated data keyed by a file's exact bytes, so a run that reads the same
// config as the last one needs neither the YAML parser nor zod.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configCacheFile } from '../../src/config/cache.js';
import { literalDefaults } from '../../src/config/defaults.js';
import { mergeLayers } from '../../src/config/merge.js';
import { configSchema } from '../../src/config/schema.js';
import { configFixture } from './fixture.js';

interface CacheJson {
  version: number;
  files: Record<string, { hash: string; data: unknown }>;
}

const readCache = (env: NodeJS.ProcessEnv) =>
  JSON.parse(readFileSync(configCacheFile(env), 'utf8')) as CacheJson;

describe('filling in defaults without zod', () => {
  it.each([
    {},
    { worktrees: { copy: ['.env.local'], base: 'main' } },
    { hooks: { postCreate: ['pnpm i'] }, plugins: ['./p.mjs'] },
    { pots: { prefix: 'x-', idleSeconds: 5, mode: 'window' } },
    {
      pots: {
        templates: {
          dev: {
            description: 'd',
            windows: [
              {
                name: 'a',
                layout: 'tiled',
                panes: ['vim', { command: 'ls', cwd: 'src', env: { A: '1' } }],
              },
              { name: 'b', panes: [{}], focus: true },
            ],
          },
        },
      },
    },
  ])('merging onto the literal defaults equals the schema parse: %j', (layer) => {
    expect(mergeLayers(literalDefaults(), layer)).toStrictEqual(configSchema.parse(layer));
  });
});

describe('the cache', () => {
  it('serves a file whose bytes it validated, and reads it again when they change', async () => {
    const fx = configFixture();
    const file = fx.writeUser('config.yaml', 'pots:\n  prefix: "aa"\n');
    expect((await fx.load()).config.pots.prefix).toBe('aa');
    const cache = readCache(fx.env);
    expect(Object.keys(cache.files)).toEqual([file]);

    // Proof that a hit is served from the cache: doctor its data, keep the hash.
    cache.files[file]!.data = { pots: { prefix: 'from-cache' } };
    writeFileSync(configCacheFile(fx.env), JSON.stringify(cache));
    expect((await fx.load()).config.pots.prefix).toBe('from-cache');

    // The same size, written at once (the same mtime tick): the bytes differ, so it is read.
    fx.writeUser('config.yaml', 'pots:\n  prefix: "bb"\n');
    expect((await fx.load()).config.pots.prefix).toBe('bb');
  });

  it('caches the repository file too, never an invalid file or one with $import', async () => {
    const fx = configFixture();
    const repoFile = fx.write('.plumrc.yaml', 'worktrees:\n  copy: [".env.local"]\n');
    await fx.load();
    expect(Object.keys(readCache(fx.env).files)).toEqual([repoFile]);

    fx.write('.plumrc.yaml', 'worktrees:\n  cpy: [".env"]\n');
    await expect(fx.load()).rejects.toMatchObject({ exitCode: 6 });
    await expect(fx.load()).rejects.toMatchObject({ exitCode: 6 }); // still invalid, not cached

    fx.write('shared.yaml', 'pots:\n  prefix: "imp-"\n');
    fx.write('.plumrc.yaml', '$import: shared.yaml\n');
    expect((await fx.load()).config.pots.prefix).toBe('imp-');
    fx.write('shared.yaml', 'pots:\n  prefix: "imq-"\n');
    expect((await fx.load()).config.pots.prefix).toBe('imq-'); // the imported file's change counts
  });

  it('a cache it cannot read or write changes nothing', async () => {
    const fx = configFixture();
    fx.writeUser('config.json', '{ "pots": { "defaultTask": "t" } }');
    mkdirSync(dirname(configCacheFile(fx.env)), { recursive: true });
    writeFileSync(configCacheFile(fx.env), 'not json');
    expect((await fx.load()).config.pots.defaultTask).toBe('t');
    expect(readCache(fx.env).version).toBe(1);
  });
});
