import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Fields that may hold secrets or personal data, wherever they turn up in a log
 * entry (one level deep): credentials, tokens, customer ids, search text, SQL
 * parameters. Their values are replaced, never written.
 */
export const REDACTED_PATHS = [
  'authorization', '*.authorization', 'headers', '*.headers', 'cookie', '*.cookie',
  'token', '*.token', 'api_key', '*.api_key', 'apiKey', '*.apiKey', 'admin_token', '*.admin_token',
  'customer_id', '*.customer_id', 'customerId', '*.customerId', 'caller', '*.caller', 'phone', '*.phone',
  'query', '*.query', 'text', '*.text', 'arguments', '*.arguments', 'args', '*.args',
  'params', '*.params', 'parameters', '*.parameters', 'values', '*.values', 'sql', '*.sql',
];

/** Error fields that describe a fault without carrying data. Everything else (pg's `detail`, `where`, `internalQuery`, `parameters`...) is dropped. */
const SAFE_ERROR_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'routine', 'errno', 'syscall', 'retryable', 'reason'] as const;

/**
 * Database errors quote the offending value (`invalid input syntax for type uuid: "..."`,
 * `Key (slug)=(acme) already exists`); the quoted value is replaced, the identifiers stay.
 */
export function scrubErrorText(text: string): string {
  return text.replace(/: "(?:[^"\\]|\\.)*"/g, ': "[redacted]"').replace(/\)=\((?:[^()]|\([^()]*\))*\)/g, ')=([redacted])');
}

/** Log form of an error: type, scrubbed message and stack, the safe fields, and its causes (three deep). */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubErrorText(String(error)) };
  const out: Record<string, unknown> = { type: error.name, message: scrubErrorText(error.message) };
  if (error.stack) out.stack = scrubErrorText(error.stack);
  for (const field of SAFE_ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[field] = typeof value === 'string' ? scrubErrorText(value) : value;
  }
  if (error.cause !== undefined && depth < 3) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

/** The process logger: structured JSON, secrets and personal data redacted, errors scrubbed of the values they quote. */
export function createLogger(level: string, service: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: (error: unknown) => serializeError(error), error: (error: unknown) => serializeError(error) },
  };
  return destination ? pino(options, destination) : pino(options);
}
