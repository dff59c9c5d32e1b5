// tmuxp workspaces as pots templates. tmuxp types each command into the pane's shell; so does
// pots (`run: shell`), so `cd`, `export` and `source` hold at the prompt afterwards. The session
// directory becomes the worktree. Every key of tmuxp's documented workspace format is either
// honoured or named in a warning that says what pots does instead.
import { joinDir, relativeTo } from './import-dirs.js';
import {
  dedupeNames,
  envOf,
  finish,
  fitLayouts,
  flag,
  isRecord,
  layoutOf,
  nameFrom,
  oneFocus,
  optionsOf,
  prefix,
  text,
  unsupported,
  type Draft,
  type DraftPane,
  type DraftWindow,
  type ImportOptions,
  type ImportResult,
  type Warn,
} from './import-shared.js';

const SESSION_KEYS = [
  'session_name',
  'start_directory',
  'shell_command_before',
  'environment',
  'options',
  'windows',
  'suppress_history',
];
const WINDOW_KEYS = [
  'window_name',
  'window_index',
  'layout',
  'start_directory',
  'shell_command_before',
  'focus',
  'options',
  'options_after',
  'environment',
  'panes',
  'suppress_history',
  'window_shell',
];
const PANE_KEYS = [
  'shell_command',
  'start_directory',
  'focus',
  'environment',
  'shell_command_before',
  'suppress_history',
  'enter',
  'shell',
  'sleep_before',
  'sleep_after',
];

const SESSION_WHY: Record<string, string> = {
  before_script:
    'a script run before the session is built; run it yourself (or as a plum postCreate hook)',
  global_options: 'server-wide options would change every session; set them in ~/.tmux.conf',
  plugins: 'tmuxp plugins are Python',
  shell_command: 'not a session key',
  config: 'tmux config files are not loaded per template',
  socket_name: 'pots chooses the server (-L / POTS_TMUX_SOCKET_NAME)',
};
const WINDOW_WHY: Record<string, string> = {
  shell_command: 'tmuxp ignores it at window level too; put commands in panes',
  clear: 'tmuxp ignores it too',
};
/** tmuxp's pauses exist to let a shell start; pots waits for the prompt instead. */
const SLEEP_WHY =
  'pots waits for the shell to draw its prompt, and the shell reads typed lines in order, so there is nothing to wait for';

/**
 * A tmuxp workspace as a pots template whose commands are typed into each pane's shell
 * (`run: shell`), plus warnings naming every key it cannot honour.
 * @example fromTmuxp({ session_name: 'api', windows: [{ window_name: 'dev', panes: ['make watch', null] }] })
 */
export function fromTmuxp(data: unknown, options: ImportOptions = {}): ImportResult {
  const warnings: string[] = [];
  const warn: Warn = (key, why) => warnings.push(`${key}: ${why}`);
  const top = isRecord(data) ? data : {};
  if (!isRecord(data)) warn('(file)', 'not a tmuxp workspace (expected a mapping)');
  const home = options.home ?? process.env.HOME ?? '';
  const base = text(top.start_directory);
  const draft: Draft = { windows: [], run: 'shell' };

  for (const key of Object.keys(top)) {
    if (!SESSION_KEYS.includes(key)) warn(key, unsupported(SESSION_WHY[key]));
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
      if (!WINDOW_KEYS.includes(k)) warn(`${key}.${k}`, unsupported(WINDOW_WHY[k]));
    }
    const windowDir = joinDir(relativeTo(text(win.start_directory), base, home), undefined);
    const before = [
      ...sessionBefore,
      ...commandList(win.shell_command_before, `${key}.shell_command_before`, warn),
    ];
    const env = { ...sessionEnv, ...envOf(win.environment, `${key}.environment`, warn) };
    const window: DraftWindow = { panes: [] };
    const name = text(win.window_name);
    if (name !== undefined && name.trim() !== '') window.name = name;
    const index = indexOf(win.window_index, `${key}.window_index`, warn);
    if (index !== undefined) window.index = index;
    const layout = layoutOf(win.layout, `${key}.layout`, warn);
    if (layout) window.layout = layout;
    if (windowDir !== undefined) window.cwd = windowDir;
    if (Object.keys(env).length > 0) window.env = env;
    if (flag(win.focus)) window.focus = true;
    const opts = optionsOf(win.options, `${key}.options`, warn);
    if (Object.keys(opts).length > 0) window.options = opts;
    const after = optionsOf(win.options_after, `${key}.options_after`, warn);
    if (Object.keys(after).length > 0) window.optionsAfter = after;
    const suppress = win.suppress_history ?? top.suppress_history;

    const panes = Array.isArray(win.panes) ? win.panes : [null];
    panes.forEach((paneItem, p) => {
      const pkey = `${key}.panes.${p}`;
      const pane: DraftPane = {};
      let commands: Line[] = [];
      let paneSuppress = suppress;
      let shell = text(win.window_shell);
      let shellKey = `${key}.window_shell`;
      if (typeof paneItem === 'string' || Array.isArray(paneItem)) {
        // `pane` and `blank` are tmuxp's words for an empty pane.
        commands = commandList(paneItem, pkey, warn).filter(
          (c) => !['blank', 'pane'].includes(c.text),
        );
      } else if (isRecord(paneItem)) {
        for (const k of Object.keys(paneItem)) {
          if (!PANE_KEYS.includes(k)) warn(`${pkey}.${k}`, unsupported());
        }
        for (const k of ['sleep_before', 'sleep_after']) {
          if (paneItem[k] !== undefined) warn(`${pkey}.${k}`, unsupported(SLEEP_WHY));
        }
        commands = [
          ...commandList(paneItem.shell_command_before, `${pkey}.shell_command_before`, warn),
          ...commandList(paneItem.shell_command, `${pkey}.shell_command`, warn),
        ];
        if (paneItem.enter === false && commands.length > 0) {
          const last = commands[commands.length - 1];
          if (last) last.enter = false;
        }
        const dir = text(paneItem.start_directory);
        if (dir !== undefined) {
          const resolved = joinDir(relativeTo(dir, base, home), windowDir);
          if (resolved !== undefined && resolved !== windowDir) pane.cwd = resolved;
        }
        const paneEnv = envOf(paneItem.environment, `${pkey}.environment`, warn);
        if (Object.keys(paneEnv).length > 0) pane.env = paneEnv;
        if (flag(paneItem.focus)) pane.focus = true;
        if (paneItem.suppress_history !== undefined) paneSuppress = paneItem.suppress_history;
        if (text(paneItem.shell) !== undefined) {
          shell = text(paneItem.shell);
          shellKey = `${pkey}.shell`;
        }
      } else if (paneItem !== null && paneItem !== undefined) {
        warn(
          pkey,
          `expected a command or a mapping, got ${JSON.stringify(paneItem)}; made a shell`,
        );
      }
      const lines = commands.length > 0 || before.length > 0 ? [...before, ...commands] : [];
      if (shell !== undefined) {
        // tmuxp starts the pane with this program instead of the shell, then types into it.
        if (commands.length === 0) {
          Object.assign(pane, { command: shell, run: 'process' });
          window.panes.push(pane);
          return;
        }
        warn(
          shellKey,
          `${JSON.stringify(shell)} is not started: the pane is your shell, and its commands are typed there`,
        );
      }
      setLines(pane, lines, `${pkey}.shell_command`, warn);
      if (flag(paneSuppress) && pane.command !== undefined) pane.history = false;
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

/** One typed line: its text, and whether Enter follows it. */
interface Line {
  text: string;
  enter: boolean;
}

/**
 * Lines as a pane's `command` (one per line). Only the last may go without Enter in pots: an
 * earlier `enter: false` (which tmuxp would run together with the next line) is warned about.
 */
function setLines(pane: DraftPane, lines: readonly Line[], key: string, warn: Warn): void {
  if (lines.length === 0) return;
  lines.forEach((line, i) => {
    if (!line.enter && i < lines.length - 1) {
      warn(
        key,
        `enter: false on ${JSON.stringify(line.text)} is honoured only on a pane's last command; pots presses Enter after it`,
      );
    }
  });
  pane.command = lines.map((l) => l.text).join('\n');
  if (lines[lines.length - 1]?.enter === false) pane.enter = false;
}

/** `window_index` as a number, else a warning. */
function indexOf(value: unknown, key: string, warn: Warn): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(text(value));
  if (Number.isInteger(n) && n >= 0) return n;
  warn(key, `expected a window index, got ${JSON.stringify(value)}; ignored (added in order)`);
  return undefined;
}

/**
 * Commands as lines: a string (one command), or a list of strings and `{ cmd, enter,
 * sleep_before, sleep_after }`. Blank entries (tmuxp presses Enter for them: a second prompt)
 * are left out.
 */
function commandList(value: unknown, key: string, warn: Warn): Line[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.trim() === '' ? [] : [{ text: value, enter: true }];
  if (typeof value === 'number') return [{ text: String(value), enter: true }];
  if (!Array.isArray(value)) {
    warn(key, `expected a command or a list of commands, got ${JSON.stringify(value)}; ignored`);
    return [];
  }
  const out: Line[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') {
      if (item.trim() !== '') out.push({ text: item, enter: true });
    } else if (typeof item === 'number') {
      out.push({ text: String(item), enter: true });
    } else if (isRecord(item) && typeof item.cmd === 'string') {
      for (const k of Object.keys(item)) {
        if (k === 'sleep_before' || k === 'sleep_after')
          warn(`${key}.${i}.${k}`, unsupported(SLEEP_WHY));
        else if (k !== 'cmd' && k !== 'enter') warn(`${key}.${i}.${k}`, unsupported());
      }
      if (item.cmd.trim() !== '') out.push({ text: item.cmd, enter: item.enter !== false });
    } else if (item !== null && item !== undefined) {
      warn(`${key}.${i}`, `expected a command, got ${JSON.stringify(item)}; ignored`);
    }
  });
  return out;
}
