// tmuxp workspaces and tmuxinator projects as pots templates. Both tools type commands into a
// shell; pots runs them as each pane's first process, joined one per line (so each runs whatever
// the previous did, as when typed). Their session directory becomes the worktree: relative and
// inside-the-project directories stay relative to it. Every key pots cannot honour is named in a
// warning, never dropped silently.
import { posix } from 'node:path';
import {
  layoutCells,
  layoutProblem,
  normalizeTemplate,
  TEMPLATE_NAME,
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
  /** One line per key or value pots does not honour, naming it. */
  warnings: string[];
  format: TemplateFormat;
}

type Data = Record<string, unknown>;

interface Draft {
  windows: Array<{
    name: string;
    layout?: string;
    cwd?: string;
    env?: Record<string, string>;
    focus?: boolean;
    options?: Record<string, string>;
    panes: Array<{
      command?: string;
      cwd?: string;
      env?: Record<string, string>;
      focus?: boolean;
      title?: string;
    }>;
  }>;
  description?: string;
  options?: Record<string, string>;
}

/**
 * Which format parsed file data is in: `tmuxp` (`session_name`, `window_name`), `tmuxinator`
 * (`root`, `pre_window`, windows as `name: command` maps) or `pots` (`windows: [{ name, panes }]`).
 * @example detectTemplateFormat({ session_name: 'x', windows: [] }) // 'tmuxp'
 */
export function detectTemplateFormat(data: unknown): TemplateFormat {
  if (!isRecord(data)) return 'pots';
  const keys = Object.keys(data);
  const has = (...names: string[]) => names.some((name) => keys.includes(name));
  if (
    has(
      'session_name',
      'shell_command_before',
      'start_directory',
      'before_script',
      'global_options',
    )
  ) {
    return 'tmuxp';
  }
  if (
    has(
      'root',
      'project_root',
      'project_name',
      'pre_window',
      'pre_tab',
      'tabs',
      'startup_window',
      'startup_pane',
    )
  ) {
    return 'tmuxinator';
  }
  const windows = Array.isArray(data.windows) ? data.windows : [];
  if (windows.some((w) => isRecord(w) && 'window_name' in w)) return 'tmuxp';
  const tmuxinatorish = (w: unknown) =>
    typeof w === 'string' ||
    (isRecord(w) && Object.keys(w).length === 1 && !('name' in w) && !('panes' in w));
  if (windows.length > 0 && windows.every(tmuxinatorish)) return 'tmuxinator';
  if (has('name') && !windows.some((w) => isRecord(w) && 'name' in w)) return 'tmuxinator';
  return 'pots';
}

/**
 * Any supported file's data as a pots template: detects the format, then converts.
 * @example const { template, warnings } = importTemplate(data, { file: '.tmuxp.yaml' })
 */
export function importTemplate(data: unknown, options: ImportOptions = {}): ImportResult {
  const format = detectTemplateFormat(data);
  if (format === 'tmuxp') return fromTmuxp(data, options);
  if (format === 'tmuxinator') return fromTmuxinator(data, options);
  const name = options.name ?? nameFrom(undefined, options.file);
  const template = normalizeTemplate(name, data, sourceOf(options), {
    format: 'pots',
    where: { file: options.file, key: options.file ? '' : name },
  });
  return { template, warnings: [], format };
}

/**
 * A tmuxp workspace (`session_name`, `start_directory`, `shell_command_before`, `environment`,
 * `options`, `windows[]` with `window_name`, `layout`, `start_directory`, `focus`, `options`,
 * `panes[]` as strings or `{ shell_command, start_directory, focus, environment }`) as a pots
 * template, plus warnings naming every key it cannot honour.
 * @example fromTmuxp({ session_name: 'api', windows: [{ window_name: 'dev', panes: ['make watch', null] }] })
 */
export function fromTmuxp(data: unknown, options: ImportOptions = {}): ImportResult {
  const warnings: string[] = [];
  const warn = (key: string, why: string) => warnings.push(`${key}: ${why}`);
  const top = isRecord(data) ? data : {};
  if (!isRecord(data)) warn('(file)', 'not a tmuxp workspace (expected a mapping)');
  const home = options.home ?? process.env.HOME ?? '';
  const base = text(top.start_directory);
  const draft: Draft = { windows: [] };

  for (const key of Object.keys(top)) {
    if (
      [
        'session_name',
        'start_directory',
        'shell_command_before',
        'environment',
        'options',
        'windows',
      ].includes(key)
    )
      continue;
    if (key === 'suppress_history') continue; // pots types nothing, so there is no history to keep clean
    warn(key, unsupported(TMUXP_SESSION_WHY[key]));
  }
  if (base !== undefined) {
    warn(
      'start_directory',
      `${JSON.stringify(base)} is replaced by the worktree; directories inside it stay relative to the worktree`,
    );
  }
  const sessionBefore = commandList(top.shell_command_before, 'shell_command_before', warn);
  const sessionEnv = envOf(top.environment, 'environment', warn);
  if (top.options !== undefined) draft.options = optionsOf(top.options, 'options', warn);

  const windows = Array.isArray(top.windows) ? top.windows : [];
  if (!Array.isArray(top.windows)) warn('windows', 'missing: the template gets one shell window');
  windows.forEach((item, w) => {
    const key = `windows.${w}`;
    const win = isRecord(item) ? item : {};
    if (!isRecord(item)) warn(key, 'expected a mapping; made one shell window');
    for (const k of Object.keys(win)) {
      if (
        [
          'window_name',
          'layout',
          'start_directory',
          'shell_command_before',
          'focus',
          'options',
          'options_after',
          'environment',
          'panes',
        ].includes(k)
      )
        continue;
      if (k === 'suppress_history') continue;
      warn(`${key}.${k}`, unsupported(TMUXP_WINDOW_WHY[k]));
    }
    const windowDir = joinDir(relativeTo(text(win.start_directory), base, home), undefined);
    const before = [
      ...sessionBefore,
      ...commandList(win.shell_command_before, `${key}.shell_command_before`, warn),
    ];
    const env = { ...sessionEnv, ...envOf(win.environment, `${key}.environment`, warn) };
    const window: Draft['windows'][number] = {
      name: windowNameOf(win.window_name, w, `${key}.window_name`, warn),
      panes: [],
    };
    const layout = layoutOf(win.layout, `${key}.layout`, warn);
    if (layout) window.layout = layout;
    if (windowDir !== undefined) window.cwd = windowDir;
    if (Object.keys(env).length > 0) window.env = env;
    if (flag(win.focus)) window.focus = true;
    const opts = {
      ...optionsOf(win.options, `${key}.options`, warn),
      ...optionsOf(win.options_after, `${key}.options_after`, warn),
    };
    if (Object.keys(opts).length > 0) window.options = opts;

    const panes = Array.isArray(win.panes) ? win.panes : [null];
    panes.forEach((paneItem, p) => {
      const pkey = `${key}.panes.${p}`;
      const pane: Draft['windows'][number]['panes'][number] = {};
      let commands: string[] = [];
      if (typeof paneItem === 'string' || Array.isArray(paneItem)) {
        commands = commandList(paneItem, pkey, warn).filter((c) => !['blank', 'pane'].includes(c));
      } else if (isRecord(paneItem)) {
        for (const k of Object.keys(paneItem)) {
          if (
            [
              'shell_command',
              'start_directory',
              'focus',
              'environment',
              'shell_command_before',
            ].includes(k)
          )
            continue;
          if (k === 'suppress_history') continue;
          warn(`${pkey}.${k}`, unsupported(TMUXP_PANE_WHY[k]));
        }
        commands = [
          ...commandList(paneItem.shell_command_before, `${pkey}.shell_command_before`, warn),
          ...commandList(paneItem.shell_command, `${pkey}.shell_command`, warn),
        ];
        const dir = text(paneItem.start_directory);
        if (dir !== undefined) {
          const resolved = joinDir(relativeTo(dir, base, home), windowDir);
          if (resolved !== undefined && resolved !== windowDir) pane.cwd = resolved;
        }
        const paneEnv = envOf(paneItem.environment, `${pkey}.environment`, warn);
        if (Object.keys(paneEnv).length > 0) pane.env = paneEnv;
        if (flag(paneItem.focus)) pane.focus = true;
      } else if (paneItem !== null && paneItem !== undefined) {
        warn(
          pkey,
          `expected a command or a mapping, got ${JSON.stringify(paneItem)}; made a shell`,
        );
      }
      if (commands.length > 0) pane.command = [...before, ...commands].join('\n');
      else if (before.length > 0) pane.command = before.join('\n');
      window.panes.push(pane);
    });
    oneFocus(window.panes, `${key}.panes`, warn);
    draft.windows.push(window);
  });
  if (draft.windows.length === 0) draft.windows.push({ name: 'shell', panes: [{}] });
  oneFocus(draft.windows, 'windows', warn);
  fitLayouts(draft, warn);
  dedupeNames(draft, warn);

  const name = options.name ?? nameFrom(text(top.session_name), options.file);
  return {
    template: finish(name, draft, 'tmuxp', options),
    warnings: prefix(warnings, options.file),
    format: 'tmuxp',
  };
}

/**
 * A tmuxinator project (`name`, `root`, `pre_window`, `startup_window`, `startup_pane`, `windows[]`
 * as `name: command`, `name: [commands]` or `name: { layout, panes, root, pre, synchronize }`, panes
 * as commands, lists or `{ title: commands }`) as a pots template, plus warnings naming every key
 * it cannot honour.
 * @example fromTmuxinator({ name: 'api', root: '~/api', windows: [{ editor: 'vim' }, { server: 'make run' }] })
 */
export function fromTmuxinator(data: unknown, options: ImportOptions = {}): ImportResult {
  const warnings: string[] = [];
  const warn = (key: string, why: string) => warnings.push(`${key}: ${why}`);
  const top = isRecord(data) ? data : {};
  if (!isRecord(data)) warn('(file)', 'not a tmuxinator project (expected a mapping)');
  const home = options.home ?? process.env.HOME ?? '';
  const rootKey = 'root' in top ? 'root' : 'project_root';
  const base = text(top[rootKey]);
  const draft: Draft = { windows: [] };

  for (const key of Object.keys(top)) {
    if (
      [
        'name',
        'project_name',
        'root',
        'project_root',
        'windows',
        'tabs',
        'pre_window',
        'pre_tab',
        'startup_window',
        'startup_pane',
        'enable_pane_titles',
      ].includes(key)
    )
      continue;
    warn(key, unsupported(TMUXINATOR_WHY[key]));
  }
  if (base !== undefined) {
    warn(
      rootKey,
      `${JSON.stringify(base)} is replaced by the worktree; directories inside it stay relative to the worktree`,
    );
  }
  const preKey = 'pre_window' in top ? 'pre_window' : 'pre_tab';
  const preWindow = commandList(top[preKey], preKey, warn);
  const windowsKey = 'windows' in top ? 'windows' : 'tabs';
  const windows = Array.isArray(top[windowsKey]) ? (top[windowsKey] as unknown[]) : [];
  if (!Array.isArray(top[windowsKey]))
    warn('windows', 'missing: the template gets one shell window');

  windows.forEach((item, w) => {
    const key = `${windowsKey}.${w}`;
    let name: unknown;
    let value: unknown;
    if (isRecord(item)) {
      const entries = Object.entries(item);
      if (entries.length !== 1)
        warn(key, `expected one "name: …" entry, got ${entries.length}; used the first`);
      [name, value] = entries[0] ?? [undefined, undefined];
    } else if (typeof item === 'string') {
      name = item;
      value = null;
    } else {
      warn(key, 'expected "name: command" or "name: { layout, panes }"; made one shell window');
    }
    const window: Draft['windows'][number] = {
      name: windowNameOf(name, w, key, warn),
      panes: [],
    };
    let before = [...preWindow];
    let paneItems: unknown[];
    if (isRecord(value)) {
      for (const k of Object.keys(value)) {
        if (['layout', 'panes', 'root', 'pre', 'synchronize'].includes(k)) continue;
        warn(`${key}.${k}`, unsupported());
      }
      const layout = layoutOf(value.layout, `${key}.layout`, warn);
      if (layout) window.layout = layout;
      const dir = joinDir(relativeTo(text(value.root), base, home), undefined);
      if (dir !== undefined) window.cwd = dir;
      before = [...before, ...commandList(value.pre, `${key}.pre`, warn)];
      if (value.synchronize !== undefined && value.synchronize !== false) {
        // tmuxinator turns it on before or after typing the commands; pots starts them directly.
        window.options = { 'synchronize-panes': 'on' };
      }
      paneItems = Array.isArray(value.panes) ? value.panes : [value.panes ?? null];
    } else {
      paneItems = [value ?? null];
    }
    paneItems.forEach((paneItem, p) => {
      const pkey = isRecord(value) ? `${key}.panes.${p}` : key;
      const pane: Draft['windows'][number]['panes'][number] = {};
      let commands: string[] = [];
      if (isRecord(paneItem)) {
        const entries = Object.entries(paneItem);
        if (entries.length !== 1)
          warn(pkey, `expected one "title: commands" entry, got ${entries.length}; used the first`);
        const [title, cmds] = entries[0] ?? [undefined, undefined];
        if (title !== undefined && title !== '') pane.title = title;
        commands = commandList(cmds, pkey, warn);
      } else if (paneItem !== null && paneItem !== undefined) {
        commands = commandList(
          typeof paneItem === 'number' ? String(paneItem) : paneItem,
          pkey,
          warn,
        );
      }
      if (commands.length > 0 || before.length > 0)
        pane.command = [...before, ...commands].join('\n');
      window.panes.push(pane);
    });
    if (window.panes.length === 0) window.panes.push({});
    draft.windows.push(window);
  });
  if (draft.windows.length === 0) draft.windows.push({ name: 'shell', panes: [{}] });
  focusStartup(draft, top, warn);
  fitLayouts(draft, warn);
  dedupeNames(draft, warn);
  erbWarnings(top, warn);

  const name = options.name ?? nameFrom(text(top.name) ?? text(top.project_name), options.file);
  return {
    template: finish(name, draft, 'tmuxinator', options),
    warnings: prefix(warnings, options.file),
    format: 'tmuxinator',
  };
}

// --- why keys are not supported -------------------------------------------------------------------

const TMUXP_SESSION_WHY: Record<string, string> = {
  before_script:
    'a script run before the session is built; run it yourself (or as a plum postCreate hook)',
  global_options: 'server-wide options would change every session; set them in ~/.tmux.conf',
  plugins: 'tmuxp plugins are Python',
  shell_command: 'not a session key',
  config: 'tmux config files are not loaded per template',
  socket_name: 'pots chooses the server (-L / POTS_TMUX_SOCKET_NAME)',
};
const TMUXP_WINDOW_WHY: Record<string, string> = {
  window_shell: 'pots starts every pane in your shell',
  window_index: 'windows are added in order',
  shell_command: 'tmuxp ignores it at window level too; put commands in panes',
  clear: 'panes start fresh',
};
const TMUXP_PANE_WHY: Record<string, string> = {
  sleep_before: 'commands start as the pane starts; there is nothing to wait for',
  sleep_after: 'commands start as the pane starts; there is nothing to wait for',
  enter: 'pots runs commands, it never types them',
};
const TMUXINATOR_WHY: Record<string, string> = {
  pre: 'a project command run before the session (deprecated in tmuxinator); use a plum postCreate hook',
  post: 'deprecated in tmuxinator',
  on_project_start: 'project hooks are plum hooks (postCreate / preRemove)',
  on_project_first_start: 'project hooks are plum hooks (postCreate / preRemove)',
  on_project_restart: 'project hooks are plum hooks (postCreate / preRemove)',
  on_project_exit: 'project hooks are plum hooks (postCreate / preRemove)',
  on_project_stop: 'project hooks are plum hooks (postCreate / preRemove)',
  tmux_options: 'pots chooses the server (-L / -S) and reads no extra tmux flags',
  tmux_command: 'pots runs tmux itself',
  socket_name: 'pots chooses the server (-L / POTS_TMUX_SOCKET_NAME)',
  attach: 'use pots create --attach / pots attach',
  tmux_detached: 'use pots create without attaching',
  pane_title_position: 'set pane-border-status in ~/.tmux.conf',
  pane_title_format: 'set pane-border-format in ~/.tmux.conf',
};

function unsupported(why?: string): string {
  return why ? `not supported (${why}); ignored` : 'not supported; ignored';
}

// --- helpers --------------------------------------------------------------------------------------

function finish(
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

function sourceOf(options: ImportOptions): TemplateSource {
  if (options.source) return options.source;
  return { kind: 'file', file: options.file ?? '(data)' };
}

function prefix(warnings: string[], file: string | undefined): string[] {
  return file ? warnings.map((w) => `${file}: ${w}`) : warnings;
}

/** A template name from a session/project name or a file name: `my.app` → `my-app`. */
function nameFrom(given: string | undefined, file: string | undefined): string {
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

function windowNameOf(
  value: unknown,
  index: number,
  key: string,
  warn: (k: string, w: string) => void,
): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' && value.trim() !== '') {
    // Control characters would be stored escaped by tmux: keep the name readable instead.
    return [...value]
      .map((c) => (c < ' ' || c === '\x7f' ? ' ' : c))
      .join('')
      .slice(0, 64);
  }
  warn(key, `no window name; named "window-${index + 1}"`);
  return `window-${index + 1}`;
}

function layoutOf(
  value: unknown,
  key: string,
  warn: (k: string, w: string) => void,
): string | undefined {
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

type CommandItem = string | { cmd?: unknown };

/** Commands as a list: a string (one command) or a list of strings (tmuxp also `{ cmd }`). */
function commandList(value: unknown, key: string, warn: (k: string, w: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (typeof value === 'number') return [String(value)];
  if (!Array.isArray(value)) {
    warn(key, `expected a command or a list of commands, got ${JSON.stringify(value)}; ignored`);
    return [];
  }
  const out: string[] = [];
  (value as CommandItem[]).forEach((item, i) => {
    if (typeof item === 'string') {
      if (item.trim() !== '') out.push(item);
    } else if (typeof item === 'number') {
      out.push(String(item));
    } else if (isRecord(item) && typeof item.cmd === 'string') {
      const extra = Object.keys(item).filter((k) => k !== 'cmd');
      if ((item as Data).enter === false) {
        warn(
          `${key}.${i}`,
          `enter: false (typed, not run) is not supported; the command ${JSON.stringify(item.cmd)} was left out`,
        );
        return;
      }
      for (const k of extra.filter((k) => k !== 'enter'))
        warn(`${key}.${i}.${k}`, unsupported(TMUXP_PANE_WHY[k]));
      out.push(item.cmd);
    } else if (item !== null && item !== undefined) {
      warn(`${key}.${i}`, `expected a command, got ${JSON.stringify(item)}; ignored`);
    }
  });
  return out;
}

function envOf(
  value: unknown,
  key: string,
  warn: (k: string, w: string) => void,
): Record<string, string> {
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

function optionsOf(
  value: unknown,
  key: string,
  warn: (k: string, w: string) => void,
): Record<string, string> {
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

/**
 * A file's directory relative to its session directory (`base`), so it can be made relative to
 * the worktree; outside the session directory it stays absolute.
 */
function relativeTo(
  dir: string | undefined,
  base: string | undefined,
  home: string,
): string | undefined {
  if (dir === undefined || dir.trim() === '') return undefined;
  if (!isAbsoluteish(dir)) return dir;
  if (base === undefined) return dir;
  const a = posix.normalize(expandHome(dir, home));
  const b = posix.normalize(expandHome(base, home)).replace(/\/+$/, '');
  if (a === b) return '.';
  if (a.startsWith(`${b}/`)) return a.slice(b.length + 1);
  return dir;
}

/** `dir` resolved against a window directory when both are relative. */
function joinDir(dir: string | undefined, windowDir: string | undefined): string | undefined {
  if (dir === undefined) return windowDir;
  if (isAbsoluteish(dir) || windowDir === undefined || isAbsoluteish(windowDir)) {
    return isAbsoluteish(dir)
      ? dir
      : normalizeRelative(windowDir === undefined ? dir : posix.join(windowDir, dir));
  }
  return normalizeRelative(posix.join(windowDir, dir));
}

function normalizeRelative(dir: string): string {
  const out = posix.normalize(dir).replace(/\/+$/, '');
  return out === '' ? '.' : out;
}

function isAbsoluteish(dir: string): boolean {
  return dir.startsWith('/') || dir === '~' || dir.startsWith('~/') || dir.startsWith('$');
}

function expandHome(dir: string, home: string): string {
  if (dir === '~') return home;
  if (dir.startsWith('~/')) return `${home}${dir.slice(1)}`;
  return dir;
}

function oneFocus(
  items: Array<{ focus?: boolean }>,
  key: string,
  warn: (k: string, w: string) => void,
): void {
  const focused = items.filter((item) => item.focus);
  if (focused.length <= 1) return;
  warn(key, `${focused.length} have focus: true; the first keeps it`);
  for (const item of focused.slice(1)) delete item.focus;
}

/** tmuxinator's `startup_window` (a name or index) and `startup_pane` (an index) as focus. */
function focusStartup(draft: Draft, top: Data, warn: (k: string, w: string) => void): void {
  const sw = text(top.startup_window);
  let window = draft.windows[0];
  if (top.startup_window !== undefined && top.startup_window !== null) {
    const found =
      (sw === undefined ? undefined : draft.windows.find((w) => w.name === sw)) ??
      (sw !== undefined && /^\d+$/.test(sw) ? draft.windows[Number(sw)] : undefined);
    if (found) {
      window = found;
      found.focus = true;
    } else {
      warn(
        'startup_window',
        `no window ${JSON.stringify(top.startup_window)} (by name, or index counted from 0); ignored`,
      );
    }
  }
  const sp = text(top.startup_pane);
  if (top.startup_pane !== undefined && top.startup_pane !== null && window) {
    const pane = sp !== undefined && /^\d+$/.test(sp) ? window.panes[Number(sp)] : undefined;
    if (pane) pane.focus = true;
    else
      warn(
        'startup_pane',
        `no pane ${JSON.stringify(top.startup_pane)} (index counted from 0) in window "${window.name}"; ignored`,
      );
  }
}

/** A layout string must describe exactly the window's panes, or tmux refuses it. */
function fitLayouts(draft: Draft, warn: (k: string, w: string) => void): void {
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

function dedupeNames(draft: Draft, warn: (k: string, w: string) => void): void {
  const seen = new Set<string>();
  draft.windows.forEach((window, i) => {
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

function erbWarnings(top: Data, warn: (k: string, w: string) => void): void {
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isRecord(v)) Object.values(v).forEach(walk);
  };
  walk(top);
  if (texts.some((t) => t.includes('<%'))) {
    warn('(file)', 'ERB (<%= … %>) is not evaluated: the text is used as written');
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
