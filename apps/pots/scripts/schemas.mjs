// Writes schemas/*.json (the published JSON Schemas of pots's --json outputs) from the zod schemas
// in src/api/schemas.ts, built into dist/schemas.js, formatted as the repository's Prettier does.
// `pnpm --filter @plumpots/pots schemas`; test/schemas.test.ts fails while the committed files
// differ from what this writes.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
const { schemaFiles } = await import('../dist/schemas.js');
const files = schemaFiles();
for (const stale of readdirSync(dir).filter((name) => name.endsWith('.json') && !(name in files))) {
  rmSync(`${dir}${stale}`);
  console.log(`removed schemas/${stale}`);
}
for (const [name, text] of Object.entries(files)) {
  const file = `${dir}${name}`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  console.log(`wrote schemas/${name}`);
}
