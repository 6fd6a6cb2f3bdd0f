import { DomainError } from '../../src/domain/errors.ts';

/** Socket-level failures: the server is not there, or the connection to it broke. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs that mean "the server cannot serve this connection now", not "this statement is wrong":
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections,
 * and class 08 (connection exception). https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What `pg` and `pg-pool` throw (without a code) when a connection ends, times out or was never usable. */
const DRIVER_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /^Connection ended/i,
];

/** The sentence a client sees while the database is away. */
export const DATABASE_UNAVAILABLE = 'The database is not reachable right now; please try again shortly.';

/** True when `error` says the database could not be reached, as opposed to refusing a statement. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isConnectionError);
}

/**
 * Connection-class errors become DomainError `unavailable` (HTTP 503, a spoken "try again" from
 * tools) with the driver error as cause; anything else is returned unchanged.
 */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof DomainError || !isConnectionError(error)) return error;
  return new DomainError('unavailable', DATABASE_UNAVAILABLE, { cause: error });
}
