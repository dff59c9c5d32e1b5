// Making a template: a new session from it in one tmux invocation (plus one read-back), or only
// what an existing session lacks (one listing, then one invocation — none when nothing is missing).
import { RefusedError } from '@plumpots/core';
import {
  TmuxCommandError,
  assertSessionName,
  chain,
  defineFormat,
  target,
  tmuxFailure,
  type Tmux,
} from '../tmux/index.js';
import { checkTemplateDirs, type TemplateDirs } from './dirs.js';
import type { Template } from './model.js';
import {
  CREATED_FORMAT,
  PANE_TAG,
  WINDOW_TAG,
  planTemplate,
  type ExistingPane,
  type ExistingWindow,
  type PlannedObject,
  type TemplatePlan,
} from './plan.js';
import { typeIntoShells, type ShellPane } from './typing.js';
import { windowMoves } from './window-order.js';

const LAYOUT_FORMAT = defineFormat({
  windowId: 'window_id',
  windowIndex: 'window_index',
  windowName: 'window_name',
  windowTag: WINDOW_TAG,
  paneBase: 'pane-base-index',
  paneId: 'pane_id',
  paneIndex: 'pane_index',
  paneActive: 'pane_active',
  paneTag: PANE_TAG,
  startPath: 'pane_start_path',
  dead: 'pane_dead',
});

export interface TemplateRunOptions {
  /** Runs each pane's command (default: `env.SHELL`, else `/bin/sh`). */
  shell?: string;
  /** For `SHELL`, and `~`/`$VAR` in template dirs (default: the gateway's environment). */
  env?: Readonly<Record<string, string | undefined>>;
  /** User options for every window made (window mode's `@pots-*` tags). */
  windowOptions?: Readonly<Record<string, string>>;
  /** `run: shell` panes: how long to wait for a prompt before typing anyway (default 10 s). */
  readyTimeoutMs?: number;
}

/** A window or pane a template made, with its tmux ids. */
export interface CreatedObject extends PlannedObject {
  windowId: string;
  windowIndex: number;
  paneId: string;
}

export interface ApplyResult {
  sessionId: string;
  /** Windows and panes added (empty when the session already had everything). */
  added: CreatedObject[];
  /** Existing windows recognised by name and tagged as the template's. */
  claimed: string[];
  /** Panes whose commands were typed without a prompt in time, or not typed (shell gone). */
  warnings: string[];
}

export interface CreateFromTemplateOptions extends TemplateRunOptions {
  /** The exact session name (checked like `newSession` does). */
  name: string;
  /** The worktree: the session's directory, and the base of the template's relative dirs. */
  cwd: string;
  template: Template;
  /** Session user options (`@pots-worktree`, …), set in the same invocation. */
  options?: Readonly<Record<string, string>>;
  /** Variables for every pane of the session (`new-session -e`). */
  sessionEnv?: Readonly<Record<string, string>>;
  width?: number;
  height?: number;
  /** Read the session back and check every pane exists where it should (default true). */
  verify?: boolean;
}

export interface CreateFromTemplateResult {
  sessionId: string;
  /** Every window and pane made, in template order. */
  created: CreatedObject[];
  /** As `ApplyResult.warnings`, and window indices that collided. */
  warnings: string[];
}

/**
 * The windows and panes of a session as a template sees them (`@pots-window`, `@pots-pane`), in
 * one tmux call. A missing session is TmuxCommandError `not-found` (exit 3).
 * @example const windows = await readTemplateLayout(tmux, '$3')
 */
export async function readTemplateLayout(tmux: Tmux, sessionId: string): Promise<ExistingWindow[]> {
  return layoutFromRecords(await sessionPanes(tmux, sessionId));
}

type LayoutRecord = ReturnType<typeof LAYOUT_FORMAT.parse>[number];

/** Every pane of the session, one `list-panes -s` call. */
async function sessionPanes(tmux: Tmux, sessionId: string): Promise<LayoutRecord[]> {
  return LAYOUT_FORMAT.parse(
    await tmux.run(['list-panes', '-s', '-t', target(sessionId), '-F', LAYOUT_FORMAT.format]),
  );
}

function layoutFromRecords(records: readonly LayoutRecord[]): ExistingWindow[] {
  interface Entry {
    index: number;
    window: ExistingWindow;
    panes: Array<{ index: number; pane: ExistingPane }>;
  }
  const windows = new Map<string, Entry>();
  for (const r of records) {
    let entry = windows.get(r.windowId);
    if (!entry) {
      entry = {
        index: Number(r.windowIndex),
        window: {
          id: r.windowId,
          name: r.windowName,
          tag: r.windowTag || null,
          paneBase: /^\d+$/.test(r.paneBase) ? Number(r.paneBase) : 0,
          panes: [],
        },
        panes: [],
      };
      windows.set(r.windowId, entry);
    }
    const tag = /^\d+$/.test(r.paneTag) ? Number(r.paneTag) : null;
    entry.panes.push({
      index: Number(r.paneIndex),
      pane: { id: r.paneId, tag, active: r.paneActive === '1' },
    });
  }
  return [...windows.values()]
    .sort((a, b) => a.index - b.index)
    .map(({ window, panes }) => ({
      ...window,
      panes: panes.sort((a, b) => a.index - b.index).map((p) => p.pane),
    }));
}

/**
 * Adds to an existing session (`$N`) the windows and panes of `template` it lacks — and nothing
 * else: applying twice adds nothing the second time. One tmux call to read the session, one to
 * add (none when nothing is missing). Directories are checked first (exit 3 when one is missing).
 * @example const { added } = await applyTemplate(tmux, '$3', template, '/src/app.worktrees/feat')
 */
export async function applyTemplate(
  tmux: Tmux,
  sessionId: string,
  template: Template,
  cwd: string,
  options: TemplateRunOptions = {},
): Promise<ApplyResult> {
  const env = options.env ?? tmux.env;
  const dirs = await checkTemplateDirs(template, cwd, env);
  const existing = await readTemplateLayout(tmux, sessionId);
  const plan = planTemplate(template, {
    sessionId,
    cwd,
    dirs,
    existing,
    shell: options.shell ?? defaultShell(env),
    ...(options.windowOptions ? { windowOptions: options.windowOptions } : {}),
  });
  let stdout = '';
  for (const argv of plan.invocations) stdout += await tmux.run(argv, { cwd });
  const added = matchCreated(plan.created, stdout);
  const { warnings } = await typeCommands(tmux, sessionId, plan, added, options);
  return { sessionId, added, claimed: plan.claimed, warnings };
}

/**
 * Types the plan's `run: shell` commands into the panes just made, once each shows a prompt,
 * then sets the options kept for after (see typing.ts). Nothing to type: no tmux call.
 */
async function typeCommands(
  tmux: Tmux,
  sessionId: string,
  plan: TemplatePlan,
  created: readonly CreatedObject[],
  options: TemplateRunOptions,
  before: string[][] = [],
): Promise<{ warnings: string[] }> {
  const paneOf = (window: string, pane: number) =>
    created.find((c) => c.window === window && c.pane === pane);
  const panes: ShellPane[] = [];
  for (const t of plan.typing) {
    const made = paneOf(t.window, t.pane);
    if (!made) continue;
    panes.push({
      paneId: made.paneId,
      label: `window "${t.window}", pane ${t.pane}`,
      lines: t.lines,
      enter: t.enter,
      history: t.history,
    });
  }
  const after = [...before];
  for (const { window, options: windowOptions } of plan.after) {
    const made = created.find((c) => c.window === window);
    if (!made) continue;
    for (const [name, value] of Object.entries(windowOptions)) {
      after.push(['set-option', '-w', '-t', target(made.windowId), name, value]);
    }
  }
  if (panes.length === 0) {
    if (after.length > 0) await tmux.run(chain(after));
    return { warnings: [] };
  }
  return typeIntoShells(tmux, panes, {
    sessionId,
    after,
    ...(options.readyTimeoutMs !== undefined ? { timeoutMs: options.readyTimeoutMs } : {}),
  });
}

/**
 * A new detached session laid out by `template`, in ONE tmux invocation (new-session, every
 * window, pane, tag, layout and focus chained), then one read-back that checks every pane exists
 * in its directory. A taken name is RefusedError (exit 4); a missing template dir NotFoundError
 * (exit 3) before tmux runs. If anything fails after the session exists, the session is killed.
 * @example const { sessionId } = await createFromTemplate(tmux, { name: 'app-feat-dev', cwd: wt.path, template, options: { '@pots-task': 'dev' } })
 */
export async function createFromTemplate(
  tmux: Tmux,
  options: CreateFromTemplateOptions,
): Promise<CreateFromTemplateResult> {
  assertSessionName(options.name);
  const env = options.env ?? tmux.env;
  const dirs = await checkTemplateDirs(options.template, options.cwd, env);
  const plan = planTemplate(options.template, {
    sessionName: options.name,
    cwd: dirs.panes[0]?.[0] ?? options.cwd,
    dirs,
    shell: options.shell ?? defaultShell(env),
    ...(options.options ? { sessionOptions: options.options } : {}),
    ...(options.sessionEnv ? { sessionEnv: options.sessionEnv } : {}),
    ...(options.windowOptions ? { windowOptions: options.windowOptions } : {}),
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
  });

  let stdout = '';
  let sessionId: string | undefined;
  for (const argv of plan.invocations) {
    const result = await tmux.probe(argv, { cwd: options.cwd });
    stdout += result.stdout;
    sessionId ??= CREATED_FORMAT.parse(result.stdout)[0]?.sessionId;
    if (result.exitCode === 0) continue;
    const error = tmuxFailure(result, { args: argv, env });
    if (error.kind === 'duplicate') {
      throw new RefusedError(
        'ERR_POTS_SESSION_EXISTS',
        `a tmux session named "${options.name}" already exists`,
        {
          hint: 'attach to it, or pick another name',
          cause: error,
        },
      );
    }
    // tmux stopped at the failing command: take down the half-made session rather than leave it.
    if (sessionId) await tmux.probe(['kill-session', '-t', target(sessionId)]);
    throw error;
  }
  const created = matchCreated(plan.created, stdout);
  if (!sessionId) {
    throw new TmuxCommandError({
      kind: 'bad-output',
      message: `tmux new-session printed nothing for "${options.name}"`,
    });
  }
  if (options.verify !== false) await verifyCreated(tmux, sessionId, created, dirs, options);
  const windows = created.filter((c) => c.kind === 'window');
  const moves = windowMoves(options.template, windows, sessionId);
  const typed = await typeCommands(tmux, sessionId, plan, created, options, moves.commands);
  return { sessionId, created, warnings: [...moves.warnings, ...typed.warnings] };
}

/** Pairs the plan's objects with the ids the invocation printed. */
function matchCreated(planned: readonly PlannedObject[], stdout: string): CreatedObject[] {
  const records = CREATED_FORMAT.parse(stdout);
  if (records.length !== planned.length) {
    throw new TmuxCommandError({
      kind: 'bad-output',
      message: `tmux reported ${records.length} new windows and panes where ${planned.length} were made`,
    });
  }
  return planned.map((object, i) => ({
    ...object,
    windowId: records[i]?.windowId ?? '',
    windowIndex: Number(records[i]?.windowIndex ?? 0),
    paneId: records[i]?.paneId ?? '',
  }));
}

// tmux falls back to the client's cwd when `-c` cannot be used, and a pane whose first
// process cannot start disappears: both show here. The session is killed rather than left half-made.
async function verifyCreated(
  tmux: Tmux,
  sessionId: string,
  created: readonly CreatedObject[],
  dirs: TemplateDirs,
  options: CreateFromTemplateOptions,
): Promise<void> {
  const panes = new Map((await sessionPanes(tmux, sessionId)).map((r) => [r.paneId, r]));
  const windowIndex = new Map(options.template.windows.map((w, i) => [w.name, i]));
  for (const object of created) {
    const pane = panes.get(object.paneId);
    const want = dirs.panes[windowIndex.get(object.window) ?? 0]?.[object.pane];
    let why: string | null = null;
    let kind: 'exited' | 'wrong-cwd' = 'exited';
    if (!pane) why = 'ended as soon as it started';
    else if (want !== undefined && pane.startPath !== '' && pane.startPath !== want) {
      kind = 'wrong-cwd';
      why = `started in ${JSON.stringify(pane.startPath)} instead of ${JSON.stringify(want)}`;
    }
    if (why) {
      await tmux.probe(['kill-session', '-t', target(sessionId)]);
      throw new TmuxCommandError({
        kind,
        message: `template "${options.template.name}", window "${object.window}", pane ${object.pane} ${why}; session "${options.name}" was killed`,
      });
    }
  }
}

function defaultShell(env: Readonly<Record<string, string | undefined>>): string {
  const shell = env.SHELL;
  return shell && shell.startsWith('/') ? shell : '/bin/sh';
}
