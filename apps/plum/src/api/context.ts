// Everything a plum operation needs about where it runs: the repo, the cwd, lazily the config and
// the plugin host. Library callers (pots) make one with openRepo() and pass it to every api call.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPluginHost, discoverRepoWithWorktrees, type PluginHost } from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import { keepOpeningListing, onReload } from './context-state.js';
import type { OpenOptions, PlumContext } from './context-types.js';
import type { Repo } from './types.js';

export type { OpenOptions, PlumContext } from './context-types.js';

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
  onReload(ctx, () => {
    config = undefined;
    host = undefined;
  });
  keepOpeningListing(ctx, records);
  return ctx;
}

export { dropOpeningListing, reloadConfig, takeOpeningListing } from './context-state.js';
