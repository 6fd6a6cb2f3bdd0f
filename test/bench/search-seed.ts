/**
 * Writing a benchmark corpus fast: the catalog rows (blobs, files, ready versions with their
 * extracted text) in bulk SQL, as the pipeline would have left them, then the search documents
 * through the real adapter's upsert (so index changes are picked up), several at a time.
 */
import { createHash, randomUUID } from 'node:crypto';
import { classifyCategory } from '../../src/domain/category.ts';
import type { FileRecord, FileVersion } from '../../src/domain/file.ts';
import type { Database } from '../../src/ports/database.port.ts';
import type { SearchIndex } from '../../src/ports/search-index.port.ts';
import { blobKeyFor } from '../../src/ports/blob-store.port.ts';
import { indexFileVersion } from '../../src/app/index-file.ts';
import { mapLimit } from './bench-kit.ts';
import type { BenchDoc, Language } from './search-corpus.ts';

export interface CatalogRow {
  file: FileRecord;
  version: FileVersion;
  text: string;
}

const CHUNK = 500;

/** A tenant row written directly (no API key): for corpora that are only searched in-process. */
export async function insertTenant(db: Database, slug: string, language: Language): Promise<string> {
  const id = randomUUID();
  await db.query('insert into tenants (id, slug, name, locale) values ($1, $2, $3, $4)', [id, slug, slug, language]);
  return id;
}

/** The catalog rows of `docs` for a tenant, built in memory (ids, hashes, category). */
export function catalogRows(tenantId: string, docs: readonly BenchDoc[]): CatalogRow[] {
  return docs.map((doc) => {
    const fileId = randomUUID();
    const blobId = randomUUID();
    const size = Buffer.byteLength(doc.text);
    const file: FileRecord = {
      id: fileId, tenantId, name: doc.name, title: null, customerId: null, visibility: doc.visibility, currentVersion: 1,
      createdAt: doc.createdAt, updatedAt: doc.createdAt, tags: [], category: classifyCategory({ name: doc.name, kind: doc.kind, text: doc.text }),
    };
    const version: FileVersion = {
      id: randomUUID(), tenantId, fileId, version: 1, blobId, sha256: createHash('sha256').update(doc.text).digest('hex'), size,
      mimeType: doc.mime, extension: doc.extension, kind: doc.kind, status: 'ready', statusReason: null, createdAt: doc.createdAt,
      metadata: doc.kind === 'audio' ? { durationSeconds: 60 + (size % 900) } : doc.kind === 'document' ? { pages: 1 + Math.floor(size / 2500) } : {},
    };
    return { file, version, text: doc.text };
  });
}

/** Insert catalog rows in bulk (unnest of arrays, 500 rows a statement); resolves to the milliseconds it took. */
export async function insertCatalogRows(db: Database, rows: readonly CatalogRow[]): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    const col = <T>(get: (row: CatalogRow) => T) => chunk.map(get);
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into blobs (id, tenant_id, sha256, size, storage_key)
         select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::text[])`,
        [col((r) => r.version.blobId), col((r) => r.file.tenantId), col((r) => r.version.sha256), col((r) => r.version.size), col((r) => blobKeyFor(r.file.tenantId, r.version.blobId))],
      );
      await tx.query(
        `insert into files (id, tenant_id, name, visibility, created_at, updated_at, category)
         select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::text[])`,
        [col((r) => r.file.id), col((r) => r.file.tenantId), col((r) => r.file.name), col((r) => r.file.visibility), col((r) => r.file.createdAt), col((r) => r.file.updatedAt), col((r) => r.file.category ?? null)],
      );
      await tx.query(
        `insert into file_versions (id, tenant_id, file_id, version, blob_id, sha256, size, mime_type, extension, kind, status, metadata, extracted_text, created_at)
         select id, tenant_id, file_id, 1, blob_id, sha256, size, mime_type, extension, kind, 'ready', metadata, extracted_text, created_at
         from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::timestamptz[])
           as t (id, tenant_id, file_id, blob_id, sha256, size, mime_type, extension, kind, metadata, extracted_text, created_at)`,
        [
          col((r) => r.version.id), col((r) => r.file.tenantId), col((r) => r.file.id), col((r) => r.version.blobId), col((r) => r.version.sha256), col((r) => r.version.size),
          col((r) => r.version.mimeType), col((r) => r.version.extension), col((r) => r.version.kind), col((r) => JSON.stringify(r.version.metadata)), col((r) => r.text), col((r) => r.version.createdAt),
        ],
      );
    });
  }
  return performance.now() - started;
}

/**
 * Index rows through the adapter, `concurrency` at a time (a pool overlaps them; PGlite runs
 * them in turn); `onProgress` every 1,000. Resolves to the milliseconds it took.
 */
export async function indexRows(search: SearchIndex, rows: readonly CatalogRow[], language: Language, concurrency: number, onProgress?: (done: number) => void): Promise<number> {
  const started = performance.now();
  let done = 0;
  await mapLimit(rows, concurrency, async (row) => {
    await indexFileVersion(search, row.file, row.version, row.text, { locale: language });
    if (++done % 1000 === 0) onProgress?.(done);
  });
  return performance.now() - started;
}
