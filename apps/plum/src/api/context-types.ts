// The shape of plum's context, apart from the code that opens one: the modules it calls lazily
// (trust, lock) name it without importing the opener.
import type { HookContext, PluginHost } from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import type { Repo } from './types.js';

export interface OpenOptions {
  /** Directory to work from (default process.cwd()); `-C` on the CLI. */
  cwd?: string;
  /** Environment for config (XDG dirs, POTS_* variables) and hooks (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: long operations stop and roll back what they made. */
  signal?: AbortSignal;
  /** Progress lines (hooks, plugins); the CLI prints them on stderr. Default: silent. */
  log?: (message: string) => void;
  /** Warnings (a bad POTS_* variable, which plum ignores: it is pots'); default `log`. */
  warn?: (message: string) => void;
  /** Config values given as flags (highest precedence). */
  flags?: Record<string, unknown>;
}

export interface PlumContext {
  readonly cwd: string;
  readonly repo: Repo;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal | undefined;
  log(message: string): void;
  /** The resolved config (loaded once, on first use). */
  config(): Promise<ResolvedConfig>;
  /** The plugin host for the config's `plugins` (loaded once, on first use). */
  plugins(): Promise<PluginHost>;
  /** The context object handed to plugin hooks. */
  hookContext(options?: Record<string, unknown>): Promise<HookContext>;
}
