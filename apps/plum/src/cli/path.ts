// `plum path <name>`: one absolute path on stdout, for `cd "$(plum path feat)"`.
import type { Command } from 'commander';
import { setCompletion } from '@plumpots/core/cli';
import type { Ui } from '@plumpots/core/ui';
import { resolveWorktree } from '../api/resolve.js';
import { commandEnv, withGlobals } from './shared.js';

export function registerPath(program: Command): void {
  const pathCommand = withGlobals(
    program
      .command('path')
      .argument('<name>', 'a worktree name, branch or path')
      .description('print the absolute path of a worktree (by name, branch or path)')
      .option('--json', 'print the worktree object (status fields null: see plum list --json)'),
  ).addHelpText(
    'after',
    `
Examples:
  cd "$(plum path feat-login)"     by name (the directory name)
  plum path feat/login             by branch
  plum path .                      the worktree containing the current directory

Exit codes: 0 found, 2 the name matches several worktrees, 3 no such worktree.`,
  );
  setCompletion(pathCommand, { args: [{ dynamic: 'worktrees' }] });
  pathCommand.action(async (name: string, _opts: unknown, command: Command) => {
    const env = commandEnv(command);
    const worktree = await resolveWorktree(await env.context(), name, { status: false });
    if (env.ui.mode.json) env.ui.json(worktree);
    else printPath(env.ui, worktree.path);
  });
}

/**
 * A path as the command's result. For a script (stdout not a terminal) it is printed byte-exact,
 * so `cd "$(plum path x)"` works for any path; on a terminal control characters are neutralized.
 */
export function printPath(ui: Ui, path: string): void {
  if (process.stdout.isTTY) ui.print(path);
  else ui.printRaw(`${path}\n`);
}
