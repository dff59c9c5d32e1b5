// The one schema for plum's config file, shared by plum and pots. Every object is strict: a typo in a
// key is an error, not a silently ignored setting.
import { z } from 'zod';
import { literalDefaults } from './defaults.js';

// Keys of records we merge into plain objects: a name like `__proto__` must never become a key, and
// a template name holds no `.`, so key paths like `pots.templates.review.windows` stay unambiguous.
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

const nonEmpty = z.string().min(1);
const envSchema = z.record(z.string().regex(ENV_NAME), z.string());

/** `process`: the command is the pane's first process; `shell`: typed into its interactive shell. */
const runSchema = z.enum(['process', 'shell']);

const paneSchema = z.union([
  z.string(),
  z.strictObject({
    command: z.string().optional(),
    cwd: nonEmpty.optional(),
    env: envSchema.optional(),
    focus: z.boolean().optional(),
    run: runSchema.optional(),
    enter: z.boolean().optional(),
    history: z.boolean().optional(),
  }),
]);

const windowSchema = z.strictObject({
  /** Without one, tmux names the window (automatic-rename). */
  name: nonEmpty.nullable().optional(),
  index: z.number().int().nonnegative().optional(),
  options: z.record(z.string(), z.string()).optional(),
  optionsAfter: z.record(z.string(), z.string()).optional(),
  run: runSchema.optional(),
  layout: nonEmpty.optional(),
  cwd: nonEmpty.optional(),
  env: envSchema.optional(),
  focus: z.boolean().optional(),
  panes: z.array(paneSchema),
});

const templateSchema = z.strictObject({
  windows: z.array(windowSchema).min(1),
  run: runSchema.optional(),
  description: z.string().optional(),
});

// The defaults are config/defaults.ts's literal (resolving a config without files uses it without
// loading zod); a function each, so that every parse gets fresh arrays and objects.
const defaults = () => literalDefaults();

// `.prefault({})` (not `.default({})`): zod 4 returns a default as is, so nested defaults would be
// skipped; a prefault is parsed like input and fills them in.
const worktreesSchema = z
  .strictObject({
    dir: nonEmpty.default(() => defaults().worktrees.dir),
    /** null: the remote's default branch, else HEAD. */
    base: nonEmpty.nullable().default(() => defaults().worktrees.base),
    /** Files (globs) and, ending in "/", whole ignored directories (`node_modules/`) to copy. */
    copy: z.array(nonEmpty).default(() => defaults().worktrees.copy),
    /** Where directories cannot be cloned copy-on-write: copy them in full, or skip them. */
    copyFallback: z.enum(['copy', 'skip']).default(() => defaults().worktrees.copyFallback),
    disposable: z.array(nonEmpty).default(() => defaults().worktrees.disposable),
  })
  .prefault({});

const hooksSchema = z
  .strictObject({
    postCreate: z.array(nonEmpty).default(() => defaults().hooks.postCreate),
    preRemove: z.array(nonEmpty).default(() => defaults().hooks.preRemove),
  })
  .prefault({});

// Screen rules per agent (`pots.agents.rules.claude: [{ name, state, match }]`): a rule named like a
// built-in replaces it, `match: ""` removes it.
const AGENT_NAME = /^[a-z][a-z0-9_-]*$/;
const screenRuleSchema = z.strictObject({
  name: z.string().regex(TEMPLATE_NAME),
  state: z.enum(['working', 'waiting', 'idle']),
  match: z.string().refine(
    (source) => {
      try {
        new RegExp(source, 'u');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  ),
});

const agentsSchema = z
  .strictObject({
    /** `working` with no output and no hook event this long is `stuck`. */
    stuckSeconds: z
      .number()
      .positive()
      .default(() => defaults().pots.agents.stuckSeconds),
    rules: z
      .record(z.string().regex(AGENT_NAME), z.array(screenRuleSchema))
      .default(() => defaults().pots.agents.rules),
  })
  .prefault({});

const notifySchema = z
  .strictObject({
    /** A shell command run on entering waiting/idle/stuck/exited, with POTS_* in its env. */
    command: nonEmpty.nullable().default(() => defaults().pots.notify.command),
    /** display-message on the attached clients. */
    display: z.boolean().default(() => defaults().pots.notify.display),
    /** The terminal bell in the pane's window. */
    bell: z.boolean().default(() => defaults().pots.notify.bell),
    /** notify-send, when it is installed. */
    desktop: z.boolean().default(() => defaults().pots.notify.desktop),
  })
  .prefault({});

const potsSchema = z
  .strictObject({
    mode: z.enum(['session', 'window']).default(() => defaults().pots.mode),
    session: nonEmpty.default(() => defaults().pots.session),
    prefix: z.string().default(() => defaults().pots.prefix),
    defaultTask: nonEmpty.default(() => defaults().pots.defaultTask),
    autoStart: z.boolean().default(() => defaults().pots.autoStart),
    template: nonEmpty.default(() => defaults().pots.template),
    idleSeconds: z
      .number()
      .positive()
      .default(() => defaults().pots.idleSeconds),
    killGraceSeconds: z
      .number()
      .nonnegative()
      .default(() => defaults().pots.killGraceSeconds),
    templates: z
      .record(z.string().regex(TEMPLATE_NAME), templateSchema)
      .default(() => defaults().pots.templates),
    agents: agentsSchema,
    notify: notifySchema,
  })
  .prefault({});

/** The whole config file: `worktrees`, `hooks`, `plugins`, `pots`. */
export const configSchema = z.strictObject({
  worktrees: worktreesSchema,
  hooks: hooksSchema,
  plugins: z.array(nonEmpty).default(() => defaults().plugins),
  pots: potsSchema,
});

/** The config after parsing: every default filled in. */
export type PlumConfig = z.output<typeof configSchema>;
/** What a config file may contain: every key optional. */
export type PlumConfigInput = z.input<typeof configSchema>;
export type PotsTemplate = PlumConfig['pots']['templates'][string];
export type PotsWindow = PotsTemplate['windows'][number];
export type PotsPane = PotsWindow['panes'][number];

/**
 * A fresh config holding only the defaults (safe to mutate).
 * @example defaultConfig().pots.idleSeconds // 30
 */
export function defaultConfig(): PlumConfig {
  return configSchema.parse({});
}

/**
 * The config file's JSON Schema (input side: keys with defaults are optional), for editors and the
 * published `schema.json`.
 * @example writeFileSync('schema.json', JSON.stringify(configJsonSchema(), null, 2))
 */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: 'input' });
}
