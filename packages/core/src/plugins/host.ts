// Loads the plugins named in config (lazily: only when a command fires a hook or lists commands)
// and runs their hooks in order. An error inside a plugin is re-thrown naming the plugin.
import { isPlumError, PluginError } from '../errors.js';
import type { HookContext, HookName, HookPayloads, HookResults, Plugin } from './define.js';
import type { ResolveFrom } from './resolve.js';

export interface PluginHost {
  /** Imports every plugin (once). */
  load(): Promise<readonly Plugin[]>;
  /** Runs `hook` of every plugin in config order; results in the same order. */
  run<K extends HookName>(
    hook: K,
    payload: HookPayloads[K],
    context: HookContext,
  ): Promise<Array<{ plugin: string; result: HookResults[K] }>>;
}

/**
 * @example const host = createPluginHost([...builtins], config.plugins, { configDir, selfFile });
 *          await host.run('worktree:afterCreate', { repo, worktree }, context);
 */
export function createPluginHost(
  builtins: readonly Plugin[],
  entries: readonly string[],
  from: ResolveFrom,
): PluginHost {
  let loaded: Promise<readonly Plugin[]> | undefined;
  const load = () => (loaded ??= loadAll(builtins, entries, from));
  return {
    load,
    async run(hook, payload, context) {
      const out: Array<{ plugin: string; result: HookResults[typeof hook] }> = [];
      for (const plugin of await load()) {
        const fn = plugin.hooks?.[hook];
        if (!fn) continue;
        try {
          out.push({ plugin: plugin.name, result: await fn(payload, context) });
        } catch (error) {
          throw wrapPluginError(plugin.name, hook, error);
        }
      }
      return out;
    },
  };
}

async function loadAll(
  builtins: readonly Plugin[],
  entries: readonly string[],
  from: ResolveFrom,
): Promise<readonly Plugin[]> {
  const plugins = [...builtins];
  // Most configs name no plugin: the resolver (and resolve.exports) loads only when one does.
  if (entries.length === 0) return plugins;
  const { resolvePlugin } = await import('./resolve.js');
  for (const entry of entries) {
    const url = resolvePlugin(entry, from);
    let mod: { default?: unknown; plugin?: unknown };
    try {
      mod = (await import(url)) as typeof mod;
    } catch (error) {
      throw new PluginError(entry, `failed to load: ${(error as Error).message}`, { cause: error });
    }
    const plugin = (mod.default ?? mod.plugin) as Plugin | undefined;
    if (!plugin || typeof plugin !== 'object' || typeof plugin.name !== 'string') {
      throw new PluginError(entry, 'does not export a plugin (export default definePlugin({...}))');
    }
    plugins.push(plugin);
  }
  return plugins;
}

function wrapPluginError(name: string, hook: string, error: unknown): PluginError {
  if (isPlumError(error)) {
    // Keep the plugin's own exit code (e.g. exit 4 "refused") and hint, but name the plugin.
    return new PluginError(name, `${hook}: ${error.message}`, {
      exitCode: error.exitCode,
      hint: error.hint,
      details: error.details,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new PluginError(name, `${hook} failed: ${message}`, { cause: error });
}
