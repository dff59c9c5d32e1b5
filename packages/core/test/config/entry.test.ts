// `@plumpots/core` must not pull in the config module: commands that need no config should not
// pay for loading cosmiconfig and zod.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function importGraph(
  entry: string,
  seen = new Set<string>(),
): { files: Set<string>; packages: Set<string> } {
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      if (!spec) continue;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files: seen, packages };
}

describe('package entries', () => {
  it('the main entry reaches neither the config module nor cosmiconfig/zod', () => {
    const { files, packages } = importGraph(resolve(src, 'index.ts'));
    expect([...files].filter((f) => f.includes('/config/'))).toEqual([]);
    expect([...packages].filter((p) => /^(cosmiconfig|zod|js-yaml)/.test(p))).toEqual([]);
  });

  it('the config entry is where they live', () => {
    const { packages } = importGraph(resolve(src, 'config/index.ts'));
    expect(packages).toContain('cosmiconfig');
    expect(packages).toContain('zod');
  });
});
