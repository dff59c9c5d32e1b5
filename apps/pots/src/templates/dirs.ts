// Where each pane of a template starts. tmux silently starts a pane in the client's directory when
// its `-c` dir is missing, so every directory is resolved and checked before
// any tmux command runs.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { NotFoundError, UsageError } from '@plumpots/core';
import type { Template } from './model.js';

/** Absolute directories by window, then by pane: `dirs.panes[w][p]`. */
export interface TemplateDirs {
  panes: string[][];
}

/**
 * The directory a template's `cwd` value means: `~` and `$VAR`/`${VAR}` expanded from `env`
 * (unknown variables stay as written), then resolved against the worktree. Pure: no checks.
 * @example resolveDirSpec('web', '/src/app.worktrees/feat', {}) // '/src/app.worktrees/feat/web'
 */
export function resolveDirSpec(
  spec: string | undefined,
  worktree: string,
  env: Readonly<Record<string, string | undefined>> = {},
): string {
  if (spec === undefined || spec === '' || spec === '.') return worktree;
  let expanded = spec.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (all, a, b) => {
      const value = env[(a ?? b) as string];
      return value === undefined ? all : value;
    },
  );
  const home = env.HOME;
  if (home && (expanded === '~' || expanded.startsWith('~/')))
    expanded = `${home}${expanded.slice(1)}`;
  return isAbsolute(expanded) ? resolve(expanded) : resolve(worktree, expanded);
}

/**
 * The pure layout of directories (no file-system checks): what `planTemplate` uses when it is not
 * given checked ones.
 * @example templateDirs(template, '/src/app').panes[0][0] // '/src/app'
 */
export function templateDirs(
  template: Pick<Template, 'windows'>,
  worktree: string,
  env: Readonly<Record<string, string | undefined>> = {},
): TemplateDirs {
  return {
    panes: template.windows.map((window) =>
      window.panes.map((pane) => resolveDirSpec(pane.cwd ?? window.cwd, worktree, env)),
    ),
  };
}

/**
 * Every pane's directory, resolved to its real path and checked to be a directory. A missing one
 * is NotFoundError (exit 3) naming the template, window and pane.
 * @example const dirs = await checkTemplateDirs(template, worktree.path, process.env)
 */
export async function checkTemplateDirs(
  template: Pick<Template, 'name' | 'windows'>,
  worktree: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<TemplateDirs> {
  const planned = templateDirs(template, worktree, env);
  const seen = new Map<string, Promise<string>>();
  const real = (dir: string, what: string) => {
    let found = seen.get(dir);
    if (!found) {
      found = checkDir(dir, what);
      seen.set(dir, found);
    }
    return found;
  };
  const panes = await Promise.all(
    planned.panes.map((dirs, w) =>
      Promise.all(
        dirs.map((dir, p) =>
          real(
            dir,
            `template "${template.name}", window "${template.windows[w]?.name ?? w}", pane ${p}`,
          ),
        ),
      ),
    ),
  );
  return { panes };
}

async function checkDir(dir: string, what: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (error) {
    throw new NotFoundError(
      'ERR_POTS_TEMPLATE_CWD_MISSING',
      `${what}: directory ${dir} does not exist`,
      {
        hint: 'a template cwd is relative to the worktree; create it or fix the template',
        cause: error,
      },
    );
  }
  if (!(await stat(real)).isDirectory()) {
    throw new NotFoundError('ERR_POTS_TEMPLATE_CWD_MISSING', `${what}: ${dir} is not a directory`);
  }
  // tmux prints paths raw in list-* output; pots's record separators must not occur in them.
  if ([...real].some((c) => c < ' ' || c === '\x7f')) {
    throw new UsageError(`${what}: directory ${JSON.stringify(real)} contains control characters`);
  }
  return real;
}
