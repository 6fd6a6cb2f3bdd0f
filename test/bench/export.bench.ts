/**
 * Export of one customer's 1 GiB across 100 files (issue 10): the streamed zip against copying
 * the same blobs out of the store one after another, both into a sink that discards, and the
 * process's peak RSS above its level before the export. In process, on PGlite and local disk.
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { YazlArchiveWriter } from '../../adapters/archive/yazl.archive-writer.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { PostgresAuditLog } from '../../adapters/postgres/postgres.audit-log.ts';
import { PostgresDataSubjectStore } from '../../adapters/postgres/postgres.data-subject-store.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { LocalBlobStore } from '../../adapters/storage/local.blob-store.ts';
import { exportCustomer } from '../../src/app/customer-export.use-case.ts';
import { blobKeyFor } from '../../src/ports/blob-store.port.ts';
import { now, processMemory, sampleRss } from './bench-kit.ts';

const FILES = Number(process.env.BENCH_EXPORT_FILES ?? 100);
const FILE_BYTES = Number(process.env.BENCH_EXPORT_FILE_MIB ?? 10.24) * 2 ** 20;

/** A sink that counts and drops. */
function counter(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

export async function benchExport(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-export-bench-'));
  const db = await PgliteDatabase.open();
  try {
    await migrate(db);
    const blobs = new LocalBlobStore({ rootDir: path.join(dir, 'blobs'), publicBaseUrl: () => 'http://127.0.0.1', signingKey: randomBytes(32) });
    const catalog = new PostgresFileCatalog(db);
    const { rows } = await db.query("insert into tenants (slug, name, locale) values ('bench-export', 'B', 'en') returning id");
    const tenantId = String(rows[0]?.id);
    const chunk = randomBytes(FILE_BYTES);
    const size = Math.round(FILE_BYTES);
    for (let i = 0; i < FILES; i++) {
      const body = Buffer.from(chunk.subarray(0, size));
      body.writeUInt32BE(i, 0); // distinct content: no deduplication
      const blobId = randomUUID();
      const storageKey = blobKeyFor(tenantId, blobId);
      await blobs.put(storageKey, Readable.from([body]), { contentType: 'application/pdf' });
      const recorded = await catalog.recordIntake({
        tenantId, name: `file-${i}.pdf`, customerId: 'bench-customer', visibility: 'customer',
        blob: { id: blobId, sha256: createHash('sha256').update(body).digest('hex'), size, storageKey },
        mimeType: 'application/pdf', extension: 'pdf', kind: 'document',
      });
      await db.query("select set_config('app.tenant_id', $1, false)", [tenantId]);
      await db.query("update file_versions set status = 'ready' where tenant_id = $1 and id = $2", [tenantId, recorded.version.id]);
      await db.query("select set_config('app.tenant_id', '', false)");
    }
    const subjects = new PostgresDataSubjectStore(db);
    const files = await subjects.customerFiles(tenantId, 'bench-customer');
    const total = files.reduce((sum, f) => sum + f.size, 0);

    // Warm both paths once (page cache, JIT), then measure each.
    const copy = async () => {
      const sink = counter();
      for (const file of files) await pipeline(await blobs.get(file.storageKey), new Writable({ write: (c: Buffer, _e, done) => { sink.bytes += c.length; done(); } }));
      return sink.bytes;
    };
    const principal = { kind: 'api_key' as const, tenantId, keyId: 'bench', locale: 'en' as const };
    const deps = { subjects, blobs, archive: new YazlArchiveWriter(), audit: new PostgresAuditLog(db) };
    const zip = async () => {
      const sink = counter();
      const { archive } = await exportCustomer(deps, principal, { requestId: 'bench' }, 'bench-customer');
      await pipeline(archive, sink);
      return sink.bytes;
    };
    await copy();
    await zip();
    const copyStart = now();
    const copied = await copy();
    const copySeconds = (now() - copyStart) / 1000;
    global.gc?.();
    const before = processMemory(process.pid).rss;
    const sampler = sampleRss(process.pid, 20);
    const zipStart = now();
    const zipped = await zip();
    const zipSeconds = (now() - zipStart) / 1000;
    const { max } = sampler.stop();
    return {
      files: files.length,
      'bytes exported': total,
      'zip bytes': zipped,
      'copy MiB/s': Math.round(copied / 2 ** 20 / copySeconds),
      'export MiB/s': Math.round(total / 2 ** 20 / zipSeconds),
      'export / copy throughput': Number((copySeconds / zipSeconds).toFixed(2)),
      'peak RSS during export (MiB)': Math.round(max / 2 ** 20),
      'RSS growth during export (MiB)': Math.round((max - before) / 2 ** 20),
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchExport());
