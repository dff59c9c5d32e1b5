// Everything a plum operation needs about where it runs: the repo, the cwd, lazily the config and
// the plugin host. Library callers (pots) make one with openRepo() and pass it to every api call.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createPluginHost,
  discoverRepoWithWorktrees,
  type HookContext,
  type PluginHost,
  type WorktreeRecord,
} from '@plumpots/core';
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

/**
 * Finds the repository containing `cwd` and returns the context every plum API call takes. It
 * finds it by listing the worktrees (one git process from any worktree); that listing serves the
 * context's first `listWorktrees`, unless a change made through the context (create, remove,
 * prune) discarded it first.
 * @example const ctx = await openRepo({ cwd: '/src/shop' }); const list = await listWorktrees(ctx);
 */
export async function openRepo(options: OpenOptions = {}): Promise<PlumContext> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const { info, records } = await discoverRepoWithWorktrees(cwd);
  const repo: Repo = {
    commonDir: info.commonDir,
    projectRoot: info.projectRoot,
    projectName: info.projectName,
    mainWorktree: info.mainWorktree,
    isBare: info.isBare,
    currentWorktree: info.worktreePath,
  };
  const log = options.log ?? (() => undefined);
  let config: Promise<ResolvedConfig> | undefined;
  let host: Promise<PluginHost> | undefined;
  const ctx: PlumContext = {
    cwd,
    repo,
    env,
    signal: options.signal,
    log,
    config: () =>
      (config ??= import('@plumpots/core/config').then(
        async ({ loadConfig, loadCodeConfig, withCodeConfig }) => {
          const resolved = await loadConfig({
            cwd,
            repoRoot: info.worktreePath ?? info.projectRoot,
            env,
            ...(options.flags ? { flags: options.flags } : {}),
            // pots' settings are pots' to refuse: plum says what is wrong and carries on.
            tolerateEnv: {
              variables: (name) => name.startsWith('POTS_'),
              warn: options.warn ?? log,
            },
          });
          // A JS/TS repository config is its authors' code: it runs only once the user trusted
          // its exact bytes (api/trust.ts); until then its layer is absent and ensureTrusted asks.
          if (resolved.codeFile === null) return resolved;
          const { isCodeConfigTrusted } = await import('./trust.js');
          if (!(await isCodeConfigTrusted(ctx, resolved.codeFile))) return resolved;
          return withCodeConfig(resolved, await loadCodeConfig(resolved.codeFile));
        },
      )),
    plugins: () =>
      (host ??= ctx.config().then(async (resolved) => {
        const origin = resolved.origins.get('plugins');
        // Plugins are code: a repository's are imported only once trusted, whoever asks for the
        // host (a command that can ask the user calls ensureTrusted with a prompt first).
        if (origin?.source === 'repo' && resolved.config.plugins.length > 0) {
          const { ensureTrusted } = await import('./trust.js');
          await ensureTrusted(ctx);
        }
        const configDir = origin?.file ? dirname(origin.file) : cwd;
        return createPluginHost([], resolved.config.plugins, {
          configDir,
          selfFile: fileURLToPath(import.meta.url),
        });
      })),
    hookContext: async (hookOptions = {}) => ({
      config: (await ctx.config()).config as unknown as Record<string, unknown>,
      cwd,
      log,
      options: hookOptions,
    }),
  };
  reloaders.set(ctx, () => {
    config = undefined;
    host = undefined;
  });
  openingListings.set(ctx, records);
  return ctx;
}

const openingListings = new WeakMap<object, WorktreeRecord[]>();

/** The worktree listing read while opening `ctx`, the first time it is asked for; then undefined. */
export function takeOpeningListing(ctx: object): WorktreeRecord[] | undefined {
  const records = openingListings.get(ctx);
  openingListings.delete(ctx);
  return records;
}

/** Discards the opening listing: the worktrees are about to change. */
export function dropOpeningListing(ctx: object): void {
  openingListings.delete(ctx);
}

const reloaders = new WeakMap<PlumContext, () => void>();

/**
 * Makes the next `ctx.config()` and `ctx.plugins()` load afresh (after a trust change, which decides
 * whether a JS/TS repository config is loaded).
 * @example await approve(ctx); reloadConfig(ctx); const { config } = await ctx.config();
 */
export function reloadConfig(ctx: PlumContext): void {
  reloaders.get(ctx)?.();
}
