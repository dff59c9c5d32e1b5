import { defineConfig } from 'tsup';
import { cliBuild } from '../../tsup.bin.js';

// `schemas`: the zod schemas of every --json output (`@plumpots/pots/schemas`), kept apart from
// the library entry so that importing pots's API never loads zod. `mcp-server`: `pots mcp`'s server
// (src/mcp-server/, built as dist/mcp-server/), apart so its graph stays out of the shared chunks.
// `dash`: the dashboard's screen (ink, React) and what only it uses (plum's removal checks), built
// on its own so that none of it lands in a chunk another command loads.
export default defineConfig(
  cliBuild(
    {
      'plum-plugin': 'src/plum-plugin.ts',
      'remove-pane': 'src/remove-pane.ts',
      'watch-agents': 'src/watch-agents.ts',
      schemas: 'src/api/schemas.ts',
    },
    {
      fastPaths: { 'mcp-server': 'src/mcp-server/mcp-server.ts', dash: 'src/dash/run.ts' },
    },
  ),
);
