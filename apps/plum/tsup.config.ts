import { defineConfig } from 'tsup';
import { cliBuild } from '../../tsup.bin.js';

// `schemas`: the zod schemas of every --json output (`@plumpots/plum/schemas`), kept apart from
// the library entry so that importing plum's API never loads zod.
export default defineConfig(cliBuild({ schemas: 'src/api/schemas.ts' }));
