// What pots's `--json` prints, as zod schemas: the source of the published JSON Schemas in
// `schemas/*.json` (`pnpm --filter @plumpots/pots schemas`), and of the tests that check real output
// against them. Imported as `@plumpots/pots/schemas`, never by the bin, so commands never load zod.
//
// Versioning: every document's `$id` names its major version (`…/pots/list.v1.json`). Within a major
// version fields are only added (objects stay open); renaming or removing a field, or changing its
// type, is a breaking change: a new `vN+1` schema beside the old one and a major changeset.
import { outputSchemaFiles, z, type OutputSchema } from '@plumpots/core/schema';
import { worktreeSchema } from '@plumpots/plum/schemas';

const path = z.string().describe('absolute path');
const time = z.string().describe('ISO 8601 timestamp');
const count = z.number().int().nonnegative();
const paneId = z.string().describe('the pane id, `%N`');
const mode = z
  .enum(['session', 'window'])
  .describe('a session per worktree + task, or a window in the one session pots.session');
const stringMap = z.record(z.string(), z.string());

/** One unit: a session, or a window in window mode (`pots list --json` items, `pots create --json`). */
export const unitSchema = z.object({
  name: z.string().describe('the tmux session or window name'),
  id: z.string().describe('`$N` for a session, `@N` for a window: what pots targets'),
  project: z.string().nullable().describe('@pots-project; null for a unit pots did not make'),
  worktree: z.string().nullable().describe("the worktree's name (its directory name)"),
  task: z.string().nullable(),
  path: z
    .string()
    .describe("the worktree's absolute path; the session's directory when pots did not make it"),
  attached: z.boolean().describe('a client is looking at it'),
  windows: count.describe('windows in the session (1 for a window unit)'),
  created: time.nullable().describe('ISO 8601 timestamp; null for windows'),
  activity: time.describe('ISO 8601 timestamp of the last output or input'),
  orphan: z.boolean().describe('its worktree is gone: pots cleanup kills it'),
  managed: z.boolean().describe('pots made it (it carries @pots-worktree)'),
  mode,
  session: z.string().describe('the session it is (session mode) or lives in (window mode)'),
  sessionId: z.string(),
  repo: z.string().nullable().describe("@pots-repo: the repository's common git dir"),
});

/** `pots list --json`. */
export const listSchema = z.array(unitSchema);

/** `pots list --worktrees --json`: every worktree, main first, with its units. */
export const listWorktreesSchema = z.array(
  z.object({
    worktree: z.object({
      name: z.string(),
      path,
      branch: z.string().nullable().describe('short branch name; null when detached'),
    }),
    units: z.array(unitSchema).describe('its units, by name; orphan when its directory is gone'),
  }),
);

/** `pots info --json`. */
export const infoSchema = z.object({
  unit: unitSchema,
  windows: z.array(
    z.object({
      id: z.string().describe('`@N`'),
      index: count,
      name: z.string(),
      panes: z.array(
        z.object({
          id: paneId,
          index: count,
          active: z.boolean(),
          pid: z.number().int(),
          command: z
            .string()
            .describe(
              'the command the template or --cmd gave the pane, as written; else the foreground program',
            ),
          process: z.string().describe('the foreground program (pane_current_command)'),
          path: z.string().describe("the foreground process's directory"),
          dead: z.boolean(),
          deadStatus: z.number().int().nullable().describe('the exit status of a dead pane'),
          title: z.string(),
          width: count,
          height: count,
        }),
      ),
    }),
  ),
});

const attachAction = z
  .enum(['switch', 'attach', 'print'])
  .describe('switch-client, attach-session on this terminal, or only print the command');
const attachCommand = z.string().describe('a command a person can paste to attach');

/** `pots open --json`. */
export const openSchema = z.object({
  unit: unitSchema,
  created: z.boolean().describe('false when the unit already existed'),
  action: attachAction,
  command: attachCommand,
});

/** `pots attach --json`. */
export const attachSchema = z.object({
  unit: unitSchema,
  action: attachAction,
  command: attachCommand,
});

/** `pots cleanup --json`. */
export const cleanupSchema = z.array(
  z.object({
    name: z.string().describe('the session or window name'),
    worktree: z.string().describe('its @pots-worktree: the absolute path that is gone'),
    reason: z.enum(['directory-missing', 'not-a-worktree']),
    action: z.enum(['killed', 'would-kill', 'skipped']),
    note: z.string().nullable().describe('why it was skipped; null otherwise'),
    mode,
    id: z.string().describe('`$N` or `@N`'),
    project: z.string().nullable(),
  }),
);

/** `pots cleanup --stale-logs <days> --json`. */
export const cleanupStaleLogsSchema = z.array(
  z.object({
    path,
    bytes: count,
    modified: time.describe('ISO 8601 timestamp of its last write'),
    action: z.enum(['removed', 'would-remove']),
  }),
);

/** `pots apply --json`. */
export const applySchema = z.object({
  session: z.string(),
  sessionId: z.string(),
  template: z.string().describe('the template applied'),
  added: z
    .array(
      z.object({
        window: z.string().describe('the template window name'),
        pane: count.describe('the pane index in the template window'),
        kind: z.enum(['window', 'pane']).describe('a new window (its first pane), or a split'),
        windowId: z.string(),
        windowIndex: count,
        paneId,
      }),
    )
    .describe('windows and panes added; empty when the session had them all'),
  claimed: z.array(z.string()).describe('existing windows recognised by name and adopted'),
  warnings: z
    .array(z.string())
    .describe(
      'keys of a tmuxp/tmuxinator file pots ignored, and panes whose shell showed no prompt in time',
    ),
});

const templateCommand = z.object({
  key: z.string().describe('e.g. templates.review.windows.0.panes.1'),
  command: z.string(),
  env: stringMap.optional(),
});

const templateSource = {
  source: z.enum(['builtin', 'user', 'repo', 'config', 'file']),
  origin: z.string().nullable().describe('for config: the config layer (user, repo, …)'),
  file: z.string().nullable(),
};

const templateSummary = {
  name: z.string(),
  ...templateSource,
  format: z.enum(['pots', 'tmuxp', 'tmuxinator']).describe('what the file was written as'),
  description: z.string().nullable(),
  needsTrust: z.boolean().describe("a repository's template: runs only once approved"),
};

const runMode = z
  .enum(['process', 'shell'])
  .describe("process: the pane's first process; shell: typed into the pane's shell at its prompt");

/** `pots templates --json`: the templates in effect (later sources win). */
export const templatesSchema = z.array(
  z.object({
    ...templateSummary,
    windows: z.array(
      z.object({
        name: z.string(),
        layout: z.string().nullable(),
        panes: count.describe('how many panes'),
      }),
    ),
    shadows: z
      .array(z.object(templateSource))
      .describe('templates of the same name this one hides'),
  }),
);

/** `pots templates show --json`: one template with every window and pane. */
export const templatesShowSchema = z.object({
  ...templateSummary,
  shadows: z.array(z.object(templateSource)).describe('always empty here'),
  options: stringMap.describe('tmux session options'),
  windows: z.array(
    z.object({
      name: z.string(),
      unnamed: z
        .boolean()
        .optional()
        .describe('written without a name: `name` is window-N, tmux names the window'),
      index: count.optional().describe('its window index in a session the template creates'),
      run: runMode.optional(),
      layout: z.string().optional().describe('a preset or a tmux layout string'),
      cwd: z.string().optional(),
      env: stringMap.optional(),
      focus: z.boolean().optional(),
      options: stringMap.optional().describe('tmux window options'),
      optionsAfter: stringMap
        .optional()
        .describe("tmux window options set once the panes' commands were typed"),
      panes: z.array(
        z.object({
          command: z.string().optional().describe('shell command line; none: a plain shell'),
          cwd: z.string().optional(),
          env: stringMap.optional(),
          focus: z.boolean().optional(),
          title: z.string().optional(),
          run: runMode.optional(),
          enter: z.boolean().optional().describe('false: the last line is typed, not run'),
          history: z
            .boolean()
            .optional()
            .describe('false: lines are typed after a space (kept out of history)'),
        }),
      ),
    }),
  ),
  commands: z.array(templateCommand).describe('what the template would run'),
});

/** `pots templates trust --json`: whether a template may run its commands, and how it is approved. */
export const templatesTrustSchema = z.object({
  name: z.string(),
  ...templateSource,
  via: z
    .enum(['file', 'config', 'none'])
    .describe(
      "approved as a .pots/templates file, with the repository's config (plum trust), or needs no approval",
    ),
  trusted: z.boolean().describe('nothing to approve, or these exact commands are approved'),
  needed: z.boolean().describe('it would run something that needs approval'),
  commands: z.array(templateCommand).describe('for config: every command of the config'),
  details: z.array(z.string()).describe('one line per command, as the prompt shows them'),
  hash: z.string().nullable().describe('what an approval records; null with via none'),
  storeFile: z.string().nullable().describe("plum's trust store; null with via none"),
});

/** `pots spawn --json`. */
export const spawnSchema = z.object({
  id: paneId.describe('the pane id, `%N`: target every later command with it'),
  sessionId: z.string(),
  sessionName: z.string(),
  windowId: z.string(),
  name: z.string().describe('window name and log name'),
  command: z.array(z.string()).describe('the argv, exec’d without a shell'),
  cwd: path,
  log: path.describe('the raw output log, kept after the pane is gone'),
  pid: z.number().int(),
  split: z.enum(['h', 'v']).nullable(),
  unitCreated: z.boolean().describe('its session (window, in window mode) had to be created'),
  hooks: z
    .object({
      agent: z.string(),
      file: z.string().describe("the agent's hook config file ('' when not installed)"),
      changed: z.boolean().describe('the file was written (false: already up to date)'),
      warning: z
        .string()
        .nullable()
        .describe('why the hooks were not installed; the agent started anyway'),
    })
    .nullable()
    .describe('with --agent: the hooks installed for the worktree first; else null'),
});

/** A worktree plum created (`worktree_create`, `pots spawn --create`, `agent_spawn` with `create`). */
export const createdSchema = z.object({
  worktree: worktreeSchema,
  copied: z
    .array(z.string())
    .describe('files copied from the main worktree (config worktrees.copy)'),
  hooksRun: z.array(z.string()).describe('the postCreate hooks that ran'),
  branchSource: z
    .enum(['new', 'local', 'remote'])
    .describe('new: created from base; local: an existing branch; remote: tracking base'),
  base: z.string().nullable(),
});

/** `pots spawn --create --json`: one spawned pane per worktree. */
export const spawnCreateSchema = z.array(
  spawnSchema.extend({
    worktreeCreated: createdSchema.describe('the worktree plum created for it'),
  }),
);

/** `pots broadcast --json`. */
export const broadcastSchema = z.array(
  z.object({
    target: z.string().describe('session:window.pane, for people'),
    pane: paneId,
    session: z.string(),
    worktree: z.string().nullable(),
    delivered: z.boolean(),
    reason: z
      .string()
      .optional()
      .describe('why it was not delivered: dead, input-off, not an agent pane, or what tmux said'),
    confirmed: z
      .boolean()
      .optional()
      .describe('with --confirm: the agent took it (its state left idle/waiting)'),
    state: z.string().nullable().optional().describe('with --confirm: its state then'),
  }),
);

/** `pots capture --json`. */
export const captureSchema = z.object({
  paneId,
  target: z.string().describe('the target as given'),
  text: z.string().describe('escape sequences removed (with --ansi: colours kept)'),
});

/** One line of `pots logs --json` (JSON Lines): output chunks, then, when it exits, one `exit`. */
export const logsSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('output'),
    paneId,
    data: z.string().describe('raw output, escape sequences included'),
    at: time,
  }),
  z.object({
    type: z.literal('exit'),
    paneId,
    exitCode: z
      .number()
      .int()
      .nullable()
      .describe('null when killed by a signal, gone, or unknown'),
    signal: z.number().int().nullable(),
    gone: z.boolean().describe('the pane itself no longer exists'),
    data: z.literal(''),
    at: time,
  }),
]);

const paneStateName = z.enum([
  'starting',
  'working',
  'waiting',
  'idle',
  'exited',
  'stuck',
  'running',
]);

const stateReport = z.object({
  state: z.enum(['starting', 'working', 'waiting', 'idle', 'exited']),
  at: z.number().int().describe('epoch milliseconds'),
  by: z.string().describe('hook:<event> (an agent hook), report, spawn, screen:<rule>'),
  message: z.string().nullable(),
});

/** Why a pane has its state (`pots ps --json` `evidence`, `pots ps --explain --json`). */
export const evidenceSchema = z.object({
  source: z
    .enum(['hook', 'screen', 'exit', 'silence', 'output', 'spawn'])
    .describe('what decided the state'),
  summary: z.string().describe('one line for people'),
  report: stateReport.nullable().describe('the last state reported for the pane'),
  screen: z
    .object({
      rule: z.string().describe('<agent>/<rule name>'),
      state: z.enum(['working', 'waiting', 'idle']),
      line: z.string().describe('the screen line it matched'),
    })
    .nullable()
    .describe('the screen rule that matched, when the screen was read'),
  conflict: z
    .object({
      hook: z.string(),
      screen: z.string(),
      winner: z.enum(['hook', 'screen']),
      why: z.string(),
    })
    .nullable()
    .describe('report and screen disagreed: what each said and which won'),
  silentSeconds: z.number().int().describe('seconds since the pane last printed'),
});

/** `pots ps --json`. */
export const psSchema = z.array(
  z.object({
    id: paneId,
    session: z.string(),
    worktree: z.string().nullable().describe("the worktree's name; null outside pots's units"),
    path: z.string().nullable(),
    task: z.string().nullable(),
    command: z.string(),
    pid: z.number().int(),
    state: paneStateName.describe(
      'agent panes: starting, working, waiting, idle, exited, stuck; other panes: running, idle, exited',
    ),
    stateSince: time.describe('ISO 8601 timestamp: when it entered the state'),
    agent: z
      .string()
      .nullable()
      .describe(
        'which agent runs in it (claude, codex, gemini, aider, opencode, …); null for other panes',
      ),
    evidence: evidenceSchema,
    exitCode: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('only when exited: its status (128 + n for signal n); null if unknown'),
    activity: time.describe('ISO 8601 timestamp of its last output'),
    spawned: z.boolean().describe('started by pots spawn (whatever it runs)'),
    name: z.string().nullable(),
    log: z.string().nullable(),
    window: z.string(),
  }),
);

/** `pots wait --json`. */
export const waitSchema = z.object({
  reason: z
    .enum(['exit', 'idle', 'text', 'state'])
    .describe('exit also when the pane exited first; state for --state'),
  paneId,
  exitCode: z.number().int().nullable().optional().describe('with reason exit'),
  signal: z.number().int().nullable().optional().describe('with reason exit'),
  match: z.string().optional().describe('with reason text: the matched text'),
  state: z.string().optional().describe('with reason state: the state reached'),
});

/** `pots report --json`. */
export const reportSchema = z.object({
  recorded: z
    .boolean()
    .describe('the state was stored (false: tmux, its server or the pane is gone)'),
  pane: z.string().nullable(),
  state: z.enum(['starting', 'working', 'waiting', 'idle', 'exited']),
  previous: z.string().nullable().describe('the state stored before'),
  notified: z
    .array(
      z.object({
        channel: z.enum(['display', 'bell', 'desktop', 'command']),
        ok: z.boolean(),
        detail: z.string().optional().describe('why not'),
      }),
    )
    .describe('notifications sent on entering waiting, idle or exited'),
  warnings: z.array(z.string()),
});

/** `pots hooks install --json`. */
export const hooksInstallSchema = z.object({
  agent: z.string(),
  file: path.describe('the settings file written (or, with --print, that would be)'),
  before: z.string().nullable().describe('its text before; null when it did not exist'),
  after: z.string().nullable().describe('its text after; null when it is deleted'),
  events: z.array(z.string()).describe('the agent events that report a state'),
  changed: z.boolean().describe('the file was written or deleted'),
  excluded: z
    .string()
    .nullable()
    .describe("the line added to the repository's info/exclude, if one was"),
});

/** `pots stop --json`. */
export const stopSchema = z.object({
  pane: paneId,
  endedBy: z
    .enum(['SIGINT', 'SIGTERM', 'SIGKILL'])
    .nullable()
    .describe('the signal after which none of its processes was left; null: nothing was running'),
  sent: z.array(z.enum(['SIGINT', 'SIGTERM', 'SIGKILL'])).describe('the signals sent, in order'),
  processes: z.array(z.number().int()).describe('the pids signalled'),
  survivors: z.array(z.number().int()).describe('pids still running after SIGKILL'),
});

/** `pots status-line --json`. */
export const statusLineSchema = z.object({
  counts: z.partialRecord(paneStateName, z.number().int()).describe('agent panes per state'),
  attention: z
    .array(z.object({ session: z.string(), pane: paneId, state: z.enum(['waiting', 'stuck']) }))
    .describe('the panes that need the user'),
  text: z.string().describe('the segment as printed'),
});

/** `pots doctor --json`. */
export const doctorSchema = z.object({
  ok: z.boolean().describe('no check failed (warnings allowed)'),
  tmux: z.string().nullable().describe("tmux -V's version; null when tmux did not answer"),
  features: z.record(z.string(), z.boolean()).describe('tmux features pots uses: present or not'),
  checks: z.array(
    z.object({
      id: z.string().describe('tmux, server, config, plum, data-dir'),
      status: z.enum(['ok', 'warn', 'fail']),
      message: z.string(),
      fix: z.string().optional().describe('what to do about a warn or fail'),
    }),
  ),
});

/** Every `--json` output of pots. */
export const OUTPUT_SCHEMAS: readonly OutputSchema[] = [
  { name: 'open', major: 1, command: 'pots open --json', schema: openSchema },
  { name: 'create', major: 1, command: 'pots create --json', schema: unitSchema },
  { name: 'list', major: 1, command: 'pots list --json', schema: listSchema },
  {
    name: 'list-worktrees',
    major: 1,
    command: 'pots list --worktrees --json',
    schema: listWorktreesSchema,
  },
  { name: 'attach', major: 1, command: 'pots attach --json', schema: attachSchema },
  { name: 'info', major: 1, command: 'pots info --json', schema: infoSchema },
  { name: 'cleanup', major: 1, command: 'pots cleanup --json', schema: cleanupSchema },
  {
    name: 'cleanup-stale-logs',
    major: 1,
    command: 'pots cleanup --stale-logs --json',
    schema: cleanupStaleLogsSchema,
  },
  { name: 'apply', major: 1, command: 'pots apply --json', schema: applySchema },
  { name: 'templates', major: 1, command: 'pots templates --json', schema: templatesSchema },
  {
    name: 'templates-show',
    major: 1,
    command: 'pots templates show --json',
    schema: templatesShowSchema,
  },
  {
    name: 'templates-trust',
    major: 1,
    command: 'pots templates trust --json',
    schema: templatesTrustSchema,
  },
  { name: 'spawn', major: 1, command: 'pots spawn --json', schema: spawnSchema },
  {
    name: 'spawn-create',
    major: 1,
    command: 'pots spawn --create --json',
    schema: spawnCreateSchema,
  },
  { name: 'broadcast', major: 1, command: 'pots broadcast --json', schema: broadcastSchema },
  { name: 'capture', major: 1, command: 'pots capture --json', schema: captureSchema },
  { name: 'logs', major: 1, command: 'pots logs --json', schema: logsSchema, jsonLines: true },
  { name: 'ps', major: 1, command: 'pots ps --json', schema: psSchema },
  { name: 'wait', major: 1, command: 'pots wait --json', schema: waitSchema },
  { name: 'doctor', major: 1, command: 'pots doctor --json', schema: doctorSchema },
  {
    name: 'hooks-install',
    major: 1,
    command: 'pots hooks install --json',
    schema: hooksInstallSchema,
  },
  { name: 'stop', major: 1, command: 'pots stop --json', schema: stopSchema },
  { name: 'report', major: 1, command: 'pots report --json', schema: reportSchema },
  { name: 'status-line', major: 1, command: 'pots status-line --json', schema: statusLineSchema },
];

export type { OutputSchema };

/**
 * The published JSON Schema files, by file name (`list.v1.json`), as they are committed in
 * `schemas/` (two-space JSON and a final newline).
 * @example writeFileSync(`schemas/${name}`, text) for each [name, text] of Object.entries(schemaFiles())
 */
export function schemaFiles(): Record<string, string> {
  return outputSchemaFiles('pots', OUTPUT_SCHEMAS);
}
