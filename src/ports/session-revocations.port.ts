/**
 * Sessions revoked before their tokens expire. A session token is otherwise
 * valid until `exp`; verification asks here (through a short cache) as well.
 */
export interface SessionRevocations {
  /**
   * Revoke a session of a tenant until `until` (when its token is dead anyway, so the
   * record can go). Revoking twice is not an error.
   */
  revoke(tenantId: string, sessionId: string, until: Date): Promise<void>;
  /** Whether the tenant revoked this session. */
  isRevoked(tenantId: string, sessionId: string): Promise<boolean>;
}
