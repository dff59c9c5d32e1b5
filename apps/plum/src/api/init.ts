// `plum init`: a commented `.plumrc.yaml` holding every default, at the root of the current worktree.
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RefusedError, UsageError, isFile } from '@plumpots/core';
import type { PlumConfig } from '@plumpots/core/config';
import type { PlumContext } from './context.js';

export interface InitOptions {
  /** Overwrite an existing `.plumrc.yaml` (other config files are left alone and reported). */
  force?: boolean;
}

export interface InitResult {
  /** The file written. */
  file: string;
  /** It replaced an existing `.plumrc.yaml`. */
  overwritten: boolean;
  /** Other config files in the same directory; the first in search order wins over the new one. */
  others: string[];
}

/** The name `plum init` writes. */
export const INIT_FILE = '.plumrc.yaml';

/**
 * Writes `.plumrc.yaml` with every default, commented, at the root of the worktree holding the
 * cwd. Refuses (exit 4, ERR_PLUM_CONFIG_EXISTS) when a plum config file is already there, unless
 * `force`.
 * @example const { file } = await initConfig(ctx); // '/src/shop/.plumrc.yaml'
 */
export async function initConfig(ctx: PlumContext, options: InitOptions = {}): Promise<InitResult> {
  const dir = ctx.repo.currentWorktree ?? (ctx.repo.isBare ? ctx.repo.projectRoot : null);
  if (dir === null) {
    throw new UsageError('not inside a worktree: cannot tell where .plumrc.yaml belongs', {
      hint: 'run plum init from the worktree root, or pass -C <worktree>',
    });
  }
  const [{ REPO_SEARCH_PLACES }, { defaultConfig }] = await Promise.all([
    import('@plumpots/core/config'),
    import('@plumpots/core/config/schema'),
  ]);
  const file = join(dir, INIT_FILE);
  const existing = await existingConfigFiles(dir, REPO_SEARCH_PLACES);
  const others = existing.filter((found) => found !== file);
  const overwritten = existing.includes(file);
  if (existing.length > 0 && !options.force) {
    throw new RefusedError(
      'ERR_PLUM_CONFIG_EXISTS',
      `a plum config already exists in ${dir}; nothing written`,
      {
        details: existing,
        hint: overwritten
          ? 'edit it, or pass --force to replace .plumrc.yaml with the defaults'
          : 'edit it; --force writes .plumrc.yaml anyway, which the existing file keeps shadowing',
      },
    );
  }
  const text = renderInitFile(defaultConfig());
  // Temp file + rename: an interrupted init never leaves half a config behind.
  const temp = join(dir, `.plumrc.yaml.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    if (options.force) await rename(temp, file);
    else {
      // link() never replaces: a file created meanwhile by someone else survives.
      await link(temp, file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
        throw new RefusedError(
          'ERR_PLUM_CONFIG_EXISTS',
          `${file} appeared meanwhile; nothing written`,
        );
      });
    }
  } finally {
    await rm(temp, { force: true });
  }
  return { file, overwritten, others };
}

/**
 * The text `plum init` writes: every key with its default value and a comment. Values are written
 * as JSON (valid YAML), so reading it back gives exactly `defaultConfig()`.
 * @example renderInitFile(defaultConfig()).startsWith('# plum config') // true
 */
export function renderInitFile(d: PlumConfig): string {
  const v = (value: unknown) => JSON.stringify(value);
  return `# plum config (read by plum and pots). Every key below holds its default: delete what you do
# not change. Precedence: defaults < ~/.config/plum/config.yaml < this file < env vars < flags.
# Check the result with \`plum config --origin\`.
#
# Commands in this file (hooks, template panes, plugins) are your repository's code for everyone who
# clones it: plum runs them only after each user approved them with \`plum trust\`.

worktrees:
  # Where \`plum create <branch>\` puts the new worktree, relative to the main worktree.
  # {repo} is the repository's directory name, {branch} the branch ("/" becomes "-").
  # Env: PLUM_WORKTREES_DIR.
  dir: ${v(d.worktrees.dir)}
  # Base of new branches; null: the remote's default branch, else HEAD.
  base: ${v(d.worktrees.base)}
  # Untracked files copied from the main worktree into each new one (globs). "dir/" copies an
  # ignored directory whole (node_modules/), copy-on-write where the filesystem can.
  copy: ${v(d.worktrees.copy)}
  # Where a directory cannot be cloned copy-on-write: copy (in full) or skip (postCreate installs).
  copyFallback: ${v(d.worktrees.copyFallback)}
  # Ignored files \`plum remove\` may delete without asking (globs). Anything else ignored that
  # differs from the main worktree's copy makes remove refuse.
  disposable: ${v(d.worktrees.disposable)}

hooks:
  # Shell commands run in a new worktree after \`plum create\` (e.g. ["pnpm install"]). They get
  # PLUM_WORKTREE_PATH, PLUM_BRANCH, … as environment variables.
  postCreate: ${v(d.hooks.postCreate)}
  # Shell commands run in a worktree before \`plum remove\` deletes it.
  preRemove: ${v(d.hooks.preRemove)}

# Plugins: package names (e.g. "@plumpots/pots/plum-plugin") or paths relative to this file.
plugins: ${v(d.plugins)}

pots:
  # "session": one tmux session per worktree and task; "window": one session, a window each.
  # Env: POTS_MODE.
  mode: ${v(d.pots.mode)}
  # The one session's name in window mode.
  session: ${v(d.pots.session)}
  # Put before every session name. Env: POTS_SESSION_PREFIX.
  prefix: ${v(d.pots.prefix)}
  # Task used when none is given. Env: POTS_DEFAULT_TASK.
  defaultTask: ${v(d.pots.defaultTask)}
  # Open a session after \`plum create\` (with pots's plum plugin). Env: POTS_AUTO_START_SESSION.
  autoStart: ${v(d.pots.autoStart)}
  # Template used when none is given.
  template: ${v(d.pots.template)}
  # A pane with no output for this many seconds counts as idle.
  idleSeconds: ${v(d.pots.idleSeconds)}
  # Seconds between SIGTERM and SIGKILL when a worktree's processes are stopped.
  killGraceSeconds: ${v(d.pots.killGraceSeconds)}
  # Session layouts by name. Example:
  #   templates:
  #     review:
  #       windows:
  #         - name: code
  #           layout: main-vertical
  #           panes: ["nvim .", "git log --oneline -20"]
  templates: ${v(d.pots.templates)}
  agents:
    # An agent working with no output and no hook event this long is stuck.
    stuckSeconds: ${v(d.pots.agents.stuckSeconds)}
    # Screen rules per agent, added to or replacing the built-ins by name:
    #   claude: [{ name: quota, state: waiting, match: "usage limit reached" }]
    rules: ${v(d.pots.agents.rules)}
  notify:
    # A shell command run when an agent enters waiting, idle or exited (POTS_PANE, POTS_STATE,
    # POTS_SESSION, POTS_WORKTREE, POTS_MESSAGE in its environment).
    command: ${v(d.pots.notify.command)}
    # A message on the attached tmux clients.
    display: ${v(d.pots.notify.display)}
    # The terminal bell in the agent's window.
    bell: ${v(d.pots.notify.bell)}
    # notify-send, when it is installed.
    desktop: ${v(d.pots.notify.desktop)}
`;
}

async function existingConfigFiles(dir: string, places: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const place of places) {
    const file = join(dir, place);
    if (!(await isFile(file))) continue;
    // package.json is only a plum config when it has a "plum" key.
    if (place === 'package.json' && !(await hasPlumKey(file))) continue;
    found.push(file);
  }
  return found;
}

async function hasPlumKey(file: string): Promise<boolean> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, 'plum');
  } catch {
    return false;
  }
}
