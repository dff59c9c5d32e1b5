// The agent watcher's program: `node dist/watch-agents.js <spec JSON>`, started detached by
// api/watcher.ts (`pots spawn` with an agent). Not a public entry point. It acts on the server the
// spec names, whatever the environment says, and ends with the last agent pane.
import { openPots } from './api/context.js';
import { watchAgents, type WatcherSpec } from './api/watcher.js';

// Detached, without a terminal: a hangup is not a reason to stop watching.
process.on('SIGHUP', () => undefined);
const controller = new AbortController();
process.on('SIGTERM', () => controller.abort());

const spec = JSON.parse(process.argv[2] ?? '{}') as WatcherSpec;
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
const pots = openPots({ cwd: spec.cwd, env: process.env, server: { socketPath: spec.socketPath } });
log(`watching ${spec.socketPath} (pid ${process.pid})`);
await watchAgents(pots, spec, { signal: controller.signal, log }).catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
log('done');
