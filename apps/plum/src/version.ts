import { createRequire } from 'node:module';

/** plum's package version (read from package.json: `../package.json` from both src/ and dist/). */
export const version = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;
