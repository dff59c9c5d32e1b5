// What the repository's config would run: the input to the trust check. The user's own config and
// flags are trusted, so only values whose origin is the repo layer are listed.
import type { ResolvedConfig } from './load.js';

export interface RepoCommand {
  /** Key path of the entry: `hooks.postCreate.0`, `pots.templates.review.windows.0.panes.1`, `plugins.0`. */
  key: string;
  /** The shell command, or for a plugin the module it names. Empty for a shell pane that only sets env. */
  command: string;
  kind: 'hook' | 'pane' | 'plugin';
  /** Variables the repo sets for a pane (window env, then pane env): `LD_PRELOAD` is code too. */
  env?: Readonly<Record<string, string>>;
}

/**
 * Every command, pane environment and plugin that came from the repository layer.
 * @example for (const { key, command } of repoCommands(resolved)) console.log(key, command);
 */
export function repoCommands(resolved: ResolvedConfig): RepoCommand[] {
  const { config, origins } = resolved;
  const fromRepo = (key: string) => origins.get(key)?.source === 'repo';
  const out: RepoCommand[] = [];

  for (const hook of ['postCreate', 'preRemove'] as const) {
    if (!fromRepo(`hooks.${hook}`)) continue;
    config.hooks[hook].forEach((command, i) =>
      out.push({ key: `hooks.${hook}.${i}`, command, kind: 'hook' }),
    );
  }

  // A plugin is imported and run: from a repository it is as much code as a hook.
  if (fromRepo('plugins')) {
    config.plugins.forEach((plugin, i) =>
      out.push({ key: `plugins.${i}`, command: plugin, kind: 'plugin' }),
    );
  }

  // The notification command runs a shell command whenever an agent needs the user.
  if (fromRepo('pots.notify.command') && config.pots.notify.command !== null) {
    out.push({ key: 'pots.notify.command', command: config.pots.notify.command, kind: 'hook' });
  }

  for (const [name, template] of Object.entries(config.pots.templates)) {
    const windowsKey = `pots.templates.${name}.windows`;
    if (!fromRepo(windowsKey)) continue;
    template.windows.forEach((window, w) => {
      window.panes.forEach((pane, p) => {
        const spec = typeof pane === 'string' ? { command: pane, env: undefined } : pane;
        const env = { ...window.env, ...spec.env };
        const command = spec.command ?? '';
        const hasEnv = Object.keys(env).length > 0;
        if (command === '' && !hasEnv) return;
        out.push({
          key: `${windowsKey}.${w}.panes.${p}`,
          command,
          kind: 'pane',
          ...(hasEnv ? { env } : {}),
        });
      });
    });
  }
  return out;
}
