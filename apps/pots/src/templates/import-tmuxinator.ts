// tmuxinator projects as pots templates. tmuxinator types `pre_window`, the window's `pre` and each
// pane's commands into the pane's shell; so does pots (`run: shell`). The project `root` becomes
// the worktree. Every documented key is honoured or named in a warning saying what pots does.
import { joinDir, relativeTo } from './import-dirs.js';
import {
  dedupeNames,
  finish,
  fitLayouts,
  isRecord,
  layoutOf,
  nameFrom,
  prefix,
  text,
  unsupported,
  type Data,
  type Draft,
  type DraftPane,
  type DraftWindow,
  type ImportOptions,
  type ImportResult,
  type Warn,
} from './import-shared.js';

const PROJECT_KEYS = [
  'name',
  'project_name',
  'root',
  'project_root',
  'windows',
  'tabs',
  'pre_window',
  'pre_tab',
  'rbenv',
  'rvm',
  'startup_window',
  'startup_pane',
  'enable_pane_titles',
];
const WINDOW_KEYS = ['layout', 'panes', 'root', 'pre', 'synchronize', 'focused_pane'];

const PROJECT_WHY: Record<string, string> = {
  pre: 'a project command run before the session (deprecated in tmuxinator); use a plum postCreate hook',
  post: 'deprecated in tmuxinator',
  on_project_start: 'project hooks are plum hooks (postCreate / preRemove)',
  on_project_first_start: 'project hooks are plum hooks (postCreate / preRemove)',
  on_project_restart: 'project hooks are plum hooks (postCreate / preRemove)',
  on_project_exit: 'project hooks are plum hooks (postCreate / preRemove)',
  on_project_stop: 'project hooks are plum hooks (postCreate / preRemove)',
  tmux_options: 'pots chooses the server (-L / -S) and reads no extra tmux flags',
  cli_args: 'pots chooses the server (-L / -S) and reads no extra tmux flags',
  tmux_command: 'pots runs tmux itself',
  socket_name: 'pots chooses the server (-L / POTS_TMUX_SOCKET_NAME)',
  socket_path: 'pots chooses the server (-L / -S / POTS_TMUX_SOCKET_NAME)',
  attach: 'use pots create --attach / pots attach',
  tmux_detached: 'use pots create without attaching',
  pane_title_position: 'set pane-border-status in ~/.tmux.conf',
  pane_title_format: 'set pane-border-format in ~/.tmux.conf',
};

/**
 * A tmuxinator project as a pots template whose commands are typed into each pane's shell
 * (`run: shell`), plus warnings naming every key it cannot honour.
 * @example fromTmuxinator({ name: 'api', root: '~/api', windows: [{ editor: 'vim' }, { server: 'make run' }] })
 */
export function fromTmuxinator(data: unknown, options: ImportOptions = {}): ImportResult {
  const warnings: string[] = [];
  const warn: Warn = (key, why) => warnings.push(`${key}: ${why}`);
  const top = isRecord(data) ? data : {};
  if (!isRecord(data)) warn('(file)', 'not a tmuxinator project (expected a mapping)');
  const home = options.home ?? process.env.HOME ?? '';
  const rootKey = 'root' in top ? 'root' : 'project_root';
  const base = text(top[rootKey]);
  const draft: Draft = { windows: [], run: 'shell' };

  for (const key of Object.keys(top)) {
    if (!PROJECT_KEYS.includes(key)) warn(key, unsupported(PROJECT_WHY[key]));
  }
  if (base !== undefined) {
    warn(
      rootKey,
      `${JSON.stringify(base)} is replaced by the worktree; directories inside it stay relative to the worktree`,
    );
  }
  const preWindow = preWindowOf(top, warn);
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
    } else if (item !== null) {
      warn(key, 'expected "name: command" or "name: { layout, panes }"; made one shell window');
    }
    const window: DraftWindow = { panes: [] };
    // A `~`/null key is tmuxinator's unnamed window (js-yaml reads it as the string "null").
    const written = text(name);
    if (written !== undefined && written.trim() !== '' && written !== 'null' && written !== '~')
      window.name = written;
    let before = [...preWindow];
    let paneItems: unknown[];
    let focused: unknown;
    if (isRecord(value)) {
      for (const k of Object.keys(value)) {
        if (!WINDOW_KEYS.includes(k)) warn(`${key}.${k}`, unsupported());
      }
      const layout = layoutOf(value.layout, `${key}.layout`, warn);
      if (layout) window.layout = layout;
      const dir = joinDir(relativeTo(text(value.root), base, home), undefined);
      if (dir !== undefined) window.cwd = dir;
      const pre = lines(value.pre, `${key}.pre`, warn);
      // tmuxinator runs a window's `pre` list as one line joined with &&.
      if (pre.length > 0) before = [...before, pre.join(' && ')];
      synchronize(window, value.synchronize, `${key}.synchronize`, warn);
      paneItems = Array.isArray(value.panes) ? value.panes : [value.panes ?? null];
      focused = value.focused_pane;
    } else {
      paneItems = [value ?? null];
    }
    paneItems.forEach((paneItem, p) => {
      const pkey = isRecord(value) ? `${key}.panes.${p}` : key;
      const pane: DraftPane = {};
      let commands: string[] = [];
      if (isRecord(paneItem)) {
        const entries = Object.entries(paneItem);
        if (entries.length !== 1)
          warn(pkey, `expected one "title: commands" entry, got ${entries.length}; used the first`);
        const [title, cmds] = entries[0] ?? [undefined, undefined];
        if (title !== undefined && title !== '') pane.title = title;
        commands = lines(cmds, pkey, warn);
      } else if (paneItem !== null && paneItem !== undefined) {
        commands = lines(typeof paneItem === 'number' ? String(paneItem) : paneItem, pkey, warn);
      }
      const all = [...before, ...commands];
      if (all.length > 0) pane.command = all.join('\n');
      window.panes.push(pane);
    });
    if (window.panes.length === 0) window.panes.push({});
    if (focused !== undefined && focused !== null)
      focusPane(window, focused, `${key}.focused_pane`, warn);
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

/** `pre_window` (or its older spellings `pre_tab`, `rbenv`, `rvm`), as tmuxinator picks it. */
function preWindowOf(top: Data, warn: Warn): string[] {
  if (top.rbenv !== undefined && top.rbenv !== null)
    return [`rbenv shell ${text(top.rbenv) ?? ''}`];
  if (top.rvm !== undefined && top.rvm !== null) return [`rvm use ${text(top.rvm) ?? ''}`];
  const key = 'pre_tab' in top && !('pre_window' in top) ? 'pre_tab' : 'pre_window';
  return lines(top[key], key, warn);
}

/** `synchronize: true | before` is set before the commands are typed, `after` once they were. */
function synchronize(window: DraftWindow, value: unknown, key: string, warn: Warn): void {
  if (value === undefined || value === null || value === false) return;
  if (value === true || value === 'before') window.options = { 'synchronize-panes': 'on' };
  else if (value === 'after') window.optionsAfter = { 'synchronize-panes': 'on' };
  else warn(key, `expected true, before or after, got ${JSON.stringify(value)}; ignored`);
}

/** `focused_pane`: an index counted from 0, or a pane's title. */
function focusPane(window: DraftWindow, value: unknown, key: string, warn: Warn): void {
  const v = text(value);
  const pane =
    v !== undefined && /^\d+$/.test(v)
      ? window.panes[Number(v)]
      : window.panes.find((p) => p.title !== undefined && p.title === v);
  if (pane) pane.focus = true;
  else
    warn(
      key,
      `no pane ${JSON.stringify(value)} (index from 0, or a pane title); the first keeps focus`,
    );
}

/** Commands as lines: a string, or a list of strings (numbers as text; blanks left out). */
function lines(value: unknown, key: string, warn: Warn): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.trim() === '' ? [] : [value];
  if (typeof value === 'number') return [String(value)];
  if (!Array.isArray(value)) {
    warn(key, `expected a command or a list of commands, got ${JSON.stringify(value)}; ignored`);
    return [];
  }
  const out: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') {
      if (item.trim() !== '') out.push(item);
    } else if (typeof item === 'number') {
      out.push(String(item));
    } else if (item !== null && item !== undefined) {
      warn(`${key}.${i}`, `expected a command, got ${JSON.stringify(item)}; ignored`);
    }
  });
  return out;
}

/** tmuxinator's `startup_window` (a name or index) and `startup_pane` (an index) as focus. */
function focusStartup(draft: Draft, top: Data, warn: Warn): void {
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
    if (pane) {
      for (const other of window.panes) delete other.focus;
      pane.focus = true;
    } else
      warn(
        'startup_pane',
        `no pane ${JSON.stringify(top.startup_pane)} (index counted from 0) in window "${window.name ?? ''}"; ignored`,
      );
  }
}

function erbWarnings(top: Data, warn: Warn): void {
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
