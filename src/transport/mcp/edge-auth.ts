import type { IncomingMessage } from 'node:http';
import { bearerToken } from '../../app/authenticate.ts';
import type { CallCredentials } from '../../app/call-credentials.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import type { AuthFailureGuard } from './auth-failure-guard.ts';
import type { CallPrincipal } from './call-scope.ts';

export interface EdgeAuthDeps {
  credentials: CallCredentials;
  guard: AuthFailureGuard;
}

/** A refusal at the edge: 401 for a bad credential, 429 (with Retry-After) for an address that failed too often. */
export class EdgeAuthError extends Error {
  override readonly name = 'EdgeAuthError';
  constructor(
    readonly domain: DomainError,
    readonly retryAfterSeconds: number,
  ) {
    super(domain.message);
  }

  get status(): number {
    return this.domain.status;
  }
}

/** The address failed-auth throttling counts (the socket's peer; a trusted proxy's header is the throttle's business). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Authenticate a request to an MCP transport: `Authorization: Bearer`, else the query
 * token when this endpoint accepts one (`queryToken`, already read from the URL; never
 * logged). Reports failures to the throttle hook and honours its verdict.
 */
export async function authenticateEdge(
  deps: EdgeAuthDeps,
  req: IncomingMessage,
  queryToken: string | null,
): Promise<{ principal: CallPrincipal; credential: string }> {
  const address = clientAddress(req);
  const wait = deps.guard.retryAfterSeconds(address);
  if (wait > 0) throw new EdgeAuthError(new DomainError('rate_limited', 'Too many failed attempts from this address; try again later.'), wait);
  const credential = bearerToken(req.headers.authorization) ?? queryToken;
  try {
    if (!credential) throw new DomainError('unauthenticated', 'A session token or agent key is required.');
    return { principal: await deps.credentials.authenticate(credential), credential };
  } catch (error) {
    deps.guard.recordFailure(address);
    throw new EdgeAuthError(isDomainError(error) ? error : new DomainError('unauthenticated'), 0);
  }
}
