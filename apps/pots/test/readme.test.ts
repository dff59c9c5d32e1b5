// The README stays a short introduction (the reference lives in docs/), its links resolve, and
// every package ships its own README and the LICENSE (the tarballs' npm pages).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the README and the packages', () => {
  it('README.md is at most 300 lines and every relative link in it resolves', () => {
    const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(text.split('\n').length).toBeLessThanOrEqual(300);
    const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((link) => !/^[a-z]+:/.test(link));
    expect(links.length).toBeGreaterThan(5);
    expect(links.filter((link) => !existsSync(join(ROOT, link)))).toEqual([]);
  });

  it('each package has its own README and the LICENSE, and ships both', () => {
    for (const dir of ['packages/core', 'apps/plum', 'apps/pots']) {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
        name: string;
        files: string[];
      };
      const readme = readFileSync(join(ROOT, dir, 'README.md'), 'utf8');
      expect(readme, dir).toContain(pkg.name);
      expect(readFileSync(join(ROOT, dir, 'LICENSE'), 'utf8')).toBe(
        readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
      );
      // npm always packs README and LICENSE; `files` must not be what decides it.
      expect(pkg.files.some((f) => /readme|license/i.test(f) && f.startsWith('!'))).toBe(false);
    }
  });
});
