// Validates one config layer on its own, so an error names the file (or variable) it came from, and
// turns zod's issues into "<where>: <key.path>: expected <what>, got <what>" messages. What is
// expected is read from the JSON Schema, not from zod's wording, so messages stay stable.
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { configJsonSchema, configSchema, type PlumConfigInput } from './schema.js';

/** Where a layer came from, for error messages. */
export interface LayerSource {
  /** Absolute path of the file, when the layer is a file. */
  file?: string | undefined;
  /** The text before the key path: a file path, or a variable name for `keyPath`. */
  where(keyPath: string): string;
  /** Shown before every key path: `plum` for package.json, where the config is under that key. */
  keyPrefix?: string | undefined;
}

/**
 * Checks a raw layer against the schema without applying defaults (a default would override the
 * layer below). Returns the layer unchanged; throws ConfigError (exit 6) naming the source.
 */
export function validateLayer(data: unknown, source: LayerSource): PlumConfigInput {
  const result = configSchema.safeParse(data);
  if (result.success) return data as PlumConfigInput;
  const problems = result.error.issues.flatMap((issue) => describeIssue(issue, data, source));
  const [first] = problems;
  if (!first) throw new ConfigError(`${source.where('')}: invalid config`, source.file, undefined);
  return fail(first, problems, source);
}

interface Problem {
  keyPath: string;
  text: string;
  hint?: string | undefined;
}

function fail(first: Problem, problems: Problem[], source: LayerSource): never {
  throw new ConfigError(first.text, source.file, first.keyPath || undefined, {
    hint: first.hint,
    details: problems.length > 1 ? problems.map((p) => p.text) : undefined,
  });
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, source: LayerSource): Problem[] {
  const path = issue.path.map(String);
  const label = (keys: string[]) => {
    const shown = [source.keyPrefix, ...keys].filter(Boolean).join('.');
    const where = source.where(keys.join('.'));
    return shown ? `${where}: ${shown}` : where;
  };
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schemaAt(path));
    return issue.keys.map((key) => {
      const guess = known.length > 0 ? closest(key, known) : undefined;
      const suggestion =
        guess !== undefined && distance(key, guess) <= 3
          ? `, did you mean \`${[source.keyPrefix, ...path, guess].filter(Boolean).join('.')}\`?`
          : '';
      return {
        keyPath: [...path, key].join('.'),
        text: `${label([...path, key])}: unknown key${suggestion}`,
        hint: known.length > 0 ? `known keys here: ${known.join(', ')}` : undefined,
      };
    });
  }
  if (issue.code === 'invalid_key') {
    // The path ends with the offending key itself.
    const names = schemaAt(path.slice(0, -1))?.propertyNames;
    return [
      {
        keyPath: path.join('.'),
        text: `${label(path)}: expected a name matching ${names?.pattern ?? 'the allowed names'}, got ${JSON.stringify(path.at(-1))}`,
      },
    ];
  }
  const expected = describeSchema(schemaAt(path));
  const got = describeValue(valueAt(data, path));
  return [{ keyPath: path.join('.'), text: `${label(path)}: expected ${expected}, got ${got}` }];
}

// --- JSON Schema walking ---------------------------------------------------------------------

interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: { pattern?: string };
  items?: SchemaNode;
  minLength?: number;
  minItems?: number;
  minimum?: number;
  exclusiveMinimum?: number;
}

let rootSchema: SchemaNode | undefined;

function schemaAt(path: readonly string[]): SchemaNode | undefined {
  rootSchema ??= configJsonSchema() as SchemaNode;
  let node: SchemaNode | undefined = rootSchema;
  for (const key of path) {
    if (!node) return undefined;
    node = childSchema(node, key);
  }
  return node;
}

function childSchema(node: SchemaNode, key: string): SchemaNode | undefined {
  if (node.anyOf) {
    for (const branch of node.anyOf) {
      const found = childSchema(branch, key);
      if (found) return found;
    }
    return undefined;
  }
  if (node.items && /^\d+$/.test(key)) return node.items;
  if (node.properties && Object.hasOwn(node.properties, key)) return node.properties[key];
  return typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined;
}

function knownKeys(node: SchemaNode | undefined): string[] {
  if (!node) return [];
  if (node.anyOf) return [...new Set(node.anyOf.flatMap(knownKeys))];
  return Object.keys(node.properties ?? {});
}

function describeSchema(node: SchemaNode | undefined): string {
  if (!node) return 'a valid value';
  if (node.anyOf) return node.anyOf.map(describeSchema).join(' or ');
  if (node.enum) return `one of ${node.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (types.length === 0) return 'a valid value';
  return types.map((type) => describeType(type, node)).join(' or ');
}

function describeType(type: string, node: SchemaNode): string {
  switch (type) {
    case 'string':
      return node.minLength ? 'a non-empty string' : 'a string';
    case 'number':
    case 'integer':
      if (node.exclusiveMinimum !== undefined) return `a number > ${node.exclusiveMinimum}`;
      if (node.minimum !== undefined) return `a number >= ${node.minimum}`;
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array': {
      const items = node.items ? ` of ${describePlural(node.items)}` : '';
      return `${node.minItems ? 'a non-empty list' : 'a list'}${items}`;
    }
    case 'object':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return type;
  }
}

function describePlural(node: SchemaNode): string {
  if (node.anyOf) return node.anyOf.map(describePlural).join(' or ');
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  const words = types.map((type) =>
    type === 'string' && node.minLength
      ? 'non-empty strings'
      : type === 'array'
        ? 'lists'
        : `${type}s`,
  );
  return words.join(' or ') || 'values';
}

// --- the value that was given ------------------------------------------------------------------

function valueAt(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}
