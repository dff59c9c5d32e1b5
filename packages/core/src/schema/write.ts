// The published JSON Schema files of an app's `--json` outputs, from its list of zod schemas: one
// writer for plum and pots, so both publish documents of the same shape.
import type { z } from 'zod';
import { jsonSchemaDocument, schemaId } from './document.js';

export interface OutputSchema {
  /** The file name stem and `$id` stem: `list` → `list.v1.json`. */
  name: string;
  major: number;
  /** The command line whose output it describes. */
  command: string;
  schema: z.ZodType;
  /** Printed as JSON Lines: the schema describes one line. */
  jsonLines?: true;
}

/**
 * The published JSON Schema files, by file name (`list.v1.json`), as they are committed in
 * `schemas/` (two-space JSON and a final newline).
 * @example writeFileSync(`schemas/${name}`, text) for each [name, text] of Object.entries(outputSchemaFiles('plum', OUTPUT_SCHEMAS))
 */
export function outputSchemaFiles(
  tool: string,
  outputs: readonly OutputSchema[],
): Record<string, string> {
  return Object.fromEntries(
    outputs.map(({ name, major, command, schema, jsonLines }) => [
      `${name}.v${major}.json`,
      `${JSON.stringify(
        jsonSchemaDocument(schema, {
          id: schemaId(tool, name, major),
          title: `${command} (v${major})`,
          description: jsonLines
            ? `One line of what \`${command}\` prints on stdout (JSON Lines: one object per line).`
            : `What \`${command}\` prints on stdout.`,
        }),
        null,
        2,
      )}\n`,
    ]),
  );
}
