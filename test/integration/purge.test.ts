/**
 * The purge on PGlite and the Postgres server, with blobs on local disk: what passed its trash
 * period goes (rows, text, search entries, bytes once unreferenced), what is held or shared
 * stays, each file leaves a content-free audit event, and a run that died halfway is finished by
 * the next one.
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresPurgeStore } from '../../adapters/postgres/postgres.purge-store.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { LocalBlobStore } from '../../adapters/storage/local.blob-store.ts';
import { runLifecycle } from '../../src/app/lifecycle.use-case.ts';
import { blobKeyFor } from '../../src/ports/blob-store.port.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { forEachEngine } from '../support/db.ts';

const rootDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-purge-'));
afterAll(() => rmSync(rootDir, { recursive: true, force: true }));
const blobs = new LocalBlobStore({ rootDir, publicBaseUrl: () => 'http://127.0.0.1', signingKey: randomBytes(32) });
const logger = pino({ level: 'silent' });

async function newTenant(db: Database, trashDays = 30): Promise<string> {
  const slug = `t-${randomBytes(5).toString('hex')}`;
  return String((await db.query("insert into tenants (slug, name, locale, trash_days) values ($1, $1, 'en', $2) returning id", [slug, trashDays])).rows[0]?.id);
}

/** A stored upload: bytes on disk and its catalog record (deduplicated like intake does). */
async function upload(db: Database, tenantId: string, content: string, fileId?: string): Promise<{ fileId: string; versionId: string; key: string }> {
  const blobId = randomUUID();
  const key = blobKeyFor(tenantId, blobId);
  await blobs.put(key, Readable.from([Buffer.from(content)]));
  const sha256 = createHash('sha256').update(content).digest('hex');
  const recorded = await new PostgresFileCatalog(db).recordIntake({
    tenantId, ...(fileId ? { fileId } : {}), name: 'Minutes.txt', customerId: 'cust-1', visibility: 'internal',
    blob: { id: blobId, sha256, size: content.length, storageKey: key }, mimeType: 'text/plain', extension: 'txt', kind: 'text',
  });
  if (recorded.deduplicated) await blobs.delete(key);
  const stored = String((await db.query('select storage_key from blobs where tenant_id = $1 and id = $2', [tenantId, recorded.version.blobId])).rows[0]?.storage_key);
  return { fileId: recorded.file.id, versionId: recorded.version.id, key: stored };
}

/** Trashed with its period already over. */
async function trashDue(db: Database, tenantId: string, fileId: string): Promise<void> {
  await db.query("update files set trashed_at = now() - interval '31 days', purge_after = now() - interval '1 day' where tenant_id = $1 and id = $2", [tenantId, fileId]);
}

const onDisk = (key: string) => existsSync(path.join(rootDir, key));

await forEachEngine(import.meta.url, (ctx) => {
  const deps = () => ({ store: new PostgresPurgeStore(ctx().db), blobs, logger, batchSize: 2 });

  describe('purge', () => {
    it('removes due files with versions, text, search entries and unshared bytes; keeps shared, held, undue and live files', async () => {
      const { db } = ctx();
      const tenantId = await newTenant(db);
      const doomed = await upload(db, tenantId, 'doomed v1');
      const doomedV2 = await upload(db, tenantId, 'shared content', doomed.fileId);
      const sharing = await upload(db, tenantId, 'shared content');
      const held = await upload(db, tenantId, 'held content');
      const notYet = await upload(db, tenantId, 'not yet due');
      const extra = await Promise.all([1, 2, 3].map((n) => upload(db, tenantId, `extra ${n}`)));
      await db.query("update file_versions set extracted_text = 'secret words' where tenant_id = $1", [tenantId]);
      await new PostgresSearchIndex(db).upsert({ tenantId, fileId: doomed.fileId, versionId: doomedV2.versionId, name: 'Minutes.txt', title: null, kind: 'text', mimeType: 'text/plain', customerId: null, visibility: 'internal', createdAt: new Date(), text: 'secret words' });
      for (const f of [doomed, held, ...extra]) await trashDue(db, tenantId, f.fileId);
      await db.query("update files set trashed_at = now(), purge_after = now() + interval '5 days' where id = $1", [notYet.fileId]);
      await db.query("insert into legal_holds (tenant_id, scope, file_id, reason, placed_by) values ($1, 'file', $2, 'case 7', 'key:k')", [tenantId, held.fileId]);

      const result = await runLifecycle(deps());
      expect(result).toMatchObject({ purgedFiles: 4, purgedVersions: 5, deletedBlobs: 4 });
      const files = (await db.query('select id from files where tenant_id = $1 order by created_at', [tenantId])).rows.map((r) => String(r.id));
      expect(files).toEqual([sharing.fileId, held.fileId, notYet.fileId]);
      expect((await db.query('select count(*)::int as n from file_versions where tenant_id = $1 and file_id = $2', [tenantId, doomed.fileId])).rows[0]?.n).toBe(0);
      expect((await db.query('select count(*)::int as n from search_entries where tenant_id = $1', [tenantId])).rows[0]?.n).toBe(0);
      expect(onDisk(doomed.key)).toBe(false);
      for (const f of extra) expect(onDisk(f.key)).toBe(false);
      // The content doomed v2 shared with a live file stays, with one reference left.
      expect(onDisk(sharing.key)).toBe(true);
      expect((await db.query('select ref_count from blobs where tenant_id = $1 and storage_key = $2', [tenantId, sharing.key])).rows[0]?.ref_count).toBe(1);
      expect(onDisk(held.key) && onDisk(notYet.key)).toBe(true);
      const events = (await db.query("select target, actor, detail from audit_events where tenant_id = $1 and action = 'file.purge' order by id", [tenantId])).rows;
      expect(events.map((e) => e.target).sort()).toEqual([doomed.fileId, ...extra.map((f) => f.fileId)].sort());
      expect(events.find((e) => e.target === doomed.fileId)).toMatchObject({ actor: 'lifecycle', detail: { versions: 2, bytes: 'doomed v1'.length + 'shared content'.length } });
      expect(JSON.stringify(events)).not.toMatch(/Minutes|secret|cust-1/);
      // Idempotent: nothing left to do.
      expect(await runLifecycle(deps())).toMatchObject({ purgedFiles: 0, deletedBlobs: 0 });
      // Released, the held file goes on the next run.
      await db.query("update legal_holds set released_at = now(), released_by = 'key:k' where tenant_id = $1", [tenantId]);
      expect(await runLifecycle(deps())).toMatchObject({ purgedFiles: 1, deletedBlobs: 1 });
      expect(onDisk(held.key)).toBe(false);
    });

    it('a tenant-wide or customer hold keeps the whole trash; other tenants are not touched', async () => {
      const { db } = ctx();
      const [a, b] = [await newTenant(db), await newTenant(db)];
      const inA = await upload(db, a, 'a content');
      const inB = await upload(db, b, 'b content');
      await trashDue(db, a, inA.fileId);
      await trashDue(db, b, inB.fileId);
      await db.query("insert into legal_holds (tenant_id, scope, reason, placed_by) values ($1, 'tenant', 'audit', 'key:k')", [a]);
      await db.query("insert into legal_holds (tenant_id, scope, customer_id, reason, placed_by) values ($1, 'customer', 'cust-1', 'claim', 'key:k')", [b]);
      await runLifecycle(deps());
      expect(onDisk(inA.key) && onDisk(inB.key)).toBe(true);
      expect((await db.query('select count(*)::int as n from files where id = any($1::uuid[])', [[inA.fileId, inB.fileId]])).rows[0]?.n).toBe(2);
    });

    it('finishes what a run that died after its commit left: queued keys are deleted and forgotten', async () => {
      const { db } = ctx();
      const tenantId = await newTenant(db);
      const f = await upload(db, tenantId, 'interrupted');
      await trashDue(db, tenantId, f.fileId);
      // The purge transaction committed, then the process died before deleting the bytes.
      const store = new PostgresPurgeStore(db);
      const batch = await store.purgeFiles(tenantId, [f.fileId]);
      expect(batch.blobKeys).toEqual([f.key]);
      expect(onDisk(f.key)).toBe(true);
      expect(await store.tenantsWithWork(100)).toContain(tenantId);
      expect(await runLifecycle(deps())).toMatchObject({ deletedBlobs: 1 });
      expect(onDisk(f.key)).toBe(false);
      expect(await store.pendingBlobKeys(tenantId, 10)).toEqual([]);
    });

    it('an upload of the same content after its blob was purged gets a blob of its own', async () => {
      const { db } = ctx();
      const tenantId = await newTenant(db);
      const first = await upload(db, tenantId, 'same bytes again');
      await trashDue(db, tenantId, first.fileId);
      const store = new PostgresPurgeStore(db);
      await store.purgeFiles(tenantId, [first.fileId]);
      const again = await upload(db, tenantId, 'same bytes again');
      expect(again.key).not.toBe(first.key);
      await runLifecycle(deps());
      expect(onDisk(first.key)).toBe(false);
      expect(onDisk(again.key)).toBe(true);
    });
  });
});
