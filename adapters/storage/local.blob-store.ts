import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../src/domain/errors.ts';
import type {
  BlobHead,
  BlobListing,
  BlobStore,
  BlobStoreCapabilities,
  ByteRange,
  DocumentSourceRequest,
  ModelDocumentSource,
  PresignDownloadOptions,
  PresignedUpload,
  PresignUploadOptions,
  PutOptions,
  VerifiedDownload,
  VerifiedUpload,
} from '../../src/ports/blob-store.port.ts';
import { systemClock, type Clock } from '../../src/ports/clock.port.ts';
import { attachmentDisposition } from './attachment-disposition.ts';
import { inlineLimit, readWithin, tooLargeForModel } from './document-source.ts';
import { signDownloadLink, verifyDownloadLink } from './local-download-link.ts';
import { signUploadLink, verifyUploadLink } from './local-upload-link.ts';

export interface LocalBlobStoreOptions {
  /** Directory holding the blobs; created on first write. */
  rootDir: string;
  /** Origin of our HTTP server, read at presign time (the port may be known only after listen). */
  publicBaseUrl: () => string;
  /** HMAC key for download links; at least 32 bytes. */
  signingKey: Buffer;
  /** Lifetime of download links when the caller gives none; default 900 s. */
  defaultExpirySeconds?: number;
  clock?: Clock;
}

const MAX_EXPIRY_SECONDS = 7 * 24 * 3600;
/** Blobs are readable by the service's user only, whatever the process umask. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Blobs as files under one directory: the embedded default. Writes land in
 * `.incoming/` and are renamed into place once complete and fsynced; content
 * types live in a parallel `.meta/` tree. Neither folder can clash with a key,
 * because no key segment may start with a dot. Download links are served by
 * our own HTTP server, which checks them with `verifyPresignedDownload`.
 * Files are created 0600 and directories 0700. A crash mid-write leaves a file in
 * `.incoming/`; `removeIncomplete` sweeps those.
 */
export class LocalBlobStore implements BlobStore {
  readonly capabilities: BlobStoreCapabilities = { presignedDownload: true, presignedPut: false, presignedPost: false, ranges: true, listing: true, selfServedUploads: true, incompleteCleanup: true, documentSource: { s3Location: false } };
  private readonly rootDir: string;
  private readonly options: LocalBlobStoreOptions;
  private readonly clock: Clock;

  constructor(options: LocalBlobStoreOptions) {
    if (options.signingKey.length < 32) throw new Error('LocalBlobStore needs a signing key of at least 32 bytes');
    this.rootDir = path.resolve(options.rootDir);
    this.options = options;
    this.clock = options.clock ?? systemClock;
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<{ size: number }> {
    const { signal } = options;
    const incoming = path.join(this.rootDir, '.incoming');
    const temp = path.join(incoming, randomUUID());
    try {
      const target = this.pathFor(key);
      signal?.throwIfAborted();
      await mkdir(incoming, { recursive: true, mode: DIR_MODE });
      const out = (await open(temp, 'wx', FILE_MODE)).createWriteStream({ flush: true });
      await pipeline(body, out, ...(signal ? [{ signal }] : []));
      signal?.throwIfAborted();
      await mkdir(path.dirname(target), { recursive: true, mode: DIR_MODE });
      await this.writeMeta(key, options.contentType, incoming);
      await rename(temp, target);
      // Best effort: the rename is durable once the directory is synced, but some filesystems refuse to sync one.
      await syncDirectory(path.dirname(target)).catch(() => undefined);
      return { size: out.bytesWritten };
    } catch (error) {
      await rm(temp, { force: true });
      body.destroy();
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const file = await open(this.pathFor(key), 'r').catch((error: unknown) => {
      throw isMissing(error) ? new DomainError('not_found') : error;
    });
    try {
      const info = await file.stat();
      if (!info.isFile()) throw new DomainError('not_found');
      const { size } = info;
      if (!range) return file.createReadStream();
      checkRange(range, size);
      return file.createReadStream({ start: range.start, end: range.end ?? size - 1 });
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  async head(key: string): Promise<BlobHead | null> {
    const info = await stat(this.pathFor(key)).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!info?.isFile()) return null;
    const meta: { contentType?: string } = await readFile(this.metaPathFor(key), 'utf8').then(
      (text) => JSON.parse(text) as { contentType?: string },
      (error: unknown) => {
        if (isMissing(error)) return {};
        throw error;
      },
    );
    return { size: info.size, contentType: meta.contentType, etag: `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"` };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathFor(key), { force: true });
    await rm(this.metaPathFor(key), { force: true });
  }

  async presignDownload(key: string, options: PresignDownloadOptions = {}): Promise<string> {
    this.pathFor(key);
    const seconds = options.expiresInSeconds ?? this.options.defaultExpirySeconds ?? 900;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRY_SECONDS) {
      throw new DomainError('bad_request', `A download link must last between 1 second and ${MAX_EXPIRY_SECONDS} seconds.`);
    }
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + seconds;
    const query = signDownloadLink({ key, expiresAt, fileName: options.fileName ?? null, contentType: options.contentType ?? null }, this.options.signingKey);
    return `${this.options.publicBaseUrl().replace(/\/+$/, '')}/v1/blobs?${query}`;
  }

  async verifyPresignedDownload(params: URLSearchParams): Promise<VerifiedDownload> {
    const link = verifyDownloadLink(params, this.options.signingKey, Math.floor(this.clock.now().getTime() / 1000));
    return { key: link.key, fileName: link.fileName, contentType: link.contentType, contentDisposition: link.fileName ? attachmentDisposition(link.fileName) : null };
  }

  /** The bytes inline (a model cannot reach local disk), refused above the inline limit before reading. */
  async documentSource(key: string, request: DocumentSourceRequest): Promise<ModelDocumentSource> {
    const limit = inlineLimit(request);
    const head = await this.head(key);
    if (!head) throw new DomainError('not_found');
    if (head.size > limit) throw tooLargeForModel(head.size, limit);
    return { bytes: await readWithin(await this.get(key), limit) };
  }

  /**
   * A signed upload link our own server takes (`PUT /v1/blobs/upload`), bound to the key, the
   * content type and a size bound that server enforces while it streams (so `maxBytes` and
   * `contentType` are required: a link without them would be a silent no-op).
   */
  async presignUpload(key: string, options: PresignUploadOptions = {}): Promise<PresignedUpload> {
    this.pathFor(key);
    if ((options.method ?? 'PUT') !== 'PUT') throw new Error('LocalBlobStore: only PUT upload links (selfServedUploads); a browser POST needs presignedPost');
    if (options.maxBytes === undefined || options.contentType === undefined) throw new Error('LocalBlobStore: an upload link needs maxBytes and contentType');
    const seconds = options.expiresInSeconds ?? this.options.defaultExpirySeconds ?? 900;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRY_SECONDS) throw new DomainError('bad_request', `An upload link must last between 1 second and ${MAX_EXPIRY_SECONDS} seconds.`);
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + seconds;
    const query = signUploadLink({ key, expiresAt, contentType: options.contentType, maxBytes: options.maxBytes }, this.options.signingKey);
    return { method: 'PUT', url: `${this.options.publicBaseUrl().replace(/\/+$/, '')}/v1/blobs/upload?${query}`, fields: { 'content-type': options.contentType }, expiresAt: new Date(expiresAt * 1000) };
  }

  async verifyPresignedUpload(params: URLSearchParams): Promise<VerifiedUpload> {
    const link = verifyUploadLink(params, this.options.signingKey, Math.floor(this.clock.now().getTime() / 1000));
    this.pathFor(link.key);
    return { key: link.key, contentType: link.contentType, maxBytes: link.maxBytes };
  }

  /** The file for a key. Keys come from `blobKeyFor`; this refuses anything that could leave rootDir anyway. */
  private pathFor(key: string): string {
    const segments = key.split('/');
    const unsafe =
      key.length > 1024 || key.includes('\\') || key.includes('\0') || segments.some((segment) => segment === '' || segment.startsWith('.'));
    if (unsafe) throw new DomainError('bad_request', 'The storage key is not valid.');
    return path.join(this.rootDir, ...segments);
  }

  private metaPathFor(key: string): string {
    return path.join(this.rootDir, '.meta', path.relative(this.rootDir, this.pathFor(key)));
  }

  private async writeMeta(key: string, contentType: string | undefined, incoming: string): Promise<void> {
    const target = this.metaPathFor(key);
    if (contentType === undefined) {
      await rm(target, { force: true });
      return;
    }
    const temp = path.join(incoming, `${randomUUID()}.meta`);
    await writeFile(temp, JSON.stringify({ contentType }), { flag: 'wx', flush: true, mode: FILE_MODE });
    await mkdir(path.dirname(target), { recursive: true, mode: DIR_MODE });
    await rename(temp, target);
  }

  async *list(prefix: string): AsyncIterable<BlobListing> {
    for await (const file of walk(this.rootDir)) {
      const key = path.relative(this.rootDir, file).split(path.sep).join('/');
      if (!key.startsWith(prefix)) continue;
      const info = await stat(file).catch(() => null);
      if (info?.isFile()) yield { key, size: info.size, modifiedAt: info.mtime };
    }
  }

  /** Temporary files in `.incoming/` older than `olderThan`, and content-type files whose blob is gone. */
  async removeIncomplete(olderThan: Date): Promise<number> {
    let removed = 0;
    const incoming = path.join(this.rootDir, '.incoming');
    for (const name of await readdir(incoming).catch(() => [] as string[])) {
      const file = path.join(incoming, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtime < olderThan) {
        await rm(file, { force: true, recursive: true });
        removed++;
      }
    }
    const metaRoot = path.join(this.rootDir, '.meta');
    for await (const meta of walk(metaRoot)) {
      const blob = path.join(this.rootDir, path.relative(metaRoot, meta));
      const [info, blobInfo] = await Promise.all([stat(meta).catch(() => null), stat(blob).catch(() => null)]);
      if (info && !blobInfo && info.mtime < olderThan) {
        await rm(meta, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

/** Every file under `dir`, skipping names that start with a dot (`.incoming`, `.meta`: no key segment may). */
async function* walk(dir: string): AsyncIterable<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Inclusive range inside the object, as the port defines it; anything else is the caller's mistake. */
function checkRange(range: ByteRange, size: number): void {
  const { start, end } = range;
  const valid = Number.isSafeInteger(start) && start >= 0 && start < size && (end === undefined || (Number.isSafeInteger(end) && end >= start && end < size));
  if (!valid) throw new DomainError('bad_request', `The byte range is outside the object (${size} bytes).`, { details: { size } });
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
