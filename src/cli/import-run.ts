import type { Visibility } from '../domain/file.ts';
import { uploadFile, type UploadedFile } from './file-api.ts';
import type { LocalFile } from './file-walk.ts';
import { ApiError, type ApiClient } from './http-client.ts';
import { FAILED_STATUSES, type ImportResult } from './import-report.ts';
import { createLimiter } from './limiter.ts';
import type { ImportProgress } from './progress.ts';
import { DEFAULT_RETRY, uploadKey, withRetries, type RetryPolicy } from './upload-retry.ts';
import { isSettled, waitUntilSettled, WaitTimeoutError, type WaitOptions } from './wait.ts';

export interface ImportOptions {
  /** The tenant's slug: part of each upload's idempotency key. */
  tenant: string;
  concurrency: number;
  /** Retries of uploads that failed on the way (a lost connection, a 5xx); default DEFAULT_RETRY. */
  retry?: RetryPolicy;
  customerId?: string;
  visibility?: Visibility;
  /** null: report the status the upload answered with. */
  wait: Pick<WaitOptions, 'pipeline' | 'deadline' | 'initialDelayMs'> | null;
  progress: ImportProgress;
}

/**
 * Upload every file, `concurrency` at a time, then (with `wait`) poll each until
 * it settles. Polling runs in its own pool, so waiting never holds up uploads.
 * Each upload carries an Idempotency-Key that stays the same across its retries,
 * so a retried upload is never stored twice. Results come back in the order of `files`.
 */
export async function importFiles(client: ApiClient, apiKey: string, files: LocalFile[], options: ImportOptions): Promise<ImportResult[]> {
  const uploads = createLimiter(options.concurrency);
  const polls = createLimiter(options.concurrency);
  const { progress, wait } = options;

  const importOne = async (file: LocalFile): Promise<ImportResult> => {
    let uploaded: UploadedFile;
    try {
      const idempotencyKey = uploadKey(client.baseUrl, options.tenant, file, options);
      uploaded = await uploads(() =>
        withRetries(
          () =>
            uploadFile(client, apiKey, file, {
              ...(options.customerId !== undefined ? { customerId: options.customerId } : {}),
              ...(options.visibility !== undefined ? { visibility: options.visibility } : {}),
              idempotencyKey,
              onBytes: (n) => progress.addBytes(n),
            }),
          options.retry ?? DEFAULT_RETRY,
        ),
      );
    } catch (error) {
      return failedUpload(file, error);
    }
    progress.uploaded();
    const result: ImportResult = {
      path: file.shown,
      size: file.size,
      ok: true,
      file_id: uploaded.file_id,
      version: uploaded.version,
      version_id: uploaded.version_id,
      status: uploaded.status,
      status_reason: null,
      deduplicated: uploaded.deduplicated,
      error: null,
    };
    if (wait !== null && !isSettled(uploaded.status, wait.pipeline)) {
      try {
        const view = await polls(() => waitUntilSettled(client, apiKey, uploaded.file_id, uploaded.status, wait));
        result.status = view.status;
        result.status_reason = view.status_reason;
      } catch (error) {
        if (error instanceof WaitTimeoutError) result.status = error.status;
        result.ok = false;
        result.error = errorOf(error, error instanceof WaitTimeoutError ? 'wait_timeout' : 'wait_failed');
      }
    }
    if (result.status !== null && FAILED_STATUSES.has(result.status)) {
      result.ok = false;
      result.error = { code: result.status, message: result.status_reason ?? `the file was ${result.status === 'failed' ? 'not processed' : result.status}` };
    }
    return result;
  };

  return Promise.all(
    files.map(async (file) => {
      const result = await importOne(file);
      progress.finished(result);
      return result;
    }),
  );
}

function failedUpload(file: LocalFile, error: unknown): ImportResult {
  return {
    path: file.shown,
    size: file.size,
    ok: false,
    file_id: null,
    version: null,
    version_id: null,
    status: null,
    status_reason: null,
    deduplicated: false,
    error: errorOf(error, 'upload_failed'),
  };
}

function errorOf(error: unknown, fallbackCode: string): { code: string; message: string } {
  if (error instanceof ApiError) return { code: error.code, message: error.message };
  return { code: fallbackCode, message: error instanceof Error ? error.message : String(error) };
}
