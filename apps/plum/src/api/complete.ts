// Values for shell completion (`plum __complete <kind>`): on every TAB, so one git call and no
// config, no status, no repository discovery.
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { git, listWorktreeRecords } from '@plumpots/core';

/** What `plum __complete` can list. */
export const COMPLETION_KINDS = ['worktrees', 'linked', 'branches', 'refs'] as const;
/**
 * `worktrees`: names and branches of every worktree; `linked`: the same without the main worktree;
 * `branches`: local branches and remote ones by their short name (what `plum create` takes);
 * `refs`: local and remote-tracking branches and tags (what `--base` takes).
 */
export type CompletionKind = (typeof COMPLETION_KINDS)[number];

export interface CompletionValue {
  value: string;
  description: string;
}

/**
 * The completion candidates of `kind` for the repository containing `cwd`, without duplicates.
 * One git process.
 * @example (await completionValues('/src/shop', 'worktrees')).map((v) => v.value) // ['shop', 'main', 'feat-login', 'feat/login']
 */
export async function completionValues(
  cwd: string,
  kind: CompletionKind,
): Promise<CompletionValue[]> {
  const values =
    kind === 'worktrees' || kind === 'linked'
      ? await worktreeValues(cwd, kind === 'linked')
      : await refValues(cwd, kind === 'refs');
  const seen = new Set<string>();
  return values.filter(({ value }) => {
    // A value the shell cannot take as one line would complete to something else.
    if (value === '' || /[\t\n\r]/.test(value) || seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

async function worktreeValues(cwd: string, linkedOnly: boolean): Promise<CompletionValue[]> {
  const records = await listWorktreeRecords(cwd);
  const worktrees = records
    .filter((record, i) => !record.bare && !(linkedOnly && i === 0))
    .map((record) => ({ name: basename(physical(record.path)), branch: record.branch }));
  return [
    ...worktrees.map((w) => ({ value: w.name, description: w.branch ?? 'detached' })),
    ...worktrees.flatMap((w) =>
      w.branch === null ? [] : [{ value: w.branch, description: `worktree ${w.name}` }],
    ),
  ];
}

async function refValues(cwd: string, full: boolean): Promise<CompletionValue[]> {
  const namespaces = full
    ? ['refs/heads', 'refs/remotes', 'refs/tags']
    : ['refs/heads', 'refs/remotes'];
  const out = await git(cwd).run(['for-each-ref', '--format=%(refname)', ...namespaces]);
  const local: CompletionValue[] = [];
  const remote: CompletionValue[] = [];
  const tags: CompletionValue[] = [];
  for (const ref of out.split('\n')) {
    if (ref.startsWith('refs/heads/')) {
      local.push({ value: ref.slice('refs/heads/'.length), description: 'branch' });
    } else if (ref.startsWith('refs/remotes/')) {
      const short = ref.slice('refs/remotes/'.length);
      const slash = short.indexOf('/');
      if (slash === -1 || short.endsWith('/HEAD')) continue;
      const [remoteName, branch] = [short.slice(0, slash), short.slice(slash + 1)];
      remote.push(
        full
          ? { value: short, description: 'remote branch' }
          : { value: branch, description: `on ${remoteName}` },
      );
    } else if (ref.startsWith('refs/tags/')) {
      tags.push({ value: ref.slice('refs/tags/'.length), description: 'tag' });
    }
  }
  return [...local, ...remote, ...tags];
}

function physical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
