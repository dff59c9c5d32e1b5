// `plum cd [name]`: go to a worktree. Run through the shell function from `plum shell-init`, the
// shell's directory changes; without it plum prints the path and says how to set it up.
import { closeSync, constants, existsSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { Command } from 'commander';
import { NotFoundError } from '@plumpots/core';
import { detectShell, missingArgument, rcFile, setCompletion, setupLine } from '@plumpots/core/cli';
import type { Ui } from '@plumpots/core/ui';
import { listWorktrees } from '../api/list.js';
import { resolveWorktree } from '../api/resolve.js';
import { CD_FILE_VAR, SHELL_INTEGRATION_VAR } from '../api/shell-init.js';
import { printPath } from './path.js';
import { commandEnv, withGlobals } from './shared.js';

let cdFile: string | undefined;

/**
 * Takes PLUM_CD_FILE (set by the shell function for this one run) out of the environment, so
 * that hooks and other children never write to it. run() calls it once, first.
 */
export function takeCdFile(env: NodeJS.ProcessEnv = process.env): void {
  const file = env[CD_FILE_VAR];
  delete env[CD_FILE_VAR];
  cdFile = file && isAbsolute(file) ? file : undefined;
}

/**
 * Asks the shell function to cd to `path` after plum exits. Without the function, prints `path`
 * (unless the command already did) and a one-line hint on stderr. Returns whether the shell's
 * directory will change.
 * @example changeDirectory(ui, worktree.path, { printed: true });
 */
export function changeDirectory(
  ui: Ui,
  path: string,
  options: { printed?: boolean } = {},
): boolean {
  if (cdFile !== undefined) {
    try {
      // The function made the file with mktemp: write into it, never create or follow a link.
      const fd = openSync(cdFile, constants.O_WRONLY | constants.O_NOFOLLOW);
      try {
        ftruncateSync(fd);
        writeSync(fd, path);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (error) {
      ui.warn(`could not pass the directory to the shell: ${(error as Error).message}`);
    }
  }
  if (!options.printed) printPath(ui, path);
  const shell = detectShell(process.env) ?? 'bash';
  ui.warn(
    process.env[SHELL_INTEGRATION_VAR]
      ? 'not run through the plum shell function, so your directory stays: run plum itself, not `command plum` or a script'
      : `shell integration is not installed, so your directory stays: add ${setupLine('plum', 'shell-init', shell)} to ${rcFile(shell)}`,
  );
  return false;
}

export function registerCd(program: Command): void {
  const command = withGlobals(
    program
      .command('cd')
      .argument('[name]', 'a worktree name, branch or path (left out: pick one)')
      .description('go to a worktree (needs the shell function: plum shell-init --help)'),
  ).addHelpText(
    'after',
    `
Examples:
  plum cd feat-login          by name; plum cd feat/login by branch
  plum cd                     pick one (fzf when installed), with its state
  plum cd main                back to the main worktree (its name or its branch)

Set-up: eval "$(plum shell-init bash)" in ~/.bashrc (zsh: the same in ~/.zshrc; fish:
plum shell-init fish | source in config.fish). Without it plum cd prints the path.
Exit codes: 0 done, 2 no name and no terminal, 3 no such worktree or its directory is gone,
130 picker cancelled.`,
  );
  setCompletion(command, { args: [{ dynamic: 'worktrees' }] });
  command.action(async (name: string | undefined, _opts: unknown, cmd: Command) => {
    const env = commandEnv(cmd);
    const { ui } = env;
    if (name === undefined && !ui.isInteractive()) {
      throw missingArgument(
        cmd,
        'name',
        'no terminal to pick a worktree on',
        'plum list shows the names',
      );
    }
    const ctx = await env.context();
    const worktree =
      name === undefined
        ? // Imported here: every command loads this module (takeCdFile), few need the picker's table.
          await (
            await import('./pick.js')
          ).pickWorktree(
            ui,
            (await listWorktrees(ctx)).filter((w) => !w.prunable),
            'Go to which worktree?',
          )
        : await resolveWorktree(ctx, name, { status: false });
    if (worktree.prunable || !existsSync(worktree.path)) {
      throw new NotFoundError(
        'ERR_PLUM_WORKTREE_GONE',
        `the directory of worktree ${worktree.name} is gone: ${worktree.path}`,
        { hint: 'plum prune forgets it' },
      );
    }
    changeDirectory(ui, worktree.path);
  });
}
