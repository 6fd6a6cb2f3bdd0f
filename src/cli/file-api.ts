import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { VersionStatus, Visibility } from '../domain/file.ts';
import type { LocalFile } from './file-walk.ts';
import type { ApiClient } from './http-client.ts';

/** Answer of `POST /v1/files`. */
export interface UploadedFile {
  file_id: string;
  version: number;
  version_id: string;
  status: VersionStatus;
  deduplicated: boolean;
}

/** A file as `GET /v1/files/<id>` and the listing return it. */
export interface FileView {
  file_id: string;
  name: string;
  title: string | null;
  customer_id: string | null;
  visibility: Visibility;
  version: number;
  version_id: string;
  status: VersionStatus;
  status_reason: string | null;
  size: number;
  mime_type: string;
  kind: string;
  version_count: number;
  created_at: string;
  updated_at: string;
}

export interface UploadOptions {
  customerId?: string;
  visibility?: Visibility;
  /** Sent as Idempotency-Key: a retry with the same key stores nothing twice. */
  idempotencyKey?: string;
  /** Called with the size of each chunk as fetch reads it from disk. */
  onBytes?: (bytes: number) => void;
}

/** Stream one file from disk to `POST /v1/files`; the file is never held in memory whole. */
export async function uploadFile(client: ApiClient, apiKey: string, file: LocalFile, options: UploadOptions = {}): Promise<UploadedFile> {
  const onBytes = options.onBytes;
  const source = Readable.toWeb(createReadStream(file.path)) as WebReadableStream<Uint8Array>;
  const counted = onBytes
    ? source.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            onBytes(chunk.byteLength);
            controller.enqueue(chunk);
          },
        }),
      )
    : source;
  return client.request<UploadedFile>('POST', '/v1/files', {
    auth: apiKey,
    ...(options.idempotencyKey ? { headers: { 'idempotency-key': options.idempotencyKey } } : {}),
    query: { name: file.name, customer_id: options.customerId, visibility: options.visibility },
    stream: { body: counted as unknown as ReadableStream<Uint8Array>, length: file.size, contentType: 'application/octet-stream' },
  });
}

/** One file's current state. */
export async function getFile(client: ApiClient, apiKey: string, fileId: string): Promise<FileView> {
  return client.request<FileView>('GET', `/v1/files/${encodeURIComponent(fileId)}`, { auth: apiKey });
}

/** Every file of the tenant, following `next_cursor` page by page. */
export async function listAllFiles(client: ApiClient, apiKey: string, pageSize = 100): Promise<FileView[]> {
  const files: FileView[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.request<{ files: FileView[]; next_cursor: string | null }>('GET', '/v1/files', {
      auth: apiKey,
      query: { limit: pageSize, cursor },
    });
    files.push(...page.files);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return files;
}
