// What the tmuxp and tmuxinator importers share: the draft they fill (a pots template before it
// is checked), reading their loosely typed values, and the fix-ups both need (one focus, layouts
// that fit, unique window names). Every value pots cannot use becomes a warning, never an error.
import { posix } from 'node:path';
import {
  layoutCells,
  layoutProblem,
  normalizeTemplate,
  TEMPLATE_NAME,
  type RunMode,
  type Template,
  type TemplateFormat,
  type TemplateSource,
} from './model.js';

export interface ImportOptions {
  /** The template's name (default: from `session_name` / `name`, else the file name). */
  name?: string;
  /** The file the data came from (messages, the default name and the template's source). */
  file?: string;
  /** Where the template came from (default `{ kind: 'file', file }`). */
  source?: TemplateSource;
  /** For `~` in the file's directories (default `process.env.HOME`). */
  home?: string;
}

export interface ImportResult {
  template: Template;
  /** One line per key or value pots does not honour, naming it and what pots does instead. */
  warnings: string[];
  format: TemplateFormat;
}

export type Data = Record<string, unknown>;
export type Warn = (key: string, why: string) => void;

export interface DraftPane {
  command?: string;
  cwd?: string;
  env?: Record<string, string>;
  focus?: boolean;
  title?: string;
  enter?: boolean;
  history?: boolean;
  run?: RunMode;
}

export interface DraftWindow {
  /** Absent: tmux names the window. */
  name?: string;
  index?: number;
  layout?: string;
  cwd?: string;
  env?: Record<string, string>;
  focus?: boolean;
  options?: Record<string, string>;
  optionsAfter?: Record<string, string>;
  panes: DraftPane[];
}

export interface Draft {
  windows: DraftWindow[];
  run?: RunMode;
  description?: string;
  options?: Record<string, string>;
}

/** The warning for a key pots ignores, with why when known. */
export function unsupported(why?: string): string {
  return why ? `not supported (${why}); ignored` : 'not supported; ignored';
}

/** The draft, checked as a pots template (what `normalizeTemplate` accepts). */
export function finish(
  name: string,
  draft: Draft,
  format: TemplateFormat,
  options: ImportOptions,
): Template {
  return normalizeTemplate(name, draft, sourceOf(options), {
    format,
    where: { file: options.file, key: name },
  });
}

/** Where the imported template came from. */
export function sourceOf(options: ImportOptions): TemplateSource {
  if (options.source) return options.source;
  return { kind: 'file', file: options.file ?? '(data)' };
}

/** Warnings prefixed with the file they are about. */
export function prefix(warnings: string[], file: string | undefined): string[] {
  return file ? warnings.map((w) => `${file}: ${w}`) : warnings;
}

/** A template name from a session/project name or a file name: `my.app` → `my-app`. */
export function nameFrom(given: string | undefined, file: string | undefined): string {
  const candidates = [
    given,
    file ? posix.basename(file).replace(/\.(ya?ml|json)$/i, '') : undefined,
  ];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const name = candidate
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^[-_]+/, '')
      .replace(/-+$/, '');
    if (TEMPLATE_NAME.test(name)) return name;
  }
  return 'imported';
}

/** A window name as written, or undefined (no name: tmux's automatic name, as both tools do). */
export function windowNameOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.trim() !== '') {
    // Control characters would be stored escaped by tmux: keep the name readable instead.
    return [...value]
      .map((c) => (c < ' ' || c === '\x7f' ? ' ' : c))
      .join('')
      .slice(0, 64);
  }
  return undefined;
}

/** A layout tmux takes, else a warning and undefined (tiled). */
export function layoutOf(value: unknown, key: string, warn: Warn): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    warn(key, `expected a layout name, got ${JSON.stringify(value)}; ignored (tiled)`);
    return undefined;
  }
  const why = layoutProblem(value);
  if (why) {
    warn(key, `${why}; ignored (tiled)`);
    return undefined;
  }
  return value;
}

/** Variables as text; bad names and values are warned about and left out. */
export function envOf(value: unknown, key: string, warn: Warn): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    warn(key, 'expected a mapping of variables; ignored');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      warn(`${key}.${name}`, 'not a valid variable name; ignored');
      continue;
    }
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[name] = String(v);
    else warn(`${key}.${name}`, 'expected a value; ignored');
  }
  return out;
}

/** tmux options as text (`true` → `on`); bad names and values are warned about and left out. */
export function optionsOf(value: unknown, key: string, warn: Warn): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    warn(key, 'expected a mapping of tmux options; ignored');
    return {};
  }
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!/^@?[A-Za-z][A-Za-z0-9_-]*$/.test(name)) {
      warn(`${key}.${name}`, 'not a tmux option name; ignored');
      continue;
    }
    if (typeof v === 'boolean') out[name] = v ? 'on' : 'off';
    else if (typeof v === 'string' || typeof v === 'number') out[name] = String(v);
    else warn(`${key}.${name}`, 'expected a value; ignored');
  }
  return out;
}

/** Keeps the first of several `focus: true` (pots allows one), warning about the rest. */
export function oneFocus(items: Array<{ focus?: boolean }>, key: string, warn: Warn): void {
  const focused = items.filter((item) => item.focus);
  if (focused.length <= 1) return;
  warn(key, `${focused.length} have focus: true; the first keeps it`);
  for (const item of focused.slice(1)) delete item.focus;
}

/** A layout string must describe exactly the window's panes, or tmux refuses it. */
export function fitLayouts(draft: Draft, warn: Warn): void {
  draft.windows.forEach((window, i) => {
    const cells = window.layout === undefined ? null : layoutCells(window.layout);
    if (cells === null || cells === window.panes.length) return;
    warn(
      `windows.${i}.layout`,
      `the layout string describes ${cells} panes but the window has ${window.panes.length}; ignored (tiled)`,
    );
    delete window.layout;
  });
}

/** pots tells windows apart by name: a second of one name is renamed `name-2`. */
export function dedupeNames(draft: Draft, warn: Warn): void {
  const seen = new Set<string>();
  draft.windows.forEach((window, i) => {
    if (window.name === undefined) return;
    if (!seen.has(window.name)) {
      seen.add(window.name);
      return;
    }
    let n = 2;
    while (seen.has(`${window.name}-${n}`)) n++;
    const renamed = `${window.name}-${n}`;
    warn(
      `windows.${i}`,
      `a second window named "${window.name}" was renamed "${renamed}" (pots tells windows apart by name)`,
    );
    window.name = renamed;
    seen.add(renamed);
  });
}

/** A scalar as text, else undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** YAML's true (and the string "true" some files use). */
export function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

export function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
