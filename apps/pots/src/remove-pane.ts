// The program of the pane `plum remove` (no name, inside a linked worktree) hands the removal to:
// `node dist/remove-pane.js <spec JSON>` (spawned by api/self-removal.ts). Not a public entry
// point. It runs the removal with its output in the pane; on success `finishSelfRemoval`, on
// failure it waits for a key so the output stays.
import { spawn } from 'node:child_process';
import { surviveHangup } from '@plumpots/core';
import { formatCommand } from '@plumpots/core/ui';
import { finishSelfRemoval, removalPaneContext, type RemovalPaneSpec } from './api/self-removal.js';
import { REMOVE_PANE_VAR } from './api/worktree-removal.js';

process.exitCode = await runRemovalPane(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(
    `pots remove pane: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  return 1;
});

async function runRemovalPane(specJson: string): Promise<number> {
  const spec = parseSpec(specJson);
  const out = process.stdout;
  // The user's Ctrl-C is for plum (it rolls back): this process stays to report it.
  process.on('SIGINT', () => undefined);
  const [, , ...args] = spec.command;
  out.write(`$ ${formatCommand(['plum', ...args])}\n`);
  const env = { ...process.env };
  if (process.env.TMUX_PANE) env[REMOVE_PANE_VAR] = process.env.TMUX_PANE;
  // The pane's own server ($TMUX) is the one to act on, whatever the server's environment says.
  delete env.POTS_TMUX_SOCKET_NAME;
  const code = await runInherited(spec.command, { cwd: spec.main, env });
  if (code === 0) {
    try {
      await finishSelfRemoval(removalPaneContext(spec, process.env), spec, {
        beforeSelfKill: surviveHangup,
      });
      return 0;
    } catch (error) {
      out.write(`\nthe worktree was removed, but pots could not finish: ${String(error)}\n`);
      await pressAnyKey();
      return 1;
    }
  }
  out.write(
    `\nplum remove failed (exit ${code}): nothing was killed. Press any key to close this pane.\n`,
  );
  await pressAnyKey();
  return code;
}

function parseSpec(json: string): RemovalPaneSpec {
  const spec = JSON.parse(json) as Partial<RemovalPaneSpec>;
  const ok =
    typeof spec.worktree === 'string' &&
    typeof spec.name === 'string' &&
    typeof spec.main === 'string' &&
    Array.isArray(spec.command) &&
    spec.command.length > 2 &&
    spec.command.every((arg) => typeof arg === 'string');
  if (!ok) throw new Error(`bad removal pane spec: ${json.slice(0, 200)}`);
  return spec as RemovalPaneSpec;
}

function runInherited(
  argv: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { ...options, stdio: 'inherit' });
    child.once('error', (error) => {
      process.stderr.write(`cannot run ${argv[0]}: ${error.message}\n`);
      resolve(127);
    });
    child.once('close', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 1)));
  });
}

function pressAnyKey(): Promise<void> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.resolve();
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) =>
    stdin.once('data', () => {
      stdin.setRawMode(false);
      stdin.pause();
      resolve();
    }),
  );
}
