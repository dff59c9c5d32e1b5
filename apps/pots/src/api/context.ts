// What every pots operation needs: the tmux gateway for the chosen server, the cwd and env, and —
// lazily — plum's context for the repository around the cwd and pots's settings from config.
import { isPlumError } from '@plumpots/core';
import { openRepo, type PlumContext } from '@plumpots/plum';
import { potsDataDir } from '../agents/paths.js';
import { createTmux, serverFromEnv, type Tmux, type TmuxServerRef } from '../tmux/index.js';

export { potsDataDir };

/** How units are laid out: a session each, or a window each in one session. */
export type UnitMode = 'session' | 'window';

/** pots's settings (config `pots.*`, env `POTS_*`, flags), as every command reads them. */
export interface PotsSettings {
  mode: UnitMode;
  /** The one session of window mode. */
  session: string;
  prefix: string;
  defaultTask: string;
  autoStart: boolean;
}

export interface PotsOptions {
  /** Directory to work from (default process.cwd()); `-C` on the CLI. */
  cwd?: string;
  /** Environment for config, `$TMUX` and the tmux clients (default process.env; scrubbed for tmux). */
  env?: NodeJS.ProcessEnv;
  /** The tmux server (`-L`/`-S`); default `serverFromEnv(env)`. */
  server?: TmuxServerRef;
  /** `--mode`: overrides `pots.mode`. */
  mode?: UnitMode;
  /** Called with each tmux argv before it runs (`--verbose`, call-count tests). */
  onCommand?: (argv: string[]) => void;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
  /** Progress lines; default silent. */
  log?: (message: string) => void;
  /** A ready gateway (tests); wins over `server` and `onCommand`. */
  tmux?: Tmux;
  /** Settings already known (the plum plugin gets them from plum's config): no config load. */
  settings?: PotsSettings;
}

export interface PotsContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly tmux: Tmux;
  log(message: string): void;
  /** plum's context for the repository around `cwd`; NotFoundError (exit 3) outside one. */
  repo(): Promise<PlumContext>;
  /** The same, or null outside a repository. */
  tryRepo(): Promise<PlumContext | null>;
  /** Config `pots.*` merged with env and `--mode` (loaded once). */
  settings(): Promise<PotsSettings>;
}

/**
 * The context every pots API call takes. Spawns nothing until a call needs git or tmux.
 * @example const pots = openPots({ cwd: '/src/app', server: { socketName: 'work' } });
 *   const units = await listUnits(pots);
 */
export function openPots(options: PotsOptions = {}): PotsContext {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const tmux =
    options.tmux ??
    createTmux(options.server ?? serverFromEnv(env), {
      env,
      ...(options.onCommand ? { onCommand: options.onCommand } : {}),
    });
  const flags = options.mode ? { pots: { mode: options.mode } } : undefined;
  const log = options.log ?? (() => undefined);
  let opened: Promise<{ ctx: PlumContext } | { error: unknown }> | undefined;
  let settings: Promise<PotsSettings> | undefined;

  const open = () =>
    (opened ??= openRepo({
      cwd,
      env,
      log,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(flags ? { flags } : {}),
    }).then(
      (plum) => ({ ctx: plum }),
      (error: unknown) => ({ error }),
    ));
  const tryRepo = async () => {
    const opening = await open();
    if ('ctx' in opening) return opening.ctx;
    if (isPlumError(opening.error) && opening.error.code === 'ERR_NOT_A_REPO') return null;
    throw opening.error;
  };

  const ctx: PotsContext = {
    cwd,
    env,
    tmux,
    log,
    tryRepo,
    async repo() {
      const opening = await open();
      if ('ctx' in opening) return opening.ctx;
      throw opening.error;
    },
    settings: () =>
      (settings ??= options.settings
        ? Promise.resolve({ ...options.settings, ...(options.mode ? { mode: options.mode } : {}) })
        : (async () => {
            const plum = await tryRepo();
            // Outside a repository only the user file, the environment and flags apply.
            const resolved = plum
              ? await plum.config()
              : await import('@plumpots/core/config').then(({ loadConfig }) =>
                  loadConfig({ cwd, env, ...(flags ? { flags } : {}) }),
                );
            const pots = resolved.config.pots;
            return {
              mode: pots.mode,
              session: pots.session,
              prefix: pots.prefix,
              defaultTask: pots.defaultTask,
              autoStart: pots.autoStart,
            };
          })()),
  };
  return ctx;
}
