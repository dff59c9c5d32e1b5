// The plugin contract: a name, optional subcommands, typed lifecycle hooks. plum's own commands are
// registered the same way as a plugin's.
import type { Command } from 'commander';

/** What hooks learn about a worktree. plum's Worktree objects satisfy it. */
export interface WorktreeRef {
  name: string;
  path: string;
  branch: string | null;
  head: string | null;
}

/** The repository a hook runs for. */
export interface RepoRef {
  /** Absolute, real path of the common git dir: the repo's identity. */
  commonDir: string;
  /** The main worktree, or the directory holding the bare repo. */
  projectRoot: string;
  projectName: string;
}

/** A column a plugin adds to `plum list`: values keyed by worktree path (null = empty cell). */
export interface ListColumn {
  key: string;
  header: string;
  values: Record<string, string | null>;
}

export interface HookContext {
  /** The resolved config (plain data; plugin sections are under their own keys). */
  config: Readonly<Record<string, unknown>>;
  cwd: string;
  /** Print a progress line on stderr (hidden in --json mode). */
  log(message: string): void;
  /** Extra options the command was given, e.g. `{ yes: true, force: false }`. */
  options: Readonly<Record<string, unknown>>;
}

/**
 * `plum remove` with no name inside a linked worktree: a plugin may hand the removal to a process
 * outside the worktree (pots: a tmux pane at the main worktree) instead of plum printing the
 * commands to run by hand. Safety checks have passed when it is called.
 */
export interface RemoveSelfPayload {
  repo: RepoRef;
  worktree: WorktreeRef;
  /** Where the removal must run: the main worktree (the common dir in a bare layout). */
  cwd: string;
  /** The removal to run there, as argv (`[node, plum bin, 'remove', name, '--yes', …]`). */
  command: readonly string[];
  /** Asks "Remove this worktree from the main repo?" (true with --yes; false without a terminal). */
  confirm(): Promise<boolean>;
}

/** What a `worktree:removeSelf` hook did; `undefined` means it does not apply. */
export type RemoveSelfResult =
  | { handled: true; /** Where the removal runs, e.g. a tmux pane id. */ pane: string }
  | {
      handled: false;
      /** not-in-tmux (or no way to run it elsewhere), declined, or failed (tmux said no). */
      reason: 'not-in-tmux' | 'declined' | 'failed';
      message?: string;
    };

export interface HookPayloads {
  'worktree:afterCreate': { repo: RepoRef; worktree: WorktreeRef };
  'worktree:beforeRemove': { repo: RepoRef; worktree: WorktreeRef };
  'worktree:afterRemove': { repo: RepoRef; worktree: WorktreeRef };
  'worktree:removeSelf': RemoveSelfPayload;
  'list:columns': { repo: RepoRef; worktrees: readonly WorktreeRef[] };
}

export interface HookResults {
  'worktree:afterCreate': void;
  'worktree:beforeRemove': void;
  'worktree:afterRemove': void;
  'worktree:removeSelf': RemoveSelfResult | undefined;
  'list:columns': ListColumn | ListColumn[] | undefined;
}

export type HookName = keyof HookPayloads;

export type Hooks = {
  [K in HookName]?: (
    payload: HookPayloads[K],
    context: HookContext,
  ) => HookResults[K] | Promise<HookResults[K]>;
};

export interface PluginCommand {
  name: string;
  /** Adds the command to the CLI's commander program. */
  register(program: Command): void;
}

export interface Plugin {
  name: string;
  commands?: readonly PluginCommand[];
  hooks?: Hooks;
}

/**
 * Declares a plugin (an identity function that gives the object its type).
 * @example export default definePlugin({ name: 'hello', hooks: { 'worktree:afterCreate': ({ worktree }) => console.error(worktree.path) } });
 */
export function definePlugin<const P extends Plugin>(plugin: P): P {
  return plugin;
}
