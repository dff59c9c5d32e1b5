// A JSON Schema (2020-12) checker for exactly the keywords plum's and pots's published schemas use,
// so that their tests validate real output against the committed files themselves, not only against
// the zod schemas they come from. Any other keyword throws: it never passes silently. (A full
// validator such as ajv would replace this.)

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default']);
const KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
]);

/**
 * The errors of `value` against `schema`, as `path: problem` lines (empty: valid).
 * @example expect(validateJsonSchema(JSON.parse(readFileSync('schemas/list.v1.json', 'utf8')), output)).toEqual([])
 */
export function validateJsonSchema(schema: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !KEYWORDS.has(key)) {
      throw new Error(`json-schema.ts does not know the keyword ${key} (at ${path})`);
    }
  }
  const errors: string[] = [];
  const fail = (problem: string) => errors.push(`${path}: ${problem}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => hasType(value, type))) fail(`not ${types.join(' or ')}`);
  }
  if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(value)) fail('not in enum');
  if ('const' in schema && schema.const !== value) fail('not the constant');
  if (schema.anyOf !== undefined) {
    const options = schema.anyOf as Schema[];
    if (!options.some((option) => validateJsonSchema(option, value, path).length === 0))
      fail('no anyOf matches');
  }
  if (schema.oneOf !== undefined) {
    const options = schema.oneOf as Schema[];
    const matches = options.filter(
      (option) => validateJsonSchema(option, value, path).length === 0,
    ).length;
    if (matches !== 1) fail(`${matches} oneOf options match, not exactly 1`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength)
      fail('too short');
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      fail(`does not match ${schema.pattern}`);
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail('below minimum');
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail('above maximum');
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
      fail('not above exclusiveMinimum');
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) =>
      errors.push(...validateJsonSchema(schema.items as Schema, item, `${path}[${i}]`)),
    );
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in value)) fail(`missing ${key}`);
    }
    for (const [key, child] of Object.entries(value)) {
      const at = `${path}.${key}`;
      if (schema.propertyNames !== undefined) {
        errors.push(...validateJsonSchema(schema.propertyNames as Schema, key, `${at} (name)`));
      }
      if (key in properties) errors.push(...validateJsonSchema(properties[key]!, child, at));
      else if (schema.additionalProperties === false) errors.push(`${at}: not allowed`);
      else if (isObject(schema.additionalProperties)) {
        errors.push(...validateJsonSchema(schema.additionalProperties, child, at));
      }
    }
  }
  return errors;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    default:
      return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
