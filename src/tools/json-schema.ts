/**
 * The subset of JSON Schema our tool inputs use. Kept small on purpose: every
 * schema must also be a valid OpenAI function `parameters` object.
 */
export type JsonSchema =
  | { type: 'string'; description?: string; enum?: readonly string[]; minLength?: number; maxLength?: number; pattern?: string }
  | { type: 'integer' | 'number'; description?: string; minimum?: number; maximum?: number; default?: number }
  | { type: 'boolean'; description?: string }
  | { type: 'array'; description?: string; items: JsonSchema; maxItems?: number }
  | ObjectSchema;

export interface ObjectSchema {
  type: 'object';
  description?: string;
  properties: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties: false;
}

/** Check `value` against `schema`; returns a list of human-readable problems (empty when valid). */
export function validate(schema: JsonSchema, value: unknown, path = 'arguments'): string[] {
  switch (schema.type) {
    case 'string': {
      if (typeof value !== 'string') return [`${path} must be a string`];
      const problems: string[] = [];
      if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${path} must have at least ${schema.minLength} characters`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${path} must have at most ${schema.maxLength} characters`);
      if (schema.enum && !schema.enum.includes(value)) problems.push(`${path} must be one of ${schema.enum.join(', ')}`);
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) problems.push(`${path} is not in the expected format`);
      return problems;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value) || (schema.type === 'integer' && !Number.isInteger(value))) {
        return [`${path} must be ${schema.type === 'integer' ? 'a whole number' : 'a number'}`];
      }
      if (schema.minimum !== undefined && value < schema.minimum) return [`${path} must be at least ${schema.minimum}`];
      if (schema.maximum !== undefined && value > schema.maximum) return [`${path} must be at most ${schema.maximum}`];
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path} must be true or false`];
    case 'array': {
      if (!Array.isArray(value)) return [`${path} must be a list`];
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return [`${path} must have at most ${schema.maxItems} items`];
      return value.flatMap((item, index) => validate(schema.items, item, `${path}[${index}]`));
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path} must be an object`];
      const record = value as Record<string, unknown>;
      const problems: string[] = [];
      for (const key of schema.required ?? []) {
        if (record[key] === undefined) problems.push(`${path}.${key} is required`);
      }
      for (const [key, item] of Object.entries(record)) {
        const property = schema.properties[key];
        if (!property) problems.push(`${path}.${key} is not a known argument`);
        else if (item !== undefined) problems.push(...validate(property, item, `${path}.${key}`));
      }
      return problems;
    }
  }
}
