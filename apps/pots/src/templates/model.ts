// What a layout template is once loaded, wherever it came from (built-in, a file, config, a tmuxp or
// tmuxinator file): windows of panes, every pane an object, every value checked. Loading and
// checking are separate from making it (plan.ts), so a bad template fails before tmux runs.
import { ConfigError } from '@plumpots/core';

/** tmux's preset layouts (tmux 3.2+). Anything else must be a layout string (`select-layout`). */
export const LAYOUT_NAMES = [
  'even-horizontal',
  'even-vertical',
  'main-horizontal',
  'main-vertical',
  'tiled',
] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

/** Names a template may have: the config schema's rule (no `.`, so key paths stay unambiguous). */
export const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPTION_NAME = /^@?[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * How a pane's commands run: `process` — as the pane's first process (the user's shell runs them,
 * then the pane becomes an interactive shell); `shell` — typed into the pane's interactive shell,
 * one line at a time, once it has drawn its prompt (so `cd`, `export`, `source` stay in effect and
 * the lines are in the shell's history), as tmuxp and tmuxinator do.
 */
export const RUN_MODES = ['process', 'shell'] as const;
export type RunMode = (typeof RUN_MODES)[number];

export interface TemplatePane {
  /** Shell command line (several lines run one after another); none: a plain shell. */
  command?: string;
  /** Relative to the worktree (`~` and `$VAR` expand); default the window's, else the worktree. */
  cwd?: string;
  env?: Readonly<Record<string, string>>;
  /** The pane that is active in its window. */
  focus?: boolean;
  /** Pane title (`select-pane -T`): tmuxinator's named panes. */
  title?: string;
  /** How its command runs (default: the window's, the template's, else `process`). */
  run?: RunMode;
  /** `run: shell` only: false types the last line without pressing Enter (tmuxp's `enter: false`). */
  enter?: boolean;
  /**
   * `run: shell` only: false types each line after a space, which keeps it out of the history of a
   * shell that ignores such lines (tmuxp's `suppress_history: true`). Default true.
   */
  history?: boolean;
}

export interface TemplateWindow {
  /**
   * The template's name for the window; recorded as `@pots-window`, shown as the window name.
   * A window written without a name is `window-N` here and keeps tmux's automatic name on screen.
   */
  name: string;
  /** Written without a name: tmux names it (automatic-rename: the running program). */
  unnamed?: boolean;
  /** The window's index in a session the template creates (tmuxp's `window_index`). */
  index?: number;
  /** How its panes' commands run (default: the template's, else `process`). */
  run?: RunMode;
  /** A preset (`main-vertical`, …) or a tmux layout string (`b0a5,80x24,0,0{…}`); default `tiled`. */
  layout?: string;
  cwd?: string;
  /** Variables for every pane of the window (a pane's own win). */
  env?: Readonly<Record<string, string>>;
  /** The window that is current when the session is created. */
  focus?: boolean;
  /** tmux window options (`synchronize-panes`, `main-pane-width`, …), set after the panes. */
  options?: Readonly<Record<string, string>>;
  /**
   * Window options set once the panes' commands were typed (tmuxp's `options_after`,
   * tmuxinator's `synchronize: after`): `synchronize-panes` set earlier would type every pane's
   * commands into all of them.
   */
  optionsAfter?: Readonly<Record<string, string>>;
  /** At least one. */
  panes: readonly TemplatePane[];
}

/** Where a template was found. */
export type TemplateSource =
  | { kind: 'builtin' }
  /** `$XDG_CONFIG_HOME/pots/templates/<name>.yaml`: the user's own, trusted. */
  | { kind: 'user'; file: string }
  /** `<repo>/.pots/templates/<name>.yaml`: the repository authors' code until approved. */
  | { kind: 'repo'; file: string }
  /** Config `pots.templates.<name>`; `origin` is the config layer (`user`, `repo`, …). */
  | { kind: 'config'; origin: string; file?: string }
  /** A file named on the command line (`--template ./x.yaml`). */
  | { kind: 'file'; file: string };

/** The format a template file was written in. */
export type TemplateFormat = 'pots' | 'tmuxp' | 'tmuxinator';

export interface Template {
  name: string;
  description?: string;
  /** tmux session options (tmuxp's session `options`), set when the template creates the session. */
  options?: Readonly<Record<string, string>>;
  windows: readonly TemplateWindow[];
  /** How pane commands run unless a window or pane says otherwise (default `process`). */
  run?: RunMode;
  source: TemplateSource;
  /** What the file was written as (built-ins and config templates are `pots`). */
  format: TemplateFormat;
}

/** Where a value came from, for error messages: the file and the key path. */
export interface Where {
  file?: string | undefined;
  /** Key path prefix, e.g. `pots.templates.review`. */
  key?: string | undefined;
}

/**
 * Checks a template in the config schema's shape (`{ windows: [{ name, layout?, cwd?, env?, focus?,
 * panes: (string | { command?, cwd?, env?, focus?, title? })[] }], description?, options? }`) and
 * returns it normalized: every pane an object, an empty pane list one shell. Throws ConfigError
 * (exit 6) naming the file and key path.
 * @example normalizeTemplate('review', { windows: [{ name: 'code', panes: ['nvim .', ''] }] }, { kind: 'builtin' })
 */
export function normalizeTemplate(
  name: string,
  data: unknown,
  source: TemplateSource,
  options: { format?: TemplateFormat; where?: Where } = {},
): Template {
  const where: Where = options.where ?? {};
  const base = where.key ?? name;
  const fail = (key: string, message: string) => configError(where, key, message);
  assertTemplateName(name, where);
  const top = record(data, base, where);
  for (const key of Object.keys(top)) {
    if (!['windows', 'description', 'options', 'run'].includes(key)) {
      throw fail(sub(base, key), 'unknown key (expected windows, description, options, run)');
    }
  }
  if (!Array.isArray(top.windows) || top.windows.length === 0) {
    throw fail(sub(base, 'windows'), 'expected a list of at least one window');
  }
  const windows = top.windows.map((w, i) =>
    normalizeWindow(w, i, sub(base, `windows.${i}`), where),
  );
  const seen = new Set<string>();
  windows.forEach((window, i) => {
    // `pots apply` recognises a window by its template name: two of one name would be one.
    if (seen.has(window.name)) {
      throw fail(sub(base, `windows.${i}.name`), `another window is named "${window.name}"`);
    }
    seen.add(window.name);
  });
  if (windows.filter((w) => w.focus).length > 1) {
    throw fail(sub(base, 'windows'), 'more than one window has focus: true');
  }
  const template: Template = {
    name,
    windows,
    source,
    format: options.format ?? 'pots',
  };
  if (top.description !== undefined) {
    if (typeof top.description !== 'string') throw fail(sub(base, 'description'), 'expected text');
    template.description = top.description;
  }
  if (top.options !== undefined)
    template.options = options_(top.options, sub(base, 'options'), where);
  if (top.run !== undefined) template.run = runMode(top.run, sub(base, 'run'), where);
  return template;
}

const WINDOW_KEYS = [
  'name',
  'layout',
  'cwd',
  'env',
  'focus',
  'options',
  'optionsAfter',
  'panes',
  'run',
  'index',
];
const PANE_KEYS = ['command', 'cwd', 'env', 'focus', 'title', 'run', 'enter', 'history'];

function normalizeWindow(data: unknown, i: number, key: string, where: Where): TemplateWindow {
  const w = record(data, key, where);
  for (const k of Object.keys(w)) {
    if (!WINDOW_KEYS.includes(k)) throw configError(where, `${key}.${k}`, 'unknown key');
  }
  const unnamed = w.name === undefined || w.name === null;
  const window: TemplateWindow = {
    name: unnamed ? `window-${i + 1}` : windowName(w.name, `${key}.name`, where),
    panes: [],
  };
  if (unnamed) window.unnamed = true;
  if (w.run !== undefined) window.run = runMode(w.run, `${key}.run`, where);
  if (w.index !== undefined) {
    if (typeof w.index !== 'number' || !Number.isInteger(w.index) || w.index < 0) {
      throw configError(where, `${key}.index`, 'expected a window index (0, 1, …)');
    }
    window.index = w.index;
  }
  if (w.layout !== undefined) {
    const layout = text(w.layout, `${key}.layout`, where);
    const why = layoutProblem(layout);
    if (why) throw configError(where, `${key}.layout`, why);
    window.layout = layout;
  }
  if (w.cwd !== undefined) window.cwd = dir(w.cwd, `${key}.cwd`, where);
  if (w.env !== undefined) window.env = env(w.env, `${key}.env`, where);
  if (w.focus !== undefined) window.focus = bool(w.focus, `${key}.focus`, where);
  if (w.options !== undefined) window.options = options_(w.options, `${key}.options`, where);
  if (w.optionsAfter !== undefined)
    window.optionsAfter = options_(w.optionsAfter, `${key}.optionsAfter`, where);
  if (w.panes === undefined) throw configError(where, `${key}.panes`, 'missing (a list of panes)');
  if (!Array.isArray(w.panes)) throw configError(where, `${key}.panes`, 'expected a list');
  const panes = w.panes.map((p, i) => normalizePane(p, `${key}.panes.${i}`, where));
  window.panes = panes.length > 0 ? panes : [{}];
  if (window.panes.filter((p) => p.focus).length > 1) {
    throw configError(where, `${key}.panes`, 'more than one pane has focus: true');
  }
  const cells = window.layout === undefined ? null : layoutCells(window.layout);
  if (cells !== null && cells !== window.panes.length) {
    throw configError(
      where,
      `${key}.layout`,
      `the layout string has ${cells} panes but the window has ${window.panes.length}`,
    );
  }
  return window;
}

function normalizePane(data: unknown, key: string, where: Where): TemplatePane {
  if (data === null || data === undefined) return {};
  if (typeof data === 'string') return data.trim() === '' ? {} : { command: data };
  const p = record(data, key, where);
  const pane: TemplatePane = {};
  for (const k of Object.keys(p)) {
    if (!PANE_KEYS.includes(k)) {
      throw configError(where, `${key}.${k}`, `unknown key (expected ${PANE_KEYS.join(', ')})`);
    }
  }
  if (p.command !== undefined) {
    const command = text(p.command, `${key}.command`, where, { empty: true });
    if (command.trim() !== '') pane.command = command;
  }
  if (p.cwd !== undefined) pane.cwd = dir(p.cwd, `${key}.cwd`, where);
  if (p.env !== undefined) pane.env = env(p.env, `${key}.env`, where);
  if (p.focus !== undefined) pane.focus = bool(p.focus, `${key}.focus`, where);
  if (p.title !== undefined) pane.title = label(p.title, `${key}.title`, where);
  if (p.run !== undefined) pane.run = runMode(p.run, `${key}.run`, where);
  if (p.enter !== undefined) pane.enter = bool(p.enter, `${key}.enter`, where);
  if (p.history !== undefined) pane.history = bool(p.history, `${key}.history`, where);
  return pane;
}

/**
 * Why `layout` is not something `select-layout` takes, or null when it is: a preset name, or a
 * layout string `csum,WxH,X,Y…` whose checksum matches (tmux refuses a wrong one).
 * @example layoutProblem('main-vertical') // null
 */
export function layoutProblem(layout: string): string | null {
  if ((LAYOUT_NAMES as readonly string[]).includes(layout)) return null;
  const match = /^([0-9a-f]{4}),(\d+x\d+,\d+,\d+[\d,x{}[\]]*)$/.exec(layout);
  if (!match) {
    return `unknown layout "${layout}": use ${LAYOUT_NAMES.join(', ')} or a layout string from \`tmux list-windows -F '#{window_layout}'\``;
  }
  const body = match[2] ?? '';
  if (layoutCells(layout) === 0 || !balanced(body)) return `malformed layout string "${layout}"`;
  const want = layoutChecksum(body);
  if (want !== match[1]) return `layout string "${layout}" has a wrong checksum (expected ${want})`;
  return null;
}

/**
 * tmux's layout checksum (layout-custom.c): 16 bits, rotate right by one, add the next byte.
 * @example layoutChecksum('80x24,0,0,0') // the four hex digits tmux prints before it
 */
export function layoutChecksum(body: string): string {
  let csum = 0;
  for (const byte of Buffer.from(body, 'utf8')) {
    csum = (csum >> 1) + ((csum & 1) << 15);
    csum = (csum + byte) & 0xffff;
  }
  return csum.toString(16).padStart(4, '0');
}

/** Panes a layout string describes (leaf cells `WxH,X,Y,ID`); null for a preset name. */
export function layoutCells(layout: string): number | null {
  if ((LAYOUT_NAMES as readonly string[]).includes(layout)) return null;
  return (layout.match(/\d+x\d+,\d+,\d+,\d+/g) ?? []).length;
}

function balanced(body: string): boolean {
  const stack: string[] = [];
  for (const c of body) {
    if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if ((c === '}' || c === ']') && stack.pop() !== c) return false;
  }
  return stack.length === 0;
}

/**
 * The name tmux shows for a template window: the template's name with `.` and `:` (which tmux
 * 3.7 refuses, and which targets split on) replaced by `-`. pots finds its windows by the
 * `@pots-window` option, never by this name.
 * @example windowDisplayName('api.v2') // 'api-v2'
 */
export function windowDisplayName(name: string): string {
  return name.replace(/[.:]/g, '-');
}

/** Throws ConfigError unless `name` is a usable template name. */
export function assertTemplateName(name: string, where: Where = {}): void {
  if (!TEMPLATE_NAME.test(name)) {
    throw configError(
      where,
      where.key ?? name,
      `bad template name ${JSON.stringify(name)}: use letters, digits, "-" and "_", starting with a letter or digit`,
    );
  }
}

function sub(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

function configError(where: Where, key: string, message: string): ConfigError {
  const prefix = where.file ? `${where.file}: ` : '';
  return new ConfigError(`${prefix}${key}: ${message}`, where.file, key);
}

function record(data: unknown, key: string, where: Where): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw configError(where, key, 'expected a mapping');
  }
  return data as Record<string, unknown>;
}

function text(data: unknown, key: string, where: Where, options: { empty?: boolean } = {}): string {
  if (typeof data !== 'string') throw configError(where, key, 'expected text');
  if (!options.empty && data === '') throw configError(where, key, 'must not be empty');
  return data;
}

function windowName(data: unknown, key: string, where: Where): string {
  const name = typeof data === 'number' ? String(data) : text(data, key, where);
  if (hasControl(name)) throw configError(where, key, 'control characters are not allowed');
  if (name.length > 64) throw configError(where, key, 'longer than 64 characters');
  return name;
}

function label(data: unknown, key: string, where: Where): string {
  const value = text(data, key, where);
  if (hasControl(value)) throw configError(where, key, 'control characters are not allowed');
  return value;
}

function dir(data: unknown, key: string, where: Where): string {
  const value = text(data, key, where);
  if (hasControl(value)) throw configError(where, key, 'control characters are not allowed');
  return value;
}

function runMode(data: unknown, key: string, where: Where): RunMode {
  if (!(RUN_MODES as readonly unknown[]).includes(data)) {
    throw configError(where, key, `expected ${RUN_MODES.join(' or ')}`);
  }
  return data as RunMode;
}

/**
 * How a pane's command runs: its own `run`, else its window's, else the template's, else `process`.
 * @example paneRunMode(template, template.windows[0], template.windows[0].panes[0]) // 'process'
 */
export function paneRunMode(
  template: Pick<Template, 'run'>,
  window: Pick<TemplateWindow, 'run'>,
  pane: Pick<TemplatePane, 'run'>,
): RunMode {
  return pane.run ?? window.run ?? template.run ?? 'process';
}

function bool(data: unknown, key: string, where: Where): boolean {
  if (typeof data !== 'boolean') throw configError(where, key, 'expected true or false');
  return data;
}

function env(data: unknown, key: string, where: Where): Record<string, string> {
  const r = record(data, key, where);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(r)) {
    if (!ENV_NAME.test(name)) throw configError(where, `${key}.${name}`, 'bad variable name');
    if (typeof value !== 'string') throw configError(where, `${key}.${name}`, 'expected text');
    out[name] = value;
  }
  return out;
}

function options_(data: unknown, key: string, where: Where): Record<string, string> {
  const r = record(data, key, where);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(r)) {
    if (!OPTION_NAME.test(name)) throw configError(where, `${key}.${name}`, 'bad option name');
    if (typeof value !== 'string') throw configError(where, `${key}.${name}`, 'expected text');
    out[name] = value;
  }
  return out;
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
