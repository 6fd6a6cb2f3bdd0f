/** A token bucket: `burst` at once, refilled at `attempts` per `perSeconds`. */
export interface BucketLimit {
  attempts: number;
  perSeconds: number;
  burst: number;
}

/** One bucket to take from: its scope ("code", "address", "tenant", "confirm") and key within the tenant. */
export interface BucketRef {
  scope: string;
  key: string;
  limit: BucketLimit;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: string };

/**
 * Token buckets shared by every server node (Postgres), per tenant: the redemption
 * throttles of spoken codes. Each take is atomic, so concurrent attempts on several
 * nodes cannot pass more than a bucket holds.
 */
export interface AttemptThrottle {
  /**
   * Take one token from every bucket, or from none: when any is empty nothing is taken and the
   * answer names the bucket and the seconds until it holds a token again.
   */
  take(tenantId: string, buckets: readonly BucketRef[], now: Date): Promise<ThrottleDecision>;
  /** Give one token back to each bucket (an attempt that turned out not to count, e.g. a success), never above its burst. */
  refund(tenantId: string, buckets: readonly BucketRef[], now: Date): Promise<void>;
}
