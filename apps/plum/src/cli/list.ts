// `plum list`: every worktree, as a table or as JSON, with the columns plugins add.
import type { Command } from 'commander';
import type { ListColumn } from '@plumpots/core';
import { shortSha, worktreeState, type Column, type Ui } from '@plumpots/core/ui';
import { listColumns, listWorktrees, WORKTREE_FIELDS } from '../api/list.js';
import type { Worktree } from '../api/types.js';
import { commandEnv, withGlobals } from './shared.js';
import { trustConfirm } from './confirm.js';

interface ListFlags {
  json?: boolean;
  status?: boolean;
}

export function registerList(program: Command): void {
  withGlobals(
    program
      .command('list')
      .alias('ls')
      .description('list every worktree: name, branch, state and path')
      .option('--json', 'print JSON: an array of worktree objects')
      .option('--no-status', 'skip git status (dirty, untracked, ahead/behind): one git call'),
  )
    .addHelpText(
      'after',
      `
Examples:
  plum list                       the table (› current worktree; * dirty, ?N untracked, ↑↓ ahead/behind)
  plum list --json | jq -r '.[] | select(.dirty) | .path'
  plum list --no-status           faster on many worktrees

Exit codes: 0 listed, 1 a plugin's column failed, 4 the repository's plugins are not trusted
(the list is printed either way, without those columns).`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const env = commandEnv(command);
      const { ui } = env;
      const flags = command.opts<ListFlags>();
      const ctx = await env.context();
      const worktrees = await listWorktrees(ctx, { status: flags.status !== false });
      // A broken plugin or config must not hide the list: print it, then report the failure.
      let columns: ListColumn[] = [];
      let failure: unknown;
      try {
        columns = await listColumns(ctx, worktrees, { confirm: trustConfirm(ui) });
      } catch (error) {
        failure = error;
      }
      if (ui.mode.json) ui.json(withColumns(worktrees, columns));
      else await renderTable(ui, worktrees, columns);
      if (failure !== undefined) {
        throw failure instanceof Error
          ? failure
          : new Error('unexpected failure', { cause: failure });
      }
    });
}

/** Each worktree with the plugins' values as extra fields; a built-in field is never replaced. */
export function withColumns(
  worktrees: readonly Worktree[],
  columns: readonly ListColumn[],
): Array<Record<string, unknown>> {
  const taken = new Set<string>(WORKTREE_FIELDS);
  const usable = columns.filter((column) => {
    if (taken.has(column.key)) return false;
    taken.add(column.key);
    return true;
  });
  return worktrees.map((worktree) => {
    const row: Record<string, unknown> = { ...worktree };
    for (const column of usable) row[column.key] = column.values[worktree.path] ?? null;
    return row;
  });
}

async function renderTable(
  ui: Ui,
  worktrees: readonly Worktree[],
  columns: readonly ListColumn[],
): Promise<void> {
  const c = ui.colors.stdout;
  const rows = worktrees.map((w) => {
    const row: Record<string, string> = {
      mark: w.isCurrent ? c.green('›') : '',
      name: w.isMain ? `${w.name} ${c.dim('(main)')}` : w.name,
      branch: w.branch ?? c.dim(w.head ? `(detached ${shortSha(w.head)})` : '(detached)'),
      state: worktreeState(w, c),
      path: w.path,
    };
    columns.forEach((column, i) => {
      row[`plugin${i}`] = column.values[w.path] ?? '';
    });
    return row;
  });
  const table: Column<Record<string, string>>[] = [
    { key: 'mark', header: '' },
    { key: 'name', header: 'NAME' },
    { key: 'branch', header: 'BRANCH' },
    { key: 'state', header: 'STATE' },
    { key: 'path', header: 'PATH' },
    ...columns.map((column, i) => ({ key: `plugin${i}`, header: column.header })),
  ];
  await ui.printTable(rows, table);
}
