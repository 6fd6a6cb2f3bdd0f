import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../src/domain/errors.ts';
import { DEFAULT_MAX_STRING, InputGate } from '../../../src/transport/input-gate.ts';
import type { ObjectSchema } from '../../../src/tools/json-schema.ts';

const schema: ObjectSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', minLength: 1, maxLength: 20 },
    note: { type: 'string', 'x-multiline': true },
    free: { type: 'string' },
    limit: { type: 'integer', minimum: 1, maximum: 5 },
    tags: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 2 },
  },
  required: ['query'],
  additionalProperties: false,
};

function problems(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (isDomainError(error) && error.code === 'validation_failed') return error.details as Record<string, string>;
    throw error;
  }
  throw new Error('expected validation_failed');
}

describe('input gate', () => {
  const gate = new InputGate();
  const check = gate.compile(schema, 'arguments');

  it('passes valid input through unchanged', () => {
    expect(check({ query: 'q2 report', limit: 3, tags: ['a'] })).toEqual({ query: 'q2 report', limit: 3, tags: ['a'] });
  });

  it('names every faulty field with a human message', () => {
    expect(problems(() => check({ limit: 9, other: 1 }))).toEqual({
      'arguments.query': 'is required',
      'arguments.other': 'is not a known field',
      'arguments.limit': 'must be at most 5',
    });
  });

  it('refuses an own __proto__ key from JSON.parse as an unknown field, not a crash', () => {
    const parsed: unknown = JSON.parse('{"query":"x","__proto__":{"polluted":true}}');
    expect(problems(() => check(parsed))).toEqual({ 'arguments.__proto__': 'is not a known field' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses NUL and other control characters in every string, nested ones too', () => {
    expect(problems(() => check({ query: 'a\u0000b' }))).toEqual({ 'arguments.query': 'must not contain control characters' });
    expect(problems(() => check({ query: 'ok', tags: ['\u001b[31m'] }))).toEqual({ 'arguments.tags.0': 'must not contain control characters' });
    expect(problems(() => check({ query: 'ok', free: 'line\nbreak' }))).toEqual({ 'arguments.free': 'must not contain control characters' });
  });

  it('lets multiline free text keep line breaks and tabs but not NUL', () => {
    expect(check({ query: 'ok', note: 'one\n\ttwo\r\n' })).toMatchObject({ note: 'one\n\ttwo\r\n' });
    expect(problems(() => check({ query: 'ok', note: 'x\u0000' }))).toEqual({ 'arguments.note': 'must not contain control characters' });
  });

  it('bounds strings whose schema sets no maximum', () => {
    expect(check({ query: 'ok', free: 'x'.repeat(DEFAULT_MAX_STRING) })).toBeTruthy();
    expect(problems(() => check({ query: 'ok', free: 'x'.repeat(DEFAULT_MAX_STRING + 1) }))).toEqual({ 'arguments.free': `must have at most ${DEFAULT_MAX_STRING} characters` });
  });

  it('says the first problems in one sentence', () => {
    try {
      check({ query: 5 });
    } catch (error) {
      expect((error as Error).message).toBe('arguments.query must be a string.');
    }
  });

  it('coerces query strings to the schema types and refuses repeats', () => {
    const query = gate.compileQuery<{ query: string; limit?: number }>(schema);
    expect(query(new URLSearchParams('query=abc&limit=2'))).toEqual({ query: 'abc', limit: 2 });
    expect(problems(() => query(new URLSearchParams('query=abc&limit=two')))).toEqual({ 'query.limit': 'must be a whole number' });
    expect(problems(() => query(new URLSearchParams('query=a&query=b')))).toEqual({ 'query.query': 'must be given once' });
    expect(problems(() => query(new URLSearchParams('query=a%00b')))).toEqual({ 'query.query': 'must not contain control characters' });
  });

  it('leaves the published schema untouched', () => {
    expect(JSON.stringify(schema)).not.toContain('x-printable');
  });
});

describe('input gate details', () => {
  it('name fields called __proto__ and constructor like any other, in the details and the sentence', () => {
    const check = new InputGate().compile(schema, '');
    try {
      check(JSON.parse('{"query":"x","__proto__":{},"constructor":1}'));
      throw new Error('expected validation_failed');
    } catch (error) {
      if (!isDomainError(error)) throw error;
      expect(Object.entries(error.details ?? {}).sort()).toEqual([['__proto__', 'is not a known field'], ['constructor', 'is not a known field']]);
      expect(error.message).toBe('__proto__ is not a known field; constructor is not a known field.');
    }
  });
});
