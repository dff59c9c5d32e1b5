// The worktree picker `plum cd` and `plum remove` open when the name is left out on a terminal.
import { createPalette, renderTable, worktreeState, type Ui } from '@plumpots/core/ui';
import type { Worktree } from '../api/types.js';

/**
 * Lets the user pick one of `worktrees`, shown as `plum list` shows them (name, branch, state:
 * * dirty, ?N untracked, ↑↓ ahead/behind, locked; path), by fzf when it is on PATH, else the
 * built-in picker.
 * @example const target = await pickWorktree(ui, worktrees, 'Go to which worktree?');
 */
export async function pickWorktree(
  ui: Ui,
  worktrees: readonly Worktree[],
  message: string,
): Promise<Worktree> {
  const plain = createPalette(false);
  const rows = worktrees.map((w) => ({
    name: w.isMain ? `${w.name} (main)` : w.name,
    branch: w.branch ?? '(detached)',
    state: worktreeState(w, plain),
    path: w.path,
  }));
  const [header = '', ...labels] = renderTable(rows, [
    { key: 'name', header: 'NAME' },
    { key: 'branch', header: 'BRANCH' },
    { key: 'state', header: 'STATE' },
    { key: 'path', header: 'PATH' },
  ]).split('\n');
  return ui.pick(
    message,
    worktrees.map((worktree, i) => ({
      value: worktree,
      label: labels[i] ?? '',
      name: worktree.name,
    })),
    { header, hint: 'pass the name as an argument (plum list shows them)' },
  );
}
