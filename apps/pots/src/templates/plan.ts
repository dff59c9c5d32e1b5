// A template as tmux commands: every window and pane of it in ONE chained tmux invocation (tmuxp
// spawns 45 tmux processes for 3 windows × 2 panes). Pure: the same input gives the same argv,
// which tests read as tables. Objects that do not exist yet have no id, so the chain addresses them
// by what it just made: a new session by `=name:`, the newest window by `{end}`, panes by index.
// Relative pane offsets (`.+1`) are NOT usable: tmux counts them from the current pane of whatever
// session it considers current, even when the target names another window (tmux 3.3a). Indices
// depend on the user's pane-base-index, so a window being built gets a local 0 for the length of
// the chain (then inherits again); existing windows report theirs.
import { UsageError } from '@plumpots/core';
import { chain, defineFormat, fmtLiteral, target } from '../tmux/index.js';
import { templateDirs, type TemplateDirs } from './dirs.js';
import {
  paneRunMode,
  windowDisplayName,
  type Template,
  type TemplatePane,
  type TemplateWindow,
} from './model.js';

/** The window option naming the template window a window was made from. */
export const WINDOW_TAG = '@pots-window';
/** The pane option holding the pane's index in its template window. */
export const PANE_TAG = '@pots-pane';
/**
 * The pane option holding the command the template gave the pane, as written: what `pots ps`
 * and `pots info` show instead of the wrapper (or the bare shell) tmux reports.
 */
export const COMMAND_TAG = '@pots-command';

/** What every creating command prints (`-P -F`), one record per window or pane made. */
export const CREATED_FORMAT = defineFormat({
  sessionId: 'session_id',
  windowId: 'window_id',
  windowIndex: 'window_index',
  paneId: 'pane_id',
});

/**
 * The pane's first process: the user's shell runs the command (its own syntax, as if typed), then
 * the pane becomes an interactive shell (tmux's default-shell, `$SHELL` in the pane). `/bin/sh`
 * around it keeps that promise even when the command has a syntax error or is stopped with Ctrl-C
 * (a handler, not an ignored signal, so the command itself still gets SIGINT). The command is an
 * argument, never spliced into this text.
 */
export const PANE_WRAPPER = 'trap : INT; "$0" -c "$1"; exec "${SHELL:-/bin/sh}"';

/** tmux refuses a command line much over 16 KB ("command too long"); stay well under. */
export const MAX_INVOCATION_BYTES = 15_000;

/** A window that exists, with its panes in index order (from `readTemplateLayout`). */
export interface ExistingWindow {
  /** `@N`. */
  id: string;
  name: string;
  /** The window's effective `pane-base-index`: its first pane's index. */
  paneBase: number;
  /** Its `@pots-window`, or null. */
  tag: string | null;
  panes: readonly ExistingPane[];
}

export interface ExistingPane {
  /** `%N`. */
  id: string;
  /** Its `@pots-pane`, or null. */
  tag: number | null;
  active: boolean;
}

export interface PlanOptions {
  /** Create this session (the plan starts with `new-session`)… */
  sessionName?: string;
  /** …or add to this existing one (`$N`). */
  sessionId?: string;
  /** The worktree: relative template dirs are relative to it. */
  cwd: string;
  /** Runs each pane's command (default `/bin/sh`); the CLI passes the user's `$SHELL`. */
  shell?: string;
  /** Checked directories (`checkTemplateDirs`); default: resolved from `cwd` without checks. */
  dirs?: TemplateDirs;
  /** For `~`/`$VAR` in dirs when `dirs` is not given. */
  env?: Readonly<Record<string, string | undefined>>;
  /** What the session has (apply): only what is missing is planned. */
  existing?: readonly ExistingWindow[];
  /** Session user options (`@pots-worktree`, …) for a new session. */
  sessionOptions?: Readonly<Record<string, string>>;
  /** Variables for the whole new session (`new-session -e`: every pane inherits them). */
  sessionEnv?: Readonly<Record<string, string>>;
  /** User options for every window the plan creates (window mode's `@pots-*` tags). */
  windowOptions?: Readonly<Record<string, string>>;
  /** Size of a new session (`-x`/`-y`). */
  width?: number;
  height?: number;
}

/** One window or pane the plan makes. */
export interface PlannedObject {
  /** Template window name. */
  window: string;
  /** Pane index in the template window. */
  pane: number;
  /** A new window (its first pane), else a pane split into a window. */
  kind: 'window' | 'pane';
}

/** Lines to type into a pane's shell once it shows its prompt (`run: shell`). */
export interface PlannedTyping {
  /** Template window name. */
  window: string;
  /** Pane index in the template window. */
  pane: number;
  lines: string[];
  /** Press Enter after the last line (tmuxp's `enter: false` types it only). */
  enter: boolean;
  /** false: each line is typed after a space (kept out of the shell's history). */
  history: boolean;
}

export interface TemplatePlan {
  /** tmux argvs (without the global flags), run in order; usually one; empty when nothing is missing. */
  invocations: string[][];
  /** What the `-P -F CREATED_FORMAT` records printed by the invocations are, in order. */
  created: PlannedObject[];
  /** Windows that exist and were recognised by name (not tag): the plan tags them. */
  claimed: string[];
  /** Panes whose commands are typed into their shell once it is ready, in template order. */
  typing: PlannedTyping[];
  /** Window options to set once the window's panes were typed into (`optionsAfter`). */
  after: Array<{ window: string; options: Readonly<Record<string, string>> }>;
}

interface Targets {
  session: string;
  /** The window being built. */
  window: string;
}

/**
 * The tmux commands that make `template` — a whole new session (`sessionName`) or only what an
 * existing session (`sessionId` + `existing`) lacks. Windows are matched by `@pots-window` (an
 * untagged window of the same name is adopted), panes by `@pots-pane`.
 * @example planTemplate(template, { sessionName: 'app-main-dev', cwd: '/src/app', shell: '/bin/bash' }).invocations[0]
 *   // ['new-session', '-d', '-P', '-F', …, '-s', 'app-main-dev', '-c', '/src/app', '-n', 'dev', …]
 */
export function planTemplate(template: Template, options: PlanOptions): TemplatePlan {
  if ((options.sessionName === undefined) === (options.sessionId === undefined)) {
    throw new Error('planTemplate: give exactly one of sessionName and sessionId');
  }
  const dirs = options.dirs ?? templateDirs(template, options.cwd, options.env ?? {});
  const shell = options.shell || '/bin/sh';
  const commands: string[][] = [];
  const created: PlannedObject[] = [];
  const claimed: string[] = [];
  const creating = options.sessionName !== undefined;
  const sessionTarget = creating ? `=${options.sessionName}:` : target(options.sessionId ?? '');
  const endWindow = creating ? `=${options.sessionName}:{end}` : `${sessionTarget}:{end}`;
  const existing = [...(options.existing ?? [])];
  const used = new Set<string>();
  const typing: PlannedTyping[] = [];
  const after: TemplatePlan['after'] = [];
  const typed = (window: TemplateWindow, p: number) => {
    const pane = window.panes[p] ?? {};
    if (pane.command === undefined || paneRunMode(template, window, pane) !== 'shell') return;
    typing.push({
      window: window.name,
      pane: p,
      lines: pane.command.split(/\r?\n/),
      enter: pane.enter !== false,
      history: pane.history !== false,
    });
  };

  template.windows.forEach((window, w) => {
    const paneDirs = dirs.panes[w] ?? [];
    const match = creating ? undefined : findWindow(existing, window, used);
    if (match) {
      used.add(match.id);
      const added = planMissingPanes(
        template,
        window,
        match,
        paneDirs,
        shell,
        commands,
        created,
        claimed,
      );
      for (const p of added) typed(window, p);
      return;
    }
    const t: Targets = { session: sessionTarget, window: endWindow };
    const first = paneCommand(template, window, 0, paneDirs[0] ?? options.cwd, shell);
    // No name: tmux names the window after what runs in it (automatic-rename), as tmuxp leaves it.
    const nameArgs = window.unnamed ? [] : ['-n', fmtLiteral(windowDisplayName(window.name))];
    if (creating && w === 0) {
      const create = [
        'new-session',
        '-d',
        '-P',
        '-F',
        CREATED_FORMAT.format,
        '-s',
        fmtLiteral(options.sessionName ?? ''),
        '-c',
        fmtLiteral(paneDirs[0] ?? options.cwd),
        ...nameArgs,
      ];
      if (options.width !== undefined) create.push('-x', String(options.width));
      if (options.height !== undefined) create.push('-y', String(options.height));
      create.push(...envArgs(options.sessionEnv ?? {}));
      // new-session -e is session-wide; a pane's own variables go through respawn-pane.
      const own = first.env.length > 0;
      if (!own) create.push(...first.command);
      commands.push(create);
      for (const [name, value] of Object.entries(options.sessionOptions ?? {})) {
        commands.push(['set-option', '-t', t.session, name, value]);
      }
      for (const [name, value] of Object.entries(template.options ?? {})) {
        commands.push(['set-option', '-t', t.session, name, value]);
      }
      if (own) {
        commands.push([
          'respawn-pane',
          '-k',
          '-t',
          t.window,
          ...first.cwd,
          ...first.env,
          ...first.command,
        ]);
      }
    } else {
      // A new window of an existing session is never selected (the user may be looking at
      // another); in a new session the focused window is.
      const select = creating && window.focus === true;
      commands.push([
        'new-window',
        ...(select ? [] : ['-d']),
        '-a',
        '-P',
        '-F',
        CREATED_FORMAT.format,
        '-t',
        t.window,
        ...nameArgs,
        ...first.cwd,
        ...first.env,
        ...first.command,
      ]);
    }
    created.push({ window: window.name, pane: 0, kind: 'window' });
    const pane = (p: number) => `${t.window}.${p}`;
    commands.push(['set-option', '-w', '-t', t.window, 'pane-base-index', '0']);
    commands.push(['set-option', '-w', '-t', t.window, WINDOW_TAG, window.name]);
    for (const [name, value] of Object.entries(options.windowOptions ?? {})) {
      commands.push(['set-option', '-w', '-t', t.window, name, value]);
    }
    commands.push(...paneTags(window, 0, pane(0)));
    typed(window, 0);

    for (let p = 1; p < window.panes.length; p++) {
      // Each split halves a pane: re-tile first so a many-pane window never runs out of room.
      if (p >= 2) commands.push(['select-layout', '-t', t.window, 'tiled']);
      const args = paneCommand(template, window, p, paneDirs[p] ?? options.cwd, shell);
      commands.push([
        'split-window',
        '-d',
        '-P',
        '-F',
        CREATED_FORMAT.format,
        '-t',
        pane(p - 1),
        ...args.cwd,
        ...args.env,
        ...args.command,
      ]);
      created.push({ window: window.name, pane: p, kind: 'pane' });
      commands.push(...paneTags(window, p, pane(p)));
      typed(window, p);
    }
    for (const [name, value] of Object.entries(window.options ?? {})) {
      commands.push(['set-option', '-w', '-t', t.window, name, value]);
    }
    deferOptions(window, typing, after, (name, value) =>
      commands.push(['set-option', '-w', '-t', t.window, name, value]),
    );
    if (window.panes.length > 1) {
      commands.push(['select-layout', '-t', t.window, window.layout ?? 'tiled']);
    } else if (window.layout !== undefined && window.layout !== 'tiled') {
      commands.push(['select-layout', '-t', t.window, window.layout]);
    }
    const focus = window.panes.findIndex((p) => p.focus === true);
    if (focus > 0) commands.push(['select-pane', '-t', pane(focus)]);
    // Back to the user's pane-base-index (a template can still set its own in `options`).
    if (window.options?.['pane-base-index'] === undefined) {
      commands.push(['set-option', '-w', '-u', '-t', t.window, 'pane-base-index']);
    }
  });

  return { invocations: batchCommands(commands), created, claimed, typing, after };
}

/**
 * `optionsAfter` of a window: set with the layout when nothing is typed into the window, else
 * recorded for after the typing (`synchronize-panes` would copy each pane's keys to all).
 */
function deferOptions(
  window: TemplateWindow,
  typing: readonly PlannedTyping[],
  after: TemplatePlan['after'],
  setNow: (name: string, value: string) => void,
): void {
  const options = window.optionsAfter ?? {};
  if (Object.keys(options).length === 0) return;
  if (typing.some((t) => t.window === window.name)) {
    after.push({ window: window.name, options });
    return;
  }
  for (const [name, value] of Object.entries(options)) setNow(name, value);
}

/** A new pane's tags: its index, the command as written, its title. */
function paneTags(window: TemplateWindow, p: number, paneTarget: string): string[][] {
  const out = [['set-option', '-p', '-t', paneTarget, PANE_TAG, String(p)]];
  const pane = window.panes[p];
  if (pane?.command !== undefined) {
    out.push(['set-option', '-p', '-t', paneTarget, COMMAND_TAG, pane.command]);
  }
  if (pane?.title !== undefined) out.push(titleCommand(paneTarget, pane.title));
  return out;
}

/** The template window an existing window is: by tag, else an untagged window of its name. */
function findWindow(
  existing: readonly ExistingWindow[],
  window: TemplateWindow,
  used: ReadonlySet<string>,
): ExistingWindow | undefined {
  const free = existing.filter((e) => !used.has(e.id));
  return (
    free.find((e) => e.tag === window.name) ??
    free.find((e) => e.tag === null && e.name === windowDisplayName(window.name))
  );
}

/**
 * Panes of an existing window that the template has and the window lacks, added after its last.
 * Returns the template indices of the panes added.
 */
function planMissingPanes(
  template: Template,
  window: TemplateWindow,
  match: ExistingWindow,
  paneDirs: readonly string[],
  shell: string,
  commands: string[][],
  created: PlannedObject[],
  claimed: string[],
): number[] {
  const w = target(match.id);
  const present = new Set<number>();
  for (const pane of match.panes) if (pane.tag !== null) present.add(pane.tag);
  if (match.tag === null) {
    // Adopted by name: its untagged panes stand for the template's first missing panes.
    claimed.push(window.name);
    commands.push(['set-option', '-w', '-t', w, WINDOW_TAG, window.name]);
    for (const pane of match.panes) {
      if (pane.tag !== null) continue;
      let index = 0;
      while (present.has(index)) index++;
      if (index >= window.panes.length) break;
      present.add(index);
      commands.push(['set-option', '-p', '-t', target(pane.id), PANE_TAG, String(index)]);
    }
  }
  const missing = window.panes.map((_, p) => p).filter((p) => !present.has(p));
  if (missing.length === 0) return [];
  let count = match.panes.length;
  const at = (position: number) => `${w}.${match.paneBase + position}`;
  for (const p of missing) {
    const pane = paneCommand(template, window, p, paneDirs[p] ?? paneDirs[0] ?? '.', shell);
    if (count >= 2) commands.push(['select-layout', '-t', w, 'tiled']);
    commands.push([
      'split-window',
      '-d',
      '-P',
      '-F',
      CREATED_FORMAT.format,
      '-t',
      count === match.panes.length ? target(match.panes[count - 1]?.id ?? '') : at(count - 1),
      ...pane.cwd,
      ...pane.env,
      ...pane.command,
    ]);
    created.push({ window: window.name, pane: p, kind: 'pane' });
    commands.push(...paneTags(window, p, at(count)));
    count++;
  }
  commands.push(['select-layout', '-t', w, window.layout ?? 'tiled']);
  return missing;
}

interface PaneArgs {
  cwd: string[];
  env: string[];
  /** `--` and the argv, or nothing for a plain shell. */
  command: string[];
}

function paneCommand(
  template: Template,
  window: TemplateWindow,
  index: number,
  dir: string,
  shell: string,
): PaneArgs {
  const pane: TemplatePane = window.panes[index] ?? {};
  const env = { ...window.env, ...pane.env };
  // `run: shell`: the pane starts as a plain shell; its command is typed once the prompt shows.
  const command =
    pane.command === undefined || paneRunMode(template, window, pane) === 'shell'
      ? []
      : ['--', '/bin/sh', '-c', PANE_WRAPPER, shell, pane.command];
  return { cwd: ['-c', fmtLiteral(dir)], env: envArgs(env), command };
}

function envArgs(env: Readonly<Record<string, string>>): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new UsageError(`bad environment variable name ${JSON.stringify(name)}`);
    }
    args.push('-e', `${name}=${value}`);
  }
  return args;
}

function titleCommand(paneTarget: string, title: string): string[] {
  // select-pane -T format-expands the title (`#(…)` would run); it does not change the active pane.
  return ['select-pane', '-t', paneTarget, '-T', fmtLiteral(title)];
}

/**
 * Chains commands into as few tmux invocations as fit `MAX_INVOCATION_BYTES` each (a single
 * command over it is a UsageError).
 * @example batchCommands([['send-keys', '-t', '%1', 'Enter']]) // [['send-keys', '-t', '%1', 'Enter']]
 */
export function batchCommands(commands: readonly string[][]): string[][] {
  const out: string[][] = [];
  let current: string[][] = [];
  let size = 0;
  for (const command of commands) {
    const bytes = command.reduce((n, arg) => n + Buffer.byteLength(arg) + 2, 2);
    if (bytes > MAX_INVOCATION_BYTES) {
      throw new UsageError(
        `a template command is ${bytes} bytes; tmux accepts about 16 KB per command line`,
        { hint: 'move the long command into a script in the repository and run that' },
        'ERR_POTS_TEMPLATE_TOO_LONG',
      );
    }
    if (size + bytes > MAX_INVOCATION_BYTES && current.length > 0) {
      out.push(chain(current));
      current = [];
      size = 0;
    }
    current.push(command);
    size += bytes;
  }
  if (current.length > 0) out.push(chain(current));
  return out;
}
