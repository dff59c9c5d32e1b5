// The layers ARCHITECTURE.md draws, checked on the sources: every command file goes through
// `../api/` (never the domain folders or plum directly), nothing below `api/` imports `api/`, and
// core's main entry does not re-export its CLI helpers.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const CORE_INDEX = fileURLToPath(new URL('../../../packages/core/src/index.ts', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier a file imports or re-exports (static, dynamic and type-only). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
}

describe('layers', () => {
  it('cli/ imports ../api/, never ../agents/, ../templates/, ../tmux/ or plum', () => {
    const bad = sources(join(SRC, 'cli')).flatMap((file) =>
      specifiers(file)
        .filter((s) => /^\.\.\/(agents|templates|tmux)\//.test(s) || s.startsWith('@plumpots/plum'))
        .map((s) => `${relative(SRC, file)} → ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('nothing below api/ imports api/', () => {
    const below = ['agents', 'templates', 'tmux', 'names'].flatMap((dir) =>
      sources(join(SRC, dir)),
    );
    expect(below.length).toBeGreaterThan(0);
    const bad = below.flatMap((file) =>
      specifiers(file)
        .filter((s) => /(^|\/)api\//.test(s))
        .map((s) => `${relative(SRC, file)} → ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it("core's main entry does not re-export its cli/ folder wholesale (commander stays out)", () => {
    const text = readFileSync(CORE_INDEX, 'utf8');
    expect(text).not.toMatch(/export \* from '\.\/cli/);
  });
});
