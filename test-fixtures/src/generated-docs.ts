// The generated reference pages under docs/commands/: compared with what the generator renders now,
// or (re)written when UPDATE_DOCS=1 (`pnpm docs`).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** docs/commands/ of the repository. */
export const COMMAND_DOCS_DIR = fileURLToPath(new URL('../../docs/commands/', import.meta.url));

/**
 * The pages whose committed text differs from `pages` (missing, stale, or a `<tool>-*.md` page of a
 * command that no longer exists). With UPDATE_DOCS=1 writes them and returns none.
 * @example expect(staleDocs('plum', commandDocs(program, options))).toEqual([])
 */
export function staleDocs(tool: string, pages: Record<string, string>): string[] {
  const ours = (name: string) => name === `${tool}.md` || name.startsWith(`${tool}-`);
  const committed = existsSync(COMMAND_DOCS_DIR)
    ? readdirSync(COMMAND_DOCS_DIR).filter((name) => ours(name) && name.endsWith('.md'))
    : [];
  const extra = committed.filter((name) => !(name in pages));
  const differ = Object.entries(pages)
    .filter(([name, text]) => {
      const file = join(COMMAND_DOCS_DIR, name);
      return !existsSync(file) || readFileSync(file, 'utf8') !== text;
    })
    .map(([name]) => name);
  if (process.env.UPDATE_DOCS !== '1') return [...differ, ...extra].sort();
  mkdirSync(COMMAND_DOCS_DIR, { recursive: true });
  for (const name of extra) rmSync(join(COMMAND_DOCS_DIR, name));
  for (const name of differ) writeFileSync(join(COMMAND_DOCS_DIR, name), pages[name]!);
  return [];
}
