import { isStatusReason, type StatusReason } from '../domain/status-reasons.ts';
import type { JobOutcome } from '../ports/job-queue.port.ts';

/**
 * A refusal on policy grounds (encrypted, bomb, too many pages...): final for these bytes.
 * Only reasons of the one table count; anything else is treated as a fault.
 */
export function rejectionReason(error: unknown): StatusReason | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, reason } = error as { code?: unknown; reason?: unknown };
  return code === 'rejected' && isStatusReason(reason) ? reason : null;
}

/** A fault to retry, unless the error says it is not worth it. */
export function faultOutcome(error: unknown, fallbackReason: string): JobOutcome {
  const retryable = (error as { retryable?: unknown } | null)?.retryable;
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'failed', reason: `${fallbackReason}: ${message}`, retry: retryable !== false };
}
