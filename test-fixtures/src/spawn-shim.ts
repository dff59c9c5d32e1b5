// Counts the git and tmux processes a command starts: PATH shims that log each spawn, then exec
// the real tool. Counts are deterministic where timings are not.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

export interface SpawnShim {
  dir: string;
  /** A PATH with the shims first. */
  path: string;
  count(tool: 'tmux' | 'git'): number;
  reset(): void;
}

/**
 * PATH shims for git and tmux; pass `env: { PATH: shim.path }` to the command under test.
 * @example const shim = spawnShim(); await runCli('plum', ['list'], { env: { PATH: shim.path } }); shim.count('git') // 1
 */
export function spawnShim(): SpawnShim {
  const tmp = tempDir('ps-');
  const dir = join(tmp.path, 'bin');
  mkdirSync(dir);
  const log = join(tmp.path, 'spawns.log');
  writeFileSync(log, '');
  for (const tool of ['tmux', 'git'] as const) {
    const real = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
    const file = join(dir, tool);
    writeFileSync(file, `#!/bin/sh\necho ${tool} >> '${log}'\nexec ${real} "$@"\n`);
    chmodSync(file, 0o755);
  }
  return {
    dir,
    path: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    count: (tool) =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((line) => line === tool).length,
    reset: () => writeFileSync(log, ''),
  };
}
