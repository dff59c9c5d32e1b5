import { defineConfig } from 'tsup';
import { cliBuild } from '../../tsup.bin.js';

// `schemas`: the zod schemas of every --json output (`@plumpots/plum/schemas`), kept apart from
// the library entry so that importing plum's API never loads zod; `setup`: copy and hooks (execa,
// tinyglobby), for the same reason. `fast-path`: `plum path <name>` (src/fast-path/, built as dist/fast-path/).
export default defineConfig(
  cliBuild(
    { schemas: 'src/api/schemas.ts', setup: 'src/setup.ts' },
    { fastPaths: { 'fast-path': 'src/fast-path/fast-path.ts' } },
  ),
);
