// The program of the pane `plum remove` (no name, inside a linked worktree) hands the removal to:
// `node dist/remove-pane.js <spec JSON>` (see api/self-removal.ts). Not a public entry point.
import { runRemovalPane } from './api/self-removal.js';

process.exitCode = await runRemovalPane(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(
    `pots remove pane: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  return 1;
});
