// Finding templates. Later sources win: built-ins < the user's files ($XDG_CONFIG_HOME/pots/
// templates) < the repository's files (.pots/templates) < config `pots.templates`. A file may be a
// pots template, a tmuxp workspace or a tmuxinator project. What a repository's template runs is
// its authors' code: `templateCommands` lists it for plum's trust check.
import { readFile, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { NotFoundError, isPlumError } from '@plumpots/core';
import type { ResolvedConfig } from '@plumpots/core/config';
import { builtinTemplates } from './builtins.js';
import { importTemplate, type ImportResult } from './import.js';
import { TEMPLATE_NAME, normalizeTemplate, type Template, type TemplateSource } from './model.js';
import { templateTextParser, type TemplateTextParser } from './yaml.js';

const EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export interface TemplateLookupOptions {
  /** XDG_CONFIG_HOME / HOME for the user's directory, and the built-ins' EDITOR etc. */
  env?: NodeJS.ProcessEnv;
  /** The worktree whose `.pots/templates/` counts (null: none). */
  repoDir?: string | null;
  /** The loaded config: its `pots.templates`, with their origins. */
  config?: ResolvedConfig | null;
  /** Passed to the built-ins (the `agent` template's log pane). */
  agentLogFile?: string;
  /** Parses file text (default: JSON, and YAML when a parser is available). */
  parse?: TemplateTextParser;
}

/** A template that another source overrides, or a file that could not be read. */
export interface TemplateProblem {
  file: string;
  message: string;
  error: unknown;
}

export interface TemplateCatalog {
  /** The template in effect for each name, sorted by name. */
  templates: Template[];
  /** Templates hidden by a later source of the same name. */
  shadowed: Template[];
  /** Files that could not be read or converted (they are left out). */
  problems: TemplateProblem[];
  /** Keys of tmuxp/tmuxinator files that pots ignores, per file. */
  warnings: string[];
}

/** One thing a template would run: a pane's command (and its variables) or an option with `#(`. */
export interface TemplateCommand {
  /** `templates.<name>.windows.<w>.panes.<p>` (or `….options.<option>`). */
  key: string;
  command: string;
  env?: Readonly<Record<string, string>>;
}

/**
 * `$XDG_CONFIG_HOME/pots/templates` (default `~/.config/pots/templates`).
 * @example userTemplatesDir({ HOME: '/home/me' }) // '/home/me/.config/pots/templates'
 */
export function userTemplatesDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'pots', 'templates');
}

/**
 * `<worktree>/.pots/templates`.
 * @example repoTemplatesDir('/src/app') // '/src/app/.pots/templates'
 */
export function repoTemplatesDir(repoDir: string): string {
  return join(repoDir, '.pots', 'templates');
}

/**
 * Every template there is, the winner for each name first (see the precedence above).
 * @example const { templates } = await listTemplates({ env: process.env, repoDir: wt.path, config: resolved })
 */
export async function listTemplates(options: TemplateLookupOptions = {}): Promise<TemplateCatalog> {
  const env = options.env ?? process.env;
  const parse = options.parse ?? (await templateTextParser());
  const problems: TemplateProblem[] = [];
  const warnings: string[] = [];
  const layers: Template[][] = [
    builtinTemplates({
      env,
      ...(options.agentLogFile ? { agentLogFile: options.agentLogFile } : {}),
    }),
    await readTemplateDir(userTemplatesDir(env), 'user', parse, problems, warnings),
    options.repoDir
      ? await readTemplateDir(repoTemplatesDir(options.repoDir), 'repo', parse, problems, warnings)
      : [],
    configTemplates(options.config ?? null),
  ];
  const winners = new Map<string, Template>();
  const shadowed: Template[] = [];
  for (const layer of layers) {
    for (const template of layer) {
      const previous = winners.get(template.name);
      if (previous) shadowed.push(previous);
      winners.set(template.name, template);
    }
  }
  const templates = [...winners.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return { templates, shadowed, problems, warnings };
}

/**
 * The template a `--template` value names: a template name, or a path (anything with a `/` or a
 * file extension) to a pots, tmuxp or tmuxinator file, relative to `cwd`. An unknown name is
 * NotFoundError (exit 3); a broken file of that name throws its own error.
 * @example const { template, warnings } = await findTemplate('development', { env, repoDir, config })
 */
export async function findTemplate(
  nameOrPath: string,
  options: TemplateLookupOptions & { cwd?: string } = {},
): Promise<{ template: Template; warnings: string[] }> {
  if (!TEMPLATE_NAME.test(nameOrPath)) {
    const file = resolve(options.cwd ?? process.cwd(), nameOrPath);
    const result = await loadTemplateFile(file, {
      ...(options.parse ? { parse: options.parse } : {}),
      env: options.env ?? process.env,
    });
    return { template: result.template, warnings: result.warnings };
  }
  const catalog = await listTemplates(options);
  const found = catalog.templates.find((t) => t.name === nameOrPath);
  // A file of that name that failed to load outranks nothing silently: say why it is missing.
  const broken = catalog.problems.find((p) => stem(p.file) === nameOrPath);
  if (broken && (!found || precedes(found.source, broken.file, options))) throw broken.error;
  if (!found) {
    throw new NotFoundError('ERR_POTS_TEMPLATE_NOT_FOUND', `no template named "${nameOrPath}"`, {
      hint: `known: ${catalog.templates.map((t) => t.name).join(', ')} (pots templates lists them; a file path needs a "/", e.g. ./${nameOrPath}.yaml)`,
    });
  }
  const warnings = catalog.warnings.filter(
    (w) =>
      found.source.kind !== 'builtin' &&
      'file' in found.source &&
      w.startsWith(`${found.source.file}:`),
  );
  return { template: found, warnings };
}

/**
 * One template file — pots, tmuxp or tmuxinator, detected by its keys — as a template named
 * after the file (or `name`), with warnings for what pots ignores.
 * @example const { template, warnings, format } = await loadTemplateFile('/home/me/.tmuxp/api.yaml')
 */
export async function loadTemplateFile(
  file: string,
  options: {
    name?: string;
    source?: TemplateSource;
    parse?: TemplateTextParser;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<ImportResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new NotFoundError('ERR_POTS_TEMPLATE_NOT_FOUND', `no template file ${file}`, {
        cause: error,
      });
    }
    throw error;
  }
  const parse = options.parse ?? (await templateTextParser());
  const data = parse(file, text);
  const home = (options.env ?? process.env).HOME;
  return importTemplate(data, {
    file,
    source: options.source ?? { kind: 'file', file },
    ...(options.name ? { name: options.name } : {}),
    ...(home ? { home } : {}),
  });
}

/**
 * What a template would run, for plum's trust check: each pane with a command or variables, and
 * each tmux option whose value holds `#(` (tmux runs it when it draws the option).
 * @example for (const { key, command } of templateCommands(template)) console.log(key, command)
 */
export function templateCommands(template: Template): TemplateCommand[] {
  const base = `templates.${template.name}`;
  const out: TemplateCommand[] = [];
  for (const [name, value] of Object.entries(template.options ?? {})) {
    if (value.includes('#(')) out.push({ key: `${base}.options.${name}`, command: value });
  }
  template.windows.forEach((window, w) => {
    window.panes.forEach((pane, p) => {
      const env = { ...window.env, ...pane.env };
      const hasEnv = Object.keys(env).length > 0;
      if (pane.command === undefined && !hasEnv) return;
      out.push({
        key: `${base}.windows.${w}.panes.${p}`,
        command: pane.command ?? '',
        ...(hasEnv ? { env } : {}),
      });
    });
    for (const [name, value] of Object.entries(window.options ?? {})) {
      if (value.includes('#('))
        out.push({ key: `${base}.windows.${w}.options.${name}`, command: value });
    }
  });
  return out;
}

/**
 * True when a template's commands are a repository's (a `.pots/templates` file, or config from
 * the repository's file): they run only once the user approved them.
 * @example if (needsTrust(template)) await ensureTrusted(ctx, …)
 */
export function needsTrust(template: Template): boolean {
  const { source } = template;
  return source.kind === 'repo' || (source.kind === 'config' && source.origin === 'repo');
}

async function readTemplateDir(
  dir: string,
  kind: 'user' | 'repo',
  parse: TemplateTextParser,
  problems: TemplateProblem[],
  warnings: string[],
): Promise<Template[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  const byName = new Map<string, string>();
  for (const ext of EXTENSIONS) {
    for (const entry of names.filter((n) => n.endsWith(ext)).sort()) {
      const file = join(dir, entry);
      const name = entry.slice(0, -ext.length);
      if (!TEMPLATE_NAME.test(name)) {
        warnings.push(`${file}: not a template name (letters, digits, "-", "_"); ignored`);
        continue;
      }
      const first = byName.get(name);
      if (first) {
        warnings.push(`${file}: ignored, ${basename(first)} comes first`);
        continue;
      }
      byName.set(name, file);
    }
  }
  const out: Template[] = [];
  for (const [name, file] of byName) {
    try {
      const result = await loadTemplateFile(file, { name, source: { kind, file }, parse });
      out.push(result.template);
      warnings.push(...result.warnings);
    } catch (error) {
      problems.push({ file, message: isPlumError(error) ? error.message : String(error), error });
    }
  }
  return out;
}

function configTemplates(config: ResolvedConfig | null): Template[] {
  if (!config) return [];
  return Object.entries(config.config.pots.templates).map(([name, data]) => {
    const origin = config.origins.get(`pots.templates.${name}.windows`);
    const source: TemplateSource = {
      kind: 'config',
      origin: origin?.source ?? 'default',
      ...(origin?.file ? { file: origin.file } : {}),
    };
    return normalizeTemplate(name, data, source, {
      where: { file: origin?.file, key: `pots.templates.${name}` },
    });
  });
}

function stem(file: string): string {
  return basename(file).replace(/\.(ya?ml|json)$/, '');
}

/** Whether the source that won would be outranked by the broken file (a later layer). */
function precedes(
  winner: TemplateSource,
  brokenFile: string,
  options: TemplateLookupOptions,
): boolean {
  const rank = (kind: TemplateSource['kind']) =>
    ({ builtin: 0, user: 1, repo: 2, config: 3, file: 4 })[kind];
  const brokenKind =
    options.repoDir && brokenFile.startsWith(repoTemplatesDir(options.repoDir)) ? 'repo' : 'user';
  return rank(winner.kind) < rank(brokenKind);
}
