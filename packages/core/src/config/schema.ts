// The one schema for plum's config file, shared by plum and pots. Every object is strict: a typo in a
// key is an error, not a silently ignored setting.
import { z } from 'zod';

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

// `.prefault({})` (not `.default({})`): zod 4 returns a default as is, so nested defaults would be
// skipped; a prefault is parsed like input and fills them in.
const worktreesSchema = z
  .strictObject({
    dir: nonEmpty.default('../{repo}.worktrees/{branch}'),
    /** null: the remote's default branch, else HEAD. */
    base: nonEmpty.nullable().default(null),
    copy: z.array(nonEmpty).default(['.env']),
    disposable: z
      .array(nonEmpty)
      .default([
        'node_modules',
        'dist',
        'build',
        '.turbo',
        'coverage',
        'target',
        '.venv',
        '__pycache__',
      ]),
  })
  .prefault({});

const hooksSchema = z
  .strictObject({
    postCreate: z.array(nonEmpty).default([]),
    preRemove: z.array(nonEmpty).default([]),
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
    stuckSeconds: z.number().positive().default(600),
    rules: z.record(z.string().regex(AGENT_NAME), z.array(screenRuleSchema)).default({}),
  })
  .prefault({});

const notifySchema = z
  .strictObject({
    /** A shell command run on entering waiting/idle/stuck/exited, with POTS_* in its env. */
    command: nonEmpty.nullable().default(null),
    /** display-message on the attached clients. */
    display: z.boolean().default(true),
    /** The terminal bell in the pane's window. */
    bell: z.boolean().default(true),
    /** notify-send, when it is installed. */
    desktop: z.boolean().default(true),
  })
  .prefault({});

const potsSchema = z
  .strictObject({
    mode: z.enum(['session', 'window']).default('session'),
    session: nonEmpty.default('plum'),
    prefix: z.string().default(''),
    defaultTask: nonEmpty.default('dev'),
    autoStart: z.boolean().default(false),
    template: nonEmpty.default('default'),
    idleSeconds: z.number().positive().default(30),
    killGraceSeconds: z.number().nonnegative().default(5),
    templates: z.record(z.string().regex(TEMPLATE_NAME), templateSchema).default({}),
    agents: agentsSchema,
    notify: notifySchema,
  })
  .prefault({});

/** The whole config file: `worktrees`, `hooks`, `plugins`, `pots`. */
export const configSchema = z.strictObject({
  worktrees: worktreesSchema,
  hooks: hooksSchema,
  plugins: z.array(nonEmpty).default([]),
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
