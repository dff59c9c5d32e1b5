// Templates on a pots context: found with the repository's config and a worktree's
// `.pots/templates`, checked for trust, applied to a session by name, imported from tmuxp and
// tmuxinator files. What the CLI calls; no printing.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { NotFoundError, RefusedError, UsageError } from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import { formatCommand } from '@plumpots/core/ui';
import {
  approve,
  ensureTrusted,
  openRepo,
  trustStatus,
  type TrustSet,
  type PlumContext,
  type TrustStatus,
} from '@plumpots/plum';
import type { PotsContext } from './context.js';
import { listSessions } from '../tmux/index.js';
import { applyTemplate, type ApplyResult } from '../templates/apply.js';
import type { ImportResult } from '../templates/import.js';
import { TEMPLATE_NAME, type Template } from '../templates/model.js';
import {
  findTemplate,
  listTemplates,
  loadTemplateFile,
  needsTrust,
  templateCommands,
  userTemplatesDir,
  type TemplateCatalog,
  type TemplateLookupOptions,
} from '../templates/sources.js';
import { templateToYaml } from '../templates/yaml.js';

// What the CLI needs of the template modules, through this door.
export { findTemplate, needsTrust, templateCommands } from '../templates/sources.js';
export { templateToYaml } from '../templates/yaml.js';
export type { Template, TemplateSource } from '../templates/model.js';

export interface TemplateTrustOptions {
  /**
   * Asks the user whether a repository's template may run its commands (`details`: one line per
   * command). Only pass it when a terminal can answer; without it an unapproved template is
   * refused (exit 4) with its commands listed.
   */
  confirm?: (message: string, details: string[]) => Promise<boolean>;
  /**
   * plum's context for the repository whose worktree holds the template (default: opened at the
   * template's worktree). Its common dir keys the approval.
   */
  plum?: PlumContext;
}

/** A set of commands plum's trust store approves: here, one `.pots/templates` file's. */
export type TemplateTrustSet = TrustSet;

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
 * Both kinds go through plum's trust store (approved once, asked again when a command changes,
 * forgotten by `plum trust --revoke`): a template in the repository's config file with the rest of
 * that config (`plum trust`), a `.pots/templates` file on its own (`pots templates trust <name>`).
 * On a terminal (`confirm` given) an unapproved one is asked about and a yes is remembered.
 * @example await ensureTemplateTrusted(pots, template, { confirm })
 */
export async function ensureTemplateTrusted(
  pots: PotsContext,
  template: Template,
  options: TemplateTrustOptions = {},
): Promise<void> {
  if (!needsTrust(template)) return;
  if (templateCommands(template).length === 0) return;
  const confirm = options.confirm ? { confirm: options.confirm } : {};
  if (template.source.kind === 'config') {
    await ensureTrusted(await pots.repo(), confirm);
    return;
  }
  const { plum, set } = await templateTrustSet(pots, template, options.plum);
  await ensureTrusted(plum, { ...confirm, set });
}

export interface TemplateTrust {
  /** The template asked about. */
  template: Template;
  /**
   * How it is approved: `file` (a `.pots/templates` file, by `pots templates trust`), `config`
   * (the repository's config file, by `plum trust`), or `none` (yours or built in: no approval).
   */
  via: 'file' | 'config' | 'none';
  /** plum's trust status for it (for `config`: the whole config's); null for `none`. */
  status: TrustStatus | null;
}

/**
 * Whether the template named `name` (in the worktree around the cwd) may run its commands, and
 * how it would be approved. Runs nothing, records nothing.
 * @example const { via, status } = await templateTrust(pots, 'dev'); status.trusted
 */
export async function templateTrust(pots: PotsContext, name: string): Promise<TemplateTrust> {
  const { template, plum, set } = await resolveTrusted(pots, name);
  if (!plum) return { template, via: 'none', status: null };
  if (set) return { template, via: 'file', status: await trustStatus(plum, { set }) };
  return { template, via: 'config', status: await trustStatus(plum) };
}

/**
 * `pots templates trust <name> --yes`: approves the commands of the repository's
 * `.pots/templates` file named `name`, as they are now. Pass the `hash` of the status the user
 * reviewed: the file is read again, and if its commands changed since, nothing is approved
 * (ERR_PLUM_TRUST_CHANGED, exit 4). A template of the repository's config is approved with that
 * config (`plum trust`): refused here (exit 4) while it is not. Returns the trust after.
 * @example const shown = await templateTrust(pots, 'dev'); await approveTemplate(pots, 'dev', { hash: shown.status.hash })
 */
export async function approveTemplate(
  pots: PotsContext,
  name: string,
  options: { hash?: string } = {},
): Promise<TemplateTrust> {
  const { template, plum, set } = await resolveTrusted(pots, name);
  if (!plum) return { template, via: 'none', status: null };
  if (set) {
    const status = await approve(plum, { set, ...(options.hash ? { hash: options.hash } : {}) });
    return { template, via: 'file', status };
  }
  const status = await trustStatus(plum);
  if (!status.trusted) {
    // Approving a config template alone would approve the config's hooks and plugins unseen.
    throw new RefusedError(
      'ERR_PLUM_UNTRUSTED',
      `"${template.name}" is in ${status.file ?? "the repository's config"}: it is approved with that config's other commands; nothing approved`,
      { details: status.details, hint: 'review them, then run: plum trust' },
    );
  }
  return { template, via: 'config', status };
}

/**
 * The template `name` in the cwd's worktree; for a repository's, plum's context for it and (for a
 * `.pots/templates` file) its set. Null `plum`: the template needs no approval.
 */
async function resolveTrusted(
  pots: PotsContext,
  name: string,
): Promise<{ template: Template; plum: PlumContext | null; set: TemplateTrustSet | null }> {
  if (!TEMPLATE_NAME.test(name)) {
    throw new UsageError(
      `"${name}" is not a template name: only templates found by name are approved`,
      { hint: 'pots templates lists them; your own files and paths need no approval' },
      'ERR_POTS_TEMPLATE_NAME',
    );
  }
  const lookup = await templateLookup(pots);
  const { template } = await findTemplate(name, lookup);
  if (template.source.kind === 'repo') {
    // Found in the worktree around the cwd: its repository is the cwd's (no second discovery).
    return { template, ...(await templateTrustSet(pots, template, await pots.repo())) };
  }
  if (!needsTrust(template)) return { template, plum: null, set: null };
  return { template, plum: await pots.repo(), set: null };
}

/**
 * The set plum's trust store approves for a `.pots/templates` file: named by its path in the
 * worktree (`.pots/templates/dev.yaml`, the same from every worktree of the repository, so an
 * approval is shared while the commands are identical), with the exact commands it runs.
 */
async function templateTrustSet(
  pots: PotsContext,
  template: Template,
  plum?: PlumContext,
): Promise<{ plum: PlumContext; set: TemplateTrustSet }> {
  const file = 'file' in template.source ? template.source.file : undefined;
  if (template.source.kind !== 'repo' || file === undefined) {
    throw new Error(`${template.name}: not a repository template file`);
  }
  // <worktree>/.pots/templates/<name>.<ext>: the worktree's repository keys the approval.
  const worktree = dirname(dirname(dirname(file)));
  const ctx = plum ?? (await openRepo({ cwd: worktree, env: pots.env }));
  const inWorktree = !relative(worktree, resolve(pots.cwd)).startsWith('..');
  const approveArgv = ['pots', 'templates', 'trust', template.name, '--yes'];
  if (!inWorktree) approveArgv.push('-C', worktree);
  return {
    plum: ctx,
    set: {
      id: `.pots/templates/${basename(file)}`,
      file,
      label: `${file} (the repository's template "${template.name}")`,
      commands: templateCommands(template),
      approveCommand: formatCommand(approveArgv),
    },
  };
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
  if (options.trust !== false) await ensureTemplateTrusted(pots, template, { ...options, plum });
  return options.command === undefined ? template : withFirstCommand(template, options.command);
}

/**
 * The template's first window alone, named `name`: a window-mode unit is one window.
 * @example singleWindow(template, 'shop-feat-dev').windows.length // 1
 */
export function singleWindow(template: Template, name: string): Template {
  const [first] = template.windows;
  if (!first) return template;
  // The unit's window is named for the unit and goes where window mode puts it.
  const { index: _index, unnamed: _unnamed, ...window } = first;
  return { ...template, windows: [{ ...window, name, focus: true }] };
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
  return {
    ...result,
    session: found.name,
    template: template.name,
    warnings: [...warnings, ...result.warnings],
  };
}

export interface ImportFileResult extends ImportResult {
  /** The template as a pots YAML file. */
  yaml: string;
  /** Where `write` saved it (`<name>.yaml` in the user's templates directory). */
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
  const target = join(dir, `${result.template.name}.yaml`);
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
    await writeFile(target, yaml, { flag: 'wx' });
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
