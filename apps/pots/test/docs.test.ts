// docs/commands/pots-*.md are generated from the commander program and the JSON schemas: this test
// fails while a committed page differs from what they render now (regenerate with `pnpm docs`).
import { commandDocs } from '@plumpots/core';
import { staleDocs } from '@plumpots/test-fixtures';
import { expect, it } from 'vitest';
import { OUTPUT_SCHEMAS, schemaFiles } from '../src/api/schemas.js';
import { createProgram } from '../src/cli.js';

it('docs/commands/ holds the current page of every pots command (pnpm docs regenerates them)', async () => {
  const files = schemaFiles();
  const schemas = OUTPUT_SCHEMAS.map(({ name, major, command }) => {
    const file = `${name}.v${major}.json`;
    return { file, command, document: JSON.parse(files[file]!) as Record<string, unknown> };
  });
  const pages = commandDocs(await createProgram(), {
    tool: 'pots',
    schemaLink: '../../apps/pots/schemas/',
    schemas,
  });
  expect(Object.keys(pages)).toContain('pots-list.md');
  expect(staleDocs('pots', pages), 'stale pages: run pnpm docs').toEqual([]);
});
