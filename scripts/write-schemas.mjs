// Writes an app's schemas/*.json (the published JSON Schemas of its --json outputs) from the zod
// schemas in its src/api/schemas.ts, built into dist/schemas.js, formatted as the repository's
// Prettier does. Run from the app: `pnpm --filter @plumpots/plum schemas` (or pots);
// test/schemas.test.ts fails while the committed files differ from what this writes.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import prettier from 'prettier';

const app = process.cwd();
const dir = join(app, 'schemas');
const { schemaFiles } = await import(pathToFileURL(join(app, 'dist/schemas.js')).href);
const files = schemaFiles();
for (const stale of readdirSync(dir).filter((name) => name.endsWith('.json') && !(name in files))) {
  rmSync(join(dir, stale));
  console.log(`removed schemas/${stale}`);
}
for (const [name, text] of Object.entries(files)) {
  const file = join(dir, name);
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
  console.log(`wrote schemas/${name}`);
}
