// The JSON Schema document of one `--json` output, from its zod schema.
import { z } from 'zod';

export interface JsonSchemaMeta {
  /** The schema's stable address, version included: `https://plumpots.dev/schemas/plum/list.v1.json`. */
  id: string;
  title: string;
  description?: string;
}

/** Where plum's and pots's published schemas live; `$id`s are `${SCHEMA_BASE_URL}/<tool>/<name>.v<major>.json`. */
export const SCHEMA_BASE_URL = 'https://plumpots.dev/schemas';

/**
 * The `$id` of a tool's output schema at a major version.
 * @example schemaId('plum', 'list', 1) // 'https://plumpots.dev/schemas/plum/list.v1.json'
 */
export function schemaId(tool: string, name: string, major: number): string {
  return `${SCHEMA_BASE_URL}/${tool}/${name}.v${major}.json`;
}

/**
 * A JSON Schema (draft 2020-12) document for what a command prints, from its zod schema's output
 * side. Objects stay open (no `additionalProperties: false`): fields are only ever added within a
 * major version, so a consumer validating against v1 keeps accepting newer output.
 * @example jsonSchemaDocument(z.array(worktreeSchema), { id: schemaId('plum', 'list', 1), title: 'plum list --json' })
 */
export function jsonSchemaDocument(
  schema: z.ZodType,
  meta: JsonSchemaMeta,
): Record<string, unknown> {
  const body = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    override: ({ jsonSchema }) => {
      if (jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = body;
  return {
    $schema,
    $id: meta.id,
    title: meta.title,
    ...(meta.description === undefined ? {} : { description: meta.description }),
    ...rest,
  };
}
