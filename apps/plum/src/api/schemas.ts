// What plum's `--json` prints, as zod schemas: the source of the published JSON Schemas in
// `schemas/*.json` (`pnpm --filter @plumpots/plum schemas`), and of the tests that check real output
// against them. Imported as `@plumpots/plum/schemas`, never by the bin, so commands never load zod.
//
// Versioning: every document's `$id` names its major version (`…/plum/list.v1.json`). Within a major
// version fields are only added (objects stay open); renaming or removing a field, or changing its
// type, is a breaking change: a new `vN+1` schema beside the old one and a major changeset.
import { outputSchemaFiles, z, type OutputSchema } from '@plumpots/core/schema';
import { configSchema } from '@plumpots/core/config/schema';

const path = z.string().describe('absolute path');

/** One worktree (`plum list --json` items; `plum create --json`, `plum path --json`). */
export const worktreeSchema = z.object({
  name: z
    .string()
    .describe('the directory name: what every command accepts besides the branch or the path'),
  path,
  branch: z.string().nullable().describe('short branch name; null when detached'),
  head: z.string().nullable().describe('the commit HEAD points at; null for an unborn branch'),
  isMain: z.boolean(),
  isCurrent: z.boolean().describe('the worktree containing the current directory'),
  detached: z.boolean(),
  locked: z.boolean(),
  lockReason: z.string().nullable(),
  prunable: z.boolean().describe('the directory is gone; plum prune removes the entry'),
  dirty: z
    .boolean()
    .nullable()
    .describe('tracked changes; null when status was skipped or the directory is missing'),
  untracked: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('untracked files; null when status was skipped'),
  ahead: z.number().int().nonnegative().nullable(),
  behind: z.number().int().nonnegative().nullable(),
  upstream: z.string().nullable().describe('e.g. origin/feat; null without an upstream'),
});

/** `plum list --json`: plugins' columns are extra properties of each item (string or null). */
export const listSchema = z.array(worktreeSchema);

export const removalRiskSchema = z.object({
  kind: z.enum([
    'modified',
    'untracked',
    'ignored',
    'unreachable-commits',
    'in-progress',
    'submodules',
    'locked',
    'main',
    'moved',
    'staged',
    'unmerged-branch',
  ]),
  message: z.string().describe('one line for a person, e.g. "2 untracked files"'),
  paths: z.array(z.string()).optional().describe('files at risk, relative to the worktree'),
  commits: z.array(z.string()).optional().describe('full ids of the commits at risk'),
  subjects: z.array(z.string()).optional().describe("each commit's subject, in the same order"),
});

export const removeResultSchema = z.object({
  name: z.string(),
  path,
  branch: z.string().nullable(),
  removed: z.boolean().describe('the worktree is gone (always false in a dry run)'),
  branchDeleted: z.boolean().describe('its branch was deleted (always false in a dry run)'),
  branchAction: z
    .enum(['delete', 'keep'])
    .nullable()
    .describe('with --delete-branch: what happens to the branch; null without it or when detached'),
  branchReason: z.string().nullable().describe('why, e.g. "squash-merged into main"'),
  risks: z
    .array(removalRiskSchema)
    .describe('what removing it loses; with --force, what was discarded'),
  refused: z.boolean().describe('this worktree stops the removal (dry runs only)'),
  dryRun: z.boolean(),
});

/** `plum remove --json`. */
export const removeSchema = z.array(removeResultSchema);

/** `plum prune --json`. */
export const pruneSchema = z.object({
  dryRun: z.boolean(),
  base: z
    .string()
    .nullable()
    .describe('the base merged branches were compared with; null without --merged'),
  pruned: z.array(removeResultSchema).describe('worktrees whose directory was gone'),
  removed: z
    .array(removeResultSchema)
    .describe('merged, clean worktrees removed with their branch'),
  skipped: z.array(
    z.object({
      name: z.string(),
      path,
      branch: z.string().nullable(),
      reason: z.enum([
        'locked',
        'at-risk',
        'current',
        'detached',
        'base-branch',
        'not-merged',
        'live-processes',
        'no-own-commits',
      ]),
      message: z.string(),
      risks: z.array(removalRiskSchema),
    }),
  ),
});

/** `plum config --json`: the resolved config, every default filled in. */
export const configOutputSchema = configSchema;

/** `plum config --origin --json`. */
export const configOriginSchema = z.array(
  z.object({
    key: z
      .string()
      .describe('key path, e.g. pots.prefix; an array such as worktrees.copy is one leaf'),
    value: z.unknown(),
    source: z.enum(['default', 'user', 'repo', 'env', 'flag']),
    file: z.string().optional().describe('the file, for user and repo'),
    variable: z.string().optional().describe('the environment variable, for env'),
  }),
);

const trustCommandSchema = z.object({
  key: z.string().describe('key path in the config, e.g. hooks.postCreate.0'),
  command: z.string().describe('the command (or the plugin module), unexpanded'),
});

/** `plum trust --json` (also after approving). */
export const trustSchema = z.object({
  trusted: z.boolean().describe('nothing to approve, or this exact set is approved'),
  needed: z.boolean().describe("the repository's config would run something"),
  commands: z.array(trustCommandSchema),
  file: z.string().nullable(),
  codeFile: z.string().nullable().describe('a JS/TS repository config, trusted as a whole'),
  details: z.array(z.string()),
  hash: z.string(),
  storeFile: z.string(),
});

/** `plum trust --list --json`: a repository's config approval, then its sets'. */
export const trustListSchema = z.array(
  z.object({
    repo: z.string().describe("the repository's real common git dir"),
    set: z
      .string()
      .optional()
      .describe(
        "a named set of the repository's commands (e.g. .pots/templates/dev.yaml, approved with pots templates trust); absent for its config",
      ),
    hash: z.string(),
    commands: z.array(trustCommandSchema),
    file: z.string().nullable(),
    approvedAt: z.string().describe('ISO 8601 timestamp'),
  }),
);

/** `plum trust --revoke --json`. */
export const trustRevokeSchema = z.object({
  repo: z.string().describe("the repository's common git dir"),
  revoked: z.boolean().describe('there was an approval to forget'),
});

/** `plum doctor --json`. */
export const doctorSchema = z.object({
  ok: z.boolean().describe('no check failed (warnings allowed)'),
  checks: z.array(
    z.object({
      id: z
        .string()
        .describe(
          'git, repo, config, config-files, trust, plugin:<entry>, state-dir, shell-integration, completions',
        ),
      status: z.enum(['ok', 'warn', 'fail']),
      message: z.string(),
      fix: z.string().optional().describe('what to do about a warn or fail'),
    }),
  ),
});

/** `plum init --json`. */
export const initSchema = z.object({
  file: z.string().describe('the file written'),
  overwritten: z.boolean(),
  others: z.array(z.string()).describe('other config files there; the first in search order wins'),
});

/** Every `--json` output of plum. */
export const OUTPUT_SCHEMAS: readonly OutputSchema[] = [
  { name: 'list', major: 1, command: 'plum list --json', schema: listSchema },
  { name: 'create', major: 1, command: 'plum create --json', schema: worktreeSchema },
  { name: 'path', major: 1, command: 'plum path --json', schema: worktreeSchema },
  { name: 'remove', major: 1, command: 'plum remove --json', schema: removeSchema },
  { name: 'prune', major: 1, command: 'plum prune --json', schema: pruneSchema },
  { name: 'config', major: 1, command: 'plum config --json', schema: configOutputSchema },
  {
    name: 'config-origin',
    major: 1,
    command: 'plum config --origin --json',
    schema: configOriginSchema,
  },
  { name: 'trust', major: 1, command: 'plum trust --json', schema: trustSchema },
  { name: 'trust-list', major: 1, command: 'plum trust --list --json', schema: trustListSchema },
  {
    name: 'trust-revoke',
    major: 1,
    command: 'plum trust --revoke --json',
    schema: trustRevokeSchema,
  },
  { name: 'doctor', major: 1, command: 'plum doctor --json', schema: doctorSchema },
  { name: 'init', major: 1, command: 'plum init --json', schema: initSchema },
];

export type { OutputSchema };

/**
 * The published JSON Schema files, by file name (`list.v1.json`), as they are committed in
 * `schemas/` (two-space JSON and a final newline).
 * @example writeFileSync(`schemas/${name}`, text) for each [name, text] of Object.entries(schemaFiles())
 */
export function schemaFiles(): Record<string, string> {
  return outputSchemaFiles('plum', OUTPUT_SCHEMAS);
}
