import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { IdempotencyStore, IdempotentResponse } from '../ports/idempotency-store.port.ts';

export type { IdempotencyStore } from '../ports/idempotency-store.port.ts';

/** How long a key is remembered: a repeat within this gets the first answer. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3600_000;
/** How long a claim counts as alive without news from its request; renewed while it runs. */
export const IDEMPOTENCY_LEASE_MS = 60_000;

export interface IdempotencyDeps {
  store: IdempotencyStore;
  clock: Clock;
  /** Warnings that must not fail the request (a result that could not be recorded). */
  onWarning?: (error: unknown, message: string) => void;
}

/** What a request with an Idempotency-Key asks for, apart from its body. */
export interface IdempotentRequest {
  tenantId: string;
  key: string;
  /** The request's parameters, in a stable order; a repeat with other parameters is refused. */
  parameters: readonly unknown[];
}

/** What running the request produced: its answer, and the sha256 of the body it consumed. */
export interface IdempotentOutcome {
  response: IdempotentResponse;
  contentSha256: string;
}

/**
 * Run a request at most once per (tenant, Idempotency-Key) within 24 hours.
 * - first time: `run` it; its answer is recorded (a failure is not: a retry runs anew);
 * - repeat while the first still runs: 409 `idempotency_in_progress`, body unread;
 * - repeat after it completed: the body is hashed (`digestBody`, not stored) and, when
 *   parameters and bytes match, the first answer is returned with `replayed: true`;
 * - the key with other parameters or other bytes: 422 `idempotency_key_reused`.
 */
export async function runIdempotently(
  deps: IdempotencyDeps,
  request: IdempotentRequest,
  run: () => Promise<IdempotentOutcome>,
  digestBody: () => Promise<string>,
): Promise<{ response: IdempotentResponse; replayed: boolean }> {
  const fingerprint = createHash('sha256').update(JSON.stringify(request.parameters)).digest('hex');
  const now = deps.clock.now();
  const claim = await deps.store.claim(request.tenantId, request.key, {
    fingerprint,
    now,
    leaseUntil: new Date(now.getTime() + IDEMPOTENCY_LEASE_MS),
    expiredBefore: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS),
  });
  if (claim.kind !== 'claimed' && claim.fingerprint !== fingerprint) throw reused();
  if (claim.kind === 'in_progress') throw new DomainError('idempotency_in_progress');
  if (claim.kind === 'completed') {
    if ((await digestBody()) !== claim.contentSha256) throw reused();
    return { response: claim.response, replayed: true };
  }

  const renew = setInterval(() => {
    deps.store.extend(request.tenantId, request.key, new Date(deps.clock.now().getTime() + IDEMPOTENCY_LEASE_MS)).catch((error: unknown) => deps.onWarning?.(error, 'could not renew an idempotency claim'));
  }, IDEMPOTENCY_LEASE_MS / 3);
  renew.unref();
  let outcome: IdempotentOutcome;
  try {
    outcome = await run();
  } catch (error) {
    clearInterval(renew);
    await deps.store.release(request.tenantId, request.key).catch((failure: unknown) => deps.onWarning?.(failure, 'could not release an idempotency claim; it lapses with its lease'));
    throw error;
  }
  clearInterval(renew);
  // The request succeeded: its answer stands even if it cannot be recorded (a repeat after the lease lapses would run again).
  await deps.store.complete(request.tenantId, request.key, outcome).catch((error: unknown) => deps.onWarning?.(error, 'could not record an idempotent result'));
  return { response: outcome.response, replayed: false };
}

function reused(): DomainError {
  return new DomainError('idempotency_key_reused', 'This Idempotency-Key was already used for a request with other parameters or other bytes; use a new key for a new request.');
}
