import type { BusEvent } from '../../src/ports/event-bus.port.ts';

/** Postgres refuses NOTIFY payloads of 8000 bytes or more; every bus keeps the same limit. */
export const MAX_EVENT_BYTES = 7999;

/** An event too big for the bus: a programming fault, since events carry ids and states only. */
export class EventTooLargeError extends Error {
  override readonly name = 'EventTooLargeError';
}

/** Serialise an event for the wire (or an in-process hop), enforcing shape and size. */
export function encodeEvent(event: BusEvent): string {
  if (typeof event.type !== 'string' || event.type === '') throw new TypeError('a bus event needs a non-empty type');
  if (typeof event.tenantId !== 'string' || event.tenantId === '') throw new TypeError('a bus event needs a tenantId');
  const text = JSON.stringify({ type: event.type, tenantId: event.tenantId, data: event.data ?? {} });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_EVENT_BYTES) {
    throw new EventTooLargeError(
      `event "${event.type}" is ${bytes} bytes encoded; the bus carries at most ${MAX_EVENT_BYTES} (Postgres NOTIFY limit). ` +
        'Send ids and states only and let the subscriber read the rest.',
    );
  }
  return text;
}

/** Parse what `encodeEvent` produced; undefined for anything else. */
export function decodeEvent(text: string): BusEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const { type, tenantId, data } = value as Record<string, unknown>;
  if (typeof type !== 'string' || typeof tenantId !== 'string' || !data || typeof data !== 'object') return undefined;
  return { type, tenantId, data: data as Record<string, unknown> };
}
