// @plumpots/core/schema — zod, for describing what `--json` prints, and the JSON Schema documents
// plum and pots publish from those descriptions. Its own entry: only scripts and tests load zod
// this way, never a command at run time.
import { z } from 'zod';

export { z };
export { jsonSchemaDocument, SCHEMA_BASE_URL, schemaId, type JsonSchemaMeta } from './document.js';
export { outputSchemaFiles, type OutputSchema } from './write.js';
