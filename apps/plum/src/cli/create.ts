// `plum create <branch>` (alias `add`): a worktree for a branch, with files copied, hooks run and
// plugins told; prints the new path.
import type { Command } from 'commander';
import { setCompletion } from '@plumpots/core/cli';
import type { Spinner } from '@plumpots/core/ui';
import { createWorktree } from '../api/create.js';
import { changeDirectory } from './cd.js';
import { commandEnv, withGlobals } from './shared.js';
import { printPath } from './path.js';
import { trustConfirm } from './confirm.js';

interface CreateFlags {
  base?: string;
  path?: string;
  hooks?: boolean;
  copy?: boolean;
  yes?: boolean;
  json?: boolean;
  cd?: boolean;
}

export function registerCreate(program: Command): void {
  const createCommand = withGlobals(
    program
      .command('create')
      .alias('add')
      .argument('<branch>', 'branch to check out: existing, only on a remote (tracked), or new')
      .description('create a worktree for a branch and print its path')
      .option(
        '--base <ref>',
        'start a new branch here (default: worktrees.base, the remote default branch, HEAD)',
      )
      .option('--path <dir>', 'put the worktree in <dir> instead of the worktrees.dir template')
      .option('--no-hooks', 'do not run hooks.postCreate')
      .option('--no-copy', 'do not copy worktrees.copy files from the main worktree')
      .option('--cd', 'then go there (needs the shell function: plum shell-init --help)')
      .option('-y, --yes', "don't ask (never approves a repository's hooks: that is plum trust)")
      .option('--json', 'print the new worktree as JSON'),
  ).addHelpText(
    'after',
    `
Examples:
  plum create --cd feat/login              new branch from the default base, then go there
  plum create fix-123 --base origin/release
  plum add teammate-branch                 a branch only on origin: created tracking it

Exit codes: 0 created, 1 git or a hook or plugin failed (a created worktree is kept and named),
2 bad name or flags, 3 base not found, 4 branch checked out elsewhere / path exists / hooks not
trusted, 130 interrupted (everything this run made is rolled back).`,
  );
  setCompletion(createCommand, {
    args: [{ dynamic: 'branches' }],
    options: { '--base': { dynamic: 'refs' }, '--path': 'dirs' },
  });
  createCommand.action(async (branch: string, _opts: unknown, command: Command) => {
    const env = commandEnv(command);
    const { ui } = env;
    const flags = command.opts<CreateFlags>();
    const ctx = await env.context();
    // Each step line (copied files, one hook) spins until the next one starts.
    let spinner: Spinner | undefined;
    const step = (message: string) => {
      spinner?.succeed();
      spinner = ui.spinner(message);
    };
    try {
      const result = await createWorktree(ctx, {
        branch,
        base: flags.base,
        path: flags.path,
        hooks: flags.hooks !== false,
        copy: flags.copy !== false,
        yes: flags.yes === true,
        confirm: trustConfirm(ui),
        onProgress: step,
      });
      spinner?.succeed();
      const { worktree } = result;
      const how =
        result.branchSource === 'new'
          ? `new branch from ${result.base ?? 'HEAD'}`
          : result.branchSource === 'remote'
            ? `tracking ${result.base ?? ''}`
            : 'existing branch';
      ui.success(`created ${worktree.name} (${worktree.branch ?? 'detached'}, ${how})`);
      if (ui.mode.json) ui.json(worktree);
      else printPath(ui, worktree.path);
      if (flags.cd) changeDirectory(ui, worktree.path, { printed: true });
    } catch (error) {
      spinner?.fail();
      throw error;
    }
  });
}
