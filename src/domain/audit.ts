export type AuditOutcome = 'ok' | 'denied' | 'error';

/** One append-only audit record: who did what to which target, and how it ended. */
export interface AuditEvent {
  tenantId: string | null;
  actor: string;
  role: string;
  callId?: string | null;
  requestId?: string | null;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
}

export interface StoredAuditEvent extends AuditEvent {
  id: string;
  at: Date;
}
