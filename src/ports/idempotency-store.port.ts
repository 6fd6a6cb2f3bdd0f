/** The answer a completed request gave, to repeat to its retries. */
export interface IdempotentResponse {
  status: number;
  body: Record<string, unknown>;
}

/** What claiming a key found. */
export type IdempotencyClaim =
  /** The key is now this request's: run it, then `complete` or `release`. */
  | { kind: 'claimed' }
  /** Another request holds the key and is (as far as its lease says) still running. */
  | { kind: 'in_progress'; fingerprint: string }
  /** A request with this key already completed. */
  | { kind: 'completed'; fingerprint: string; contentSha256: string; response: IdempotentResponse };

/**
 * Idempotency keys of retried requests (`Idempotency-Key`), per tenant. Every
 * method is scoped by tenant id; a key is a client's string of 1-255 characters.
 */
export interface IdempotencyStore {
  /**
   * Claim `key` for a request with `fingerprint`, holding it until `leaseUntil`. Records
   * created before `expiredBefore` count as absent (and are removed). A claim whose
   * lease lapsed before `now` (its holder died) is taken over.
   */
  claim(tenantId: string, key: string, request: { fingerprint: string; now: Date; leaseUntil: Date; expiredBefore: Date }): Promise<IdempotencyClaim>;
  /** Keep holding a claimed key while its request still runs. */
  extend(tenantId: string, key: string, leaseUntil: Date): Promise<void>;
  /** Record the answer of the request that holds `key`; its repeats get it from now on. */
  complete(tenantId: string, key: string, result: { contentSha256: string; response: IdempotentResponse }): Promise<void>;
  /** Give up a claim (its request failed), so a repeat runs anew. */
  release(tenantId: string, key: string): Promise<void>;
}
