/**
 * The subset of JSON Schema our tool inputs and request bodies use. Kept small on
 * purpose: every tool schema must also be a valid OpenAI strict function
 * `parameters` object and an Amazon Nova Sonic `toolSpec` input schema.
 * Validation happens once, at the edge (`src/transport/input-gate.ts`).
 */
export type JsonSchema =
  | {
      type: 'string';
      description?: string;
      enum?: readonly string[];
      minLength?: number;
      maxLength?: number;
      pattern?: string;
      /** Free text that may hold line breaks and tabs; other strings are one printable line. */
      'x-multiline'?: boolean;
    }
  | { type: 'integer' | 'number'; description?: string; minimum?: number; maximum?: number; default?: number }
  | { type: 'boolean'; description?: string }
  | { type: 'array'; description?: string; items: JsonSchema; minItems?: number; maxItems?: number }
  | ObjectSchema;

export interface ObjectSchema {
  type: 'object';
  description?: string;
  properties: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties: false;
}
