// Values for shell completion (`pots __complete <kind>`), on every TAB: one tmux call for sessions
// and targets, one git call for worktrees, a directory listing (and the config, when there is a
// file) for templates. Never the plum context, never trust, never a template file's contents.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { completionValues as plumCompletionValues } from '@plumpots/plum';
import { BUILTIN_TEMPLATE_NAMES } from '../templates/builtins.js';
import { TEMPLATE_NAME } from '../templates/model.js';
import { repoTemplatesDir, userTemplatesDir } from '../templates/sources.js';
import { listWindows, type TmuxWindow } from '../tmux/index.js';
import { listPaneStates } from '../tmux/pane-state.js';
import type { PotsContext } from './context.js';

/** What `pots __complete` can list. */
export const COMPLETION_KINDS = ['sessions', 'templates', 'targets', 'worktrees'] as const;
/**
 * `sessions`: every session's name, and the name of each window pots made in window mode (what
 * attach, info and kill take); `templates`: template names (built-in, yours, the repository's,
 * config's); `targets`: pane ids, `session`, `session:window` and `session:window.pane` (what send,
 * capture, logs and wait take); `worktrees`: worktree names and branches.
 */
export type CompletionKind = (typeof COMPLETION_KINDS)[number];

export interface CompletionValue {
  value: string;
  description: string;
}

/**
 * The candidates of `kind`, without duplicates or values a shell cannot take as one line. Throws
 * when tmux or git does (the caller stays silent); an absent tmux server means none.
 * @example (await completionValues(openPots(), 'sessions')).map((v) => v.value) // ['app-main-dev']
 */
export async function completionValues(
  pots: PotsContext,
  kind: CompletionKind,
): Promise<CompletionValue[]> {
  const values = await {
    sessions: () => sessionValues(pots),
    templates: () => templateValues(pots),
    targets: () => targetValues(pots),
    worktrees: () => plumCompletionValues(pots.cwd, 'worktrees'),
  }[kind]();
  const seen = new Set<string>();
  return values.filter(({ value }) => {
    if (value === '' || /[\t\n\r]/.test(value) || seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}

async function sessionValues(pots: PotsContext): Promise<CompletionValue[]> {
  const windows = await listWindows(pots.tmux);
  const sessions = new Map<string, TmuxWindow[]>();
  for (const window of windows) {
    sessions.set(window.sessionId, [...(sessions.get(window.sessionId) ?? []), window]);
  }
  const out: CompletionValue[] = [];
  for (const list of sessions.values()) {
    const first = list[0]!;
    // A window's `@pots-*` fall back to its session's: `unit` says whose they are.
    const tags = list.find((w) => w.options.unit === 'session')?.options ?? null;
    out.push({
      value: first.sessionName,
      description: [
        tags?.worktree ? `${basename(tags.worktree)} ${tags.task ?? ''}`.trim() : null,
        first.sessionAttached > 0 ? 'attached' : null,
        `${list.length} window${list.length === 1 ? '' : 's'}`,
      ]
        .filter((part) => part !== null)
        .join(', '),
    });
  }
  for (const window of windows) {
    if (window.options.unit !== 'window' || !window.options.worktree) continue;
    out.push({
      value: window.name,
      description:
        `window of ${window.sessionName}: ${basename(window.options.worktree)} ${window.options.task ?? ''}`.trim(),
    });
  }
  return out;
}

async function targetValues(pots: PotsContext): Promise<CompletionValue[]> {
  const panes = await listPaneStates(pots.tmux);
  const sessions: CompletionValue[] = [];
  const windows: CompletionValue[] = [];
  const byPane: CompletionValue[] = [];
  const ids: CompletionValue[] = [];
  for (const pane of panes) {
    const window = `${pane.sessionName}:${pane.windowName}`;
    const command = pane.userCommand ?? (pane.startCommand || pane.currentCommand);
    if (pane.windowActive && pane.active) {
      sessions.push({ value: pane.sessionName, description: `${pane.id} ${command}` });
    }
    if (pane.active) windows.push({ value: window, description: `${pane.id} ${command}` });
    byPane.push({ value: `${window}.${pane.index}`, description: `${pane.id} ${command}` });
    ids.push({ value: pane.id, description: `${window}.${pane.index} ${command}` });
  }
  return [...sessions, ...windows, ...byPane, ...ids];
}

async function templateValues(pots: PotsContext): Promise<CompletionValue[]> {
  const worktree = worktreeTop(pots.cwd);
  const [user, repo, config] = await Promise.all([
    templateFiles(userTemplatesDir(pots.env)),
    worktree ? templateFiles(repoTemplatesDir(worktree)) : [],
    configTemplates(pots, worktree),
  ]);
  // Later sources win, as in listTemplates: the description names the one in effect.
  const where = new Map<string, string>();
  for (const name of BUILTIN_TEMPLATE_NAMES) where.set(name, 'built-in');
  for (const name of user) where.set(name, 'yours');
  for (const name of repo) where.set(name, 'the repository’s');
  for (const name of config) where.set(name, 'config');
  return [...where]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, description]) => ({ value, description }));
}

async function templateFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).flatMap((file) => {
      const name = /^(.*)\.(?:ya?ml|json)$/.exec(file)?.[1];
      return name !== undefined && TEMPLATE_NAME.test(name) ? [name] : [];
    });
  } catch {
    return [];
  }
}

async function configTemplates(pots: PotsContext, worktree: string | null): Promise<string[]> {
  try {
    const { loadConfig } = await import('@plumpots/core/config');
    const resolved = await loadConfig({ cwd: pots.cwd, repoRoot: worktree, env: pots.env });
    return Object.keys(resolved.config.pots.templates);
  } catch {
    return []; // an invalid config: the other templates still complete
  }
}

/** The top of the worktree holding `dir` (the nearest directory with a `.git`), without git. */
function worktreeTop(dir: string): string | null {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return null;
  }
}
