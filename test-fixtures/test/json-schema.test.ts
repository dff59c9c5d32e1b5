import { describe, expect, it } from 'vitest';
import { validateJsonSchema } from '../src/index.js';

const event = {
  oneOf: [
    {
      type: 'object',
      properties: { type: { type: 'string', const: 'output' }, data: { type: 'string' } },
      required: ['type', 'data'],
    },
    {
      type: 'object',
      properties: {
        type: { type: 'string', const: 'exit' },
        code: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
      },
      required: ['type', 'code'],
    },
  ],
};

describe('validateJsonSchema', () => {
  it('accepts what matches exactly one oneOf option, and open objects', () => {
    expect(validateJsonSchema(event, { type: 'output', data: 'x', extra: 1 })).toEqual([]);
    expect(validateJsonSchema(event, { type: 'exit', code: null })).toEqual([]);
  });

  it('names what fails: no option, two options, a wrong type, a missing field', () => {
    expect(validateJsonSchema(event, { type: 'exit', code: 1.5 })).toEqual([
      '$: 0 oneOf options match, not exactly 1',
    ]);
    expect(validateJsonSchema({ oneOf: [{ type: 'string' }, { minLength: 1 }] }, 'ab')).toEqual([
      '$: 2 oneOf options match, not exactly 1',
    ]);
    expect(
      validateJsonSchema({ type: 'array', items: { type: 'object', required: ['id'] } }, [
        { id: 1 },
        {},
      ]),
    ).toEqual(['$[1]: missing id']);
    expect(
      validateJsonSchema({ additionalProperties: false, properties: { a: {} } }, { a: 1, b: 2 }),
    ).toEqual(['$.b: not allowed']);
  });

  it('throws on a keyword it does not know rather than passing silently', () => {
    expect(() => validateJsonSchema({ format: 'date-time' }, 'x')).toThrow(/format/);
  });
});
