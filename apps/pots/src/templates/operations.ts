// Templates on a pots context: found with the repository's config and a worktree's
// `.pots/templates`, checked for trust, applied to a session by name, imported from tmuxp and
// tmuxinator files. What the CLI calls; no printing.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundError, RefusedError } from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import { ensureTrusted, type PlumContext } from '@plumpots/plum';
import type { PotsContext } from '../api/context.js';
import { listSessions } from '../tmux/index.js';
import { applyTemplate, type ApplyResult } from './apply.js';
import type { ImportResult } from './import.js';
import { TEMPLATE_NAME, type Template } from './model.js';
import {
  findTemplate,
  listTemplates,
  loadTemplateFile,
  needsTrust,
  templateCommands,
  userTemplatesDir,
  type TemplateCatalog,
  type TemplateLookupOptions,
} from './sources.js';
import { canReadYaml, templateToJson, templateToYaml } from './yaml.js';

export interface TemplateTrustOptions {
  /**
   * Asks the user whether a repository's template may run its commands (`details`: one line per
   * command). Only pass it when a terminal can answer; without it an unapproved template is
   * refused (exit 4) with its commands listed.
   */
  confirm?: (message: string, details: string[]) => Promise<boolean>;
}

/**
 * Where a pots context finds templates: its environment, the loaded config (the repository's when
 * inside one, else the user's) and the `.pots/templates` of `repoDir` (default: the worktree
 * holding the cwd).
 * @example const catalog = await listTemplates(await templateLookup(pots))
 */
export async function templateLookup(
  pots: PotsContext,
  repoDir?: string | null,
): Promise<TemplateLookupOptions & { cwd: string }> {
  const plum = await pots.tryRepo();
  let config: ResolvedConfig;
  if (plum) config = await plum.config();
  else {
    const { loadConfig } = await import('@plumpots/core/config');
    config = await loadConfig({ cwd: pots.cwd, env: pots.env });
  }
  return {
    env: pots.env,
    cwd: pots.cwd,
    config,
    repoDir: repoDir !== undefined ? repoDir : (plum?.repo.currentWorktree ?? null),
  };
}

/**
 * Every template a pots context can use (`pots templates`).
 * @example const { templates, problems } = await listPotsTemplates(pots)
 */
export async function listPotsTemplates(pots: PotsContext): Promise<TemplateCatalog> {
  return listTemplates(await templateLookup(pots));
}

/**
 * Refuses (exit 4) to go on with a template whose commands are a repository's and not approved.
 * Config templates from the repository's config file go through plum's trust store (approved
 * once, until they change); `.pots/templates` files — which plum's trust store does not cover —
 * are asked about on every use, and refused without a terminal.
 * @example await ensureTemplateTrusted(pots, template, { confirm })
 */
export async function ensureTemplateTrusted(
  pots: PotsContext,
  template: Template,
  options: TemplateTrustOptions = {},
): Promise<void> {
  if (!needsTrust(template)) return;
  const commands = templateCommands(template);
  if (commands.length === 0) return;
  if (template.source.kind === 'config') {
    await ensureTrusted(await pots.repo(), options.confirm ? { confirm: options.confirm } : {});
    return;
  }
  const file = 'file' in template.source ? template.source.file : template.name;
  const details = commands.map(({ key, command, env }) => {
    const vars = env
      ? ` (env ${Object.entries(env)
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')})`
      : '';
    return `${key}: ${command}${vars}`;
  });
  const hint = `approve it on a terminal (asked each time: plum's trust store covers config files only), or copy it to ${userTemplatesDir(pots.env)}/, where your own templates need no approval`;
  if (!options.confirm) {
    throw new RefusedError(
      'ERR_POTS_TEMPLATE_UNTRUSTED',
      `${file} is the repository's and would run commands you have not approved; nothing was run`,
      { details, hint },
    );
  }
  const approved = await options.confirm(
    `${file} (the repository's template "${template.name}") would run these commands. Run them?`,
    details,
  );
  if (!approved) {
    throw new RefusedError(
      'ERR_POTS_TEMPLATE_UNTRUSTED',
      `not approved: ${file}; nothing was run`,
      {
        details,
        hint,
      },
    );
  }
}

/**
 * The template a new unit of `worktreePath` gets: `name` (a template name or a file path), else
 * config `pots.template`; approved (see `ensureTemplateTrusted`) unless `trust: false` (check it
 * when the unit is really made); `command` (`--cmd`) replaces the first pane's. Null for the
 * built-in `default`, which `createUnit` makes without a template.
 * @example const template = await unitTemplate(pots, plum, wt.path, { template: 'development' })
 */
export async function unitTemplate(
  pots: PotsContext,
  plum: PlumContext,
  worktreePath: string,
  options: { template?: string; command?: string; trust?: boolean } & TemplateTrustOptions = {},
): Promise<Template | null> {
  const lookup = await templateLookup(pots, worktreePath);
  const name = options.template ?? lookup.config?.config.pots.template ?? 'default';
  const { template, warnings } = await findTemplate(name, { ...lookup, cwd: plum.cwd });
  for (const warning of warnings) pots.log(warning);
  if (template.source.kind === 'builtin' && template.name === 'default') return null;
  if (options.trust !== false) await ensureTemplateTrusted(pots, template, options);
  return options.command === undefined ? template : withFirstCommand(template, options.command);
}

/**
 * The template's first window alone, named `name`: a window-mode unit is one window.
 * @example singleWindow(template, 'shop-feat-dev').windows.length // 1
 */
export function singleWindow(template: Template, name: string): Template {
  const [first] = template.windows;
  if (!first) return template;
  return { ...template, windows: [{ ...first, name, focus: true }] };
}

function withFirstCommand(template: Template, command: string): Template {
  return {
    ...template,
    windows: template.windows.map((window, w) =>
      w === 0
        ? {
            ...window,
            panes: window.panes.map((pane, p) => (p === 0 ? { ...pane, command } : pane)),
          }
        : window,
    ),
  };
}

export interface ApplyToSessionResult extends ApplyResult {
  /** The session's name. */
  session: string;
  /** The template applied. */
  template: string;
  /** Keys of a tmuxp/tmuxinator file that pots ignored. */
  warnings: string[];
}

/**
 * `pots apply`: adds to the session named exactly `session` (or `$N`) the windows and panes of a
 * template that it lacks. The session's worktree (`@pots-worktree`, else its directory) is the
 * base of the template's directories. No such session or template: exit 3.
 * @example const { added } = await applyTemplateToSession(pots, 'shop-feat-dev', 'development')
 */
export async function applyTemplateToSession(
  pots: PotsContext,
  session: string,
  nameOrPath: string,
  options: TemplateTrustOptions = {},
): Promise<ApplyToSessionResult> {
  const found = (await listSessions(pots.tmux)).find((s) =>
    /^\$\d+$/.test(session) ? s.id === session : s.name === session,
  );
  if (!found) {
    throw new NotFoundError('ERR_POTS_SESSION_NOT_FOUND', `no tmux session named "${session}"`, {
      hint: 'names match exactly: see pots list --all',
    });
  }
  const cwd = found.options.worktree ?? found.path;
  const lookup = await templateLookup(pots, found.options.worktree);
  const { template, warnings } = await findTemplate(nameOrPath, lookup);
  await ensureTemplateTrusted(pots, template, options);
  const result = await applyTemplate(pots.tmux, found.id, template, cwd, { env: pots.env });
  return { ...result, session: found.name, template: template.name, warnings };
}

export interface ImportFileResult extends ImportResult {
  /** The template as a pots YAML file. */
  yaml: string;
  /** Where `write` saved it (`.yaml`, or `.json` when pots has no YAML parser to read it back). */
  written?: string;
}

/**
 * `pots templates import`: a tmuxp, tmuxinator (or pots) file as a pots template, as YAML; with
 * `write`, saved to the user's templates directory (never over an existing template: exit 4).
 * @example const { yaml, warnings } = await importTemplateFile('/home/me/.tmuxp/shop.yaml', { env: process.env })
 */
export async function importTemplateFile(
  file: string,
  options: { name?: string; write?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<ImportFileResult> {
  const env = options.env ?? process.env;
  const result = await loadTemplateFile(file, {
    env,
    ...(options.name ? { name: options.name } : {}),
  });
  const header = `# pots template "${result.template.name}", converted from ${file} (${result.format})\n`;
  const yaml = header + templateToYaml(result.template);
  if (!options.write) return { ...result, yaml };
  if (!TEMPLATE_NAME.test(result.template.name)) {
    throw new RefusedError('ERR_POTS_TEMPLATE_NAME', `bad template name "${result.template.name}"`);
  }
  const dir = userTemplatesDir(env);
  await mkdir(dir, { recursive: true });
  // pots must be able to read back what it saves: JSON when no YAML parser is available.
  const asYaml = await canReadYaml();
  const target = join(dir, `${result.template.name}${asYaml ? '.yaml' : '.json'}`);
  // Another extension of the same name would shadow (or be shadowed by) this one.
  for (const ext of ['.yaml', '.yml', '.json']) {
    const other = join(dir, `${result.template.name}${ext}`);
    if (existsSync(other)) {
      throw new RefusedError('ERR_POTS_TEMPLATE_EXISTS', `${other} exists; not overwritten`, {
        hint: 'pick another --name, or remove that file first',
      });
    }
  }
  try {
    await writeFile(target, asYaml ? yaml : templateToJson(result.template), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new RefusedError('ERR_POTS_TEMPLATE_EXISTS', `${target} exists; not overwritten`, {
        hint: 'pick another --name, or remove that file first',
        cause: error,
      });
    }
    throw error;
  }
  return { ...result, yaml, written: target };
}
