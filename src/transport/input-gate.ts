import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { DomainError } from '../domain/errors.ts';
import type { JsonSchema, ObjectSchema } from '../tools/json-schema.ts';

/**
 * The one input gate (DESIGN.md habit 14). Every body, query string, header we
 * read and tool argument passes a JSON Schema compiled here, once, at the edge.
 * On top of what each schema says, every string is refused when it holds a
 * control character and bounded in length when its schema sets no bound, so
 * NUL and friends never reach Postgres or a log line. Past the gate, code trusts
 * its types.
 *
 * The published schemas (tools/list, OpenAPI) stay exactly as written; the
 * extra rules are added to a private copy before compiling.
 */

/** Strings whose schema names no `maxLength` get this one. */
export const DEFAULT_MAX_STRING = 2000;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_ALLOWING_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Marks a string that may hold line breaks and tabs (free text); everything else is one printable line. */
export const MULTILINE = 'x-multiline';

export type Gate<T> = (value: unknown) => T;

export class InputGate {
  private readonly strict = new Ajv({ allErrors: true, strict: true, allowUnionTypes: false });
  /** For query strings, where every value arrives as text: "20" may satisfy an integer. */
  private readonly coercing = new Ajv({ allErrors: true, strict: true, coerceTypes: true });

  constructor() {
    for (const ajv of [this.strict, this.coercing]) {
      ajv.addKeyword({ keyword: MULTILINE, schemaType: 'boolean' });
      ajv.addKeyword({
        keyword: 'x-printable',
        type: 'string',
        schemaType: 'boolean',
        error: { message: 'must not contain control characters' },
        validate: (multiline: boolean, data: string) => !(multiline ? CONTROL_ALLOWING_LINES : CONTROL).test(data),
      });
    }
  }

  /**
   * Compile a gate for JSON values (bodies, tool arguments). `root` names the value in
   * messages ("arguments" gives "arguments.query"); "" names fields bare ("query").
   */
  compile<T = Record<string, unknown>>(schema: JsonSchema, root: string): Gate<T> {
    return gateOf<T>(this.strict.compile(hardened(schema)), root);
  }

  /**
   * Compile a gate for a URL query. Repeated parameters are refused (one value each);
   * values are coerced to the schema's types.
   */
  compileQuery<T = Record<string, unknown>>(schema: ObjectSchema): (params: URLSearchParams) => T {
    const check = gateOf<T>(this.coercing.compile(hardened(schema)), 'query');
    return (params) => {
      const value: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [key, item] of params) {
        if (Object.hasOwn(value, key)) throw new DomainError('validation_failed', `The query parameter ${key} is given more than once.`, { details: { [`query.${key}`]: 'must be given once' } });
        value[key] = item;
      }
      return check({ ...value });
    };
  }
}

function gateOf<T>(validate: ValidateFunction, root: string): Gate<T> {
  return (value) => {
    if (validate(value)) return value as T;
    const details = problemsOf(validate.errors ?? [], root);
    throw new DomainError('validation_failed', sentenceOf(details), { details });
  };
}

/** A private copy of `schema` with the gate's own rules on every string. */
function hardened(schema: JsonSchema): JsonSchema {
  switch (schema.type) {
    case 'string':
      return { ...schema, maxLength: schema.maxLength ?? DEFAULT_MAX_STRING, 'x-printable': schema[MULTILINE] === true } as JsonSchema;
    case 'array':
      return { ...schema, items: hardened(schema.items) };
    case 'object':
      return { ...schema, properties: Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, hardened(value)])) };
    default:
      return schema;
  }
}

/** `{ "arguments.query": "must have at most 500 characters" }`, one entry per faulty field. */
function problemsOf(errors: ErrorObject[], root: string): Record<string, string> {
  // No prototype: a field named "__proto__" or "constructor" is a key like any other.
  const problems = Object.create(null) as Record<string, string>;
  for (const error of errors) {
    const base = join(root, error.instancePath.slice(1).split('/').filter((part) => part !== '').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).join('.'));
    const [field, message] = describe(error, base);
    if (!Object.hasOwn(problems, field)) problems[field] = message;
  }
  return problems;
}

function join(path: string, field: string): string {
  return path === '' ? field : field === '' ? path : `${path}.${field}`;
}

function describe(error: ErrorObject, path: string): [string, string] {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return [join(path, String(p.missingProperty)), 'is required'];
    case 'additionalProperties':
      return [join(path, String(p.additionalProperty)), 'is not a known field'];
    case 'type':
      return [path, `must be ${article(String(p.type))}`];
    case 'maxLength':
      return [path, `must have at most ${String(p.limit)} characters`];
    case 'minLength':
      return [path, Number(p.limit) === 1 ? 'must not be empty' : `must have at least ${String(p.limit)} characters`];
    case 'enum':
      return [path, `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`];
    case 'pattern':
      return [path, 'is not in the expected format'];
    case 'maximum':
      return [path, `must be at most ${String(p.limit)}`];
    case 'minimum':
      return [path, `must be at least ${String(p.limit)}`];
    case 'maxItems':
      return [path, `must have at most ${String(p.limit)} items`];
    case 'minItems':
      return [path, `must have at least ${String(p.limit)} items`];
    default:
      return [path, error.message ?? 'is not valid'];
  }
}

function article(type: string): string {
  const names: Record<string, string> = { string: 'a string', integer: 'a whole number', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null' };
  return names[type] ?? type;
}

function sentenceOf(details: Record<string, string>): string {
  const parts = Object.entries(details).slice(0, 3).map(([field, message]) => (field === '' ? `The value ${message}` : `${field} ${message}`));
  const more = Object.keys(details).length > 3 ? ' (and more)' : '';
  return `${parts.join('; ')}${more}.`;
}

/** Per-tool argument gates, compiled on first use and kept. */
export function toolArgumentGate(gate: InputGate): (tool: { name: string; inputSchema: ObjectSchema }, args: unknown) => Record<string, unknown> {
  const compiled = new Map<string, Gate<Record<string, unknown>>>();
  return (tool, args) => {
    let check = compiled.get(tool.name);
    if (!check) {
      check = gate.compile(tool.inputSchema, 'arguments');
      compiled.set(tool.name, check);
    }
    return check(args);
  };
}
