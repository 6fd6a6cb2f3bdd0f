import { setTimeout as sleep } from 'node:timers/promises';
import { TERMINAL_STATUSES, type VersionStatus } from '../domain/file.ts';
import { getFile, type FileView } from './file-api.ts';
import { ApiError, type ApiClient } from './http-client.ts';

/**
 * Whether a file has gone as far as it will. Without a pipeline (the server
 * says so on /health/ready) nothing moves a file on from `stored`.
 */
export function isSettled(status: VersionStatus, pipeline: boolean): boolean {
  return TERMINAL_STATUSES.has(status) || (!pipeline && status === 'stored');
}

/**
 * Ask the server whether it runs a processing pipeline (`/health/ready` says so
 * even when it answers 503); when it cannot say, assume it does.
 */
export async function serverRunsPipeline(client: ApiClient): Promise<boolean> {
  let ready: unknown;
  try {
    ready = await client.request<unknown>('GET', '/health/ready');
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    ready = error.body;
  }
  return (ready as { pipeline?: unknown } | undefined)?.pipeline !== false;
}

export interface WaitOptions {
  pipeline: boolean;
  /** Epoch ms after which waiting gives up. */
  deadline: number;
  /** First pause between polls; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** Waiting ran out of time; the file was last seen in `status`. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
  constructor(readonly status: VersionStatus) {
    super(`still ${status} when the wait timed out`);
  }
}

/**
 * Poll a file with backoff until it settles. Server faults and lost connections
 * are retried until the deadline; a client error (the file is gone) is not.
 */
export async function waitUntilSettled(client: ApiClient, apiKey: string, fileId: string, lastStatus: VersionStatus, options: WaitOptions): Promise<FileView> {
  let delay = options.initialDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 3000;
  let status = lastStatus;
  for (;;) {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) throw new WaitTimeoutError(status);
    await sleep(Math.min(delay, remaining));
    delay = Math.min(delay * 2, maxDelay);
    try {
      const view = await getFile(client, apiKey, fileId);
      status = view.status;
      if (isSettled(view.status, options.pipeline)) return view;
    } catch (error) {
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) throw error;
    }
  }
}
