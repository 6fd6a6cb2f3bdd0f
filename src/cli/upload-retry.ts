import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalFile } from './file-walk.ts';
import { ApiError, ServerUnreachableError } from './http-client.ts';

/**
 * The Idempotency-Key of one file's upload: the same for every attempt, and for a
 * later run on the same server, tenant and unchanged file (same path, size and
 * modification time) with the same options, so a retried or repeated import within
 * the server's 24 hours stores nothing twice. A changed file gets a new key.
 */
export function uploadKey(server: string, tenant: string, file: LocalFile, options: { customerId?: string; visibility?: string }): string {
  const identity = JSON.stringify(['voicefiles-import-v1', server, tenant, file.path, file.size, Math.trunc(file.mtimeMs), options.customerId ?? null, options.visibility ?? null]);
  return `vfi-${createHash('sha256').update(identity).digest('base64url')}`;
}

/** Connection errors after the request may have started: worth one more try. */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNREFUSED']);

/** Whether an upload that failed this way may succeed if sent again (with its idempotency key). */
export function isTransient(error: unknown): boolean {
  if (error instanceof ServerUnreachableError) return true;
  if (error instanceof ApiError) return error.status >= 500 || error.status === 429 || error.code === 'idempotency_in_progress';
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && RESET_CODES.has(code);
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Pause before the second try; doubled before each further one. */
  firstDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, firstDelayMs: 500 };

/** Run `attempt` until it succeeds, fails for good, or the tries are used up; `onRetry` hears about each retry. */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy, onRetry?: (error: unknown, next: number) => void): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (tried >= policy.attempts || !isTransient(error)) throw error;
      onRetry?.(error, tried + 1);
      await sleep(policy.firstDelayMs * 2 ** (tried - 1));
    }
  }
}
