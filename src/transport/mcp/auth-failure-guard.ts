/**
 * The narrow hook through which the MCP transports take part in failed-auth throttling
 * (`src/transport/auth-throttle.ts`, per client address). The transports ask before
 * authenticating and report each failure; the throttle decides. Connected at composition.
 */
export interface AuthFailureGuard {
  /** Seconds until `address` may try again; 0 when it is not blocked. */
  retryAfterSeconds(address: string): number;
  /** One failed authentication from `address`. */
  recordFailure(address: string): void;
}

/** Until the throttle is connected: nobody is blocked. */
export const NO_AUTH_THROTTLE: AuthFailureGuard = {
  retryAfterSeconds: () => 0,
  recordFailure: () => undefined,
};
