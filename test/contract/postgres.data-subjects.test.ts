/**
 * DataSubjectStore (export listing, erasure with holds, audit redaction) on PGlite and on the
 * Postgres server, with the append-only audit trail still refusing every other change.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PostgresAuditLog } from '../../adapters/postgres/postgres.audit-log.ts';
import { PostgresDataSubjectStore } from '../../adapters/postgres/postgres.data-subject-store.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresHoldStore } from '../../adapters/postgres/postgres.hold-store.ts';
import { inTenant } from '../../adapters/postgres/tenant-scope.ts';
import type { AuditEvent } from '../../src/domain/audit.ts';
import type { Database } from '../../src/ports/database.port.ts';
import { forEachEngine } from '../support/db.ts';

async function newTenant(db: Database): Promise<string> {
  const { rows } = await db.query("insert into tenants (slug, name, locale) values ($1, $1, 'en') returning id", [`d-${randomBytes(5).toString('hex')}`]);
  return String(rows[0]?.id);
}

async function upload(db: Database, tenantId: string, customerId: string | null, content: string, fileId?: string) {
  const blobId = randomUUID();
  const audit = new PostgresAuditLog(db);
  const recorded = await new PostgresFileCatalog(db).recordIntake({
    tenantId, ...(fileId ? { fileId } : {}), name: 'Vertrag Müller.pdf', customerId, visibility: 'customer',
    blob: { id: blobId, sha256: createHash('sha256').update(content).digest('hex'), size: content.length, storageKey: `tenants/${tenantId}/blobs/${blobId}` },
    mimeType: 'application/pdf', extension: 'pdf', kind: 'document',
    audit: (r) => ({ tenantId, actor: 'key:k', role: 'api', callId: 'call-7', action: 'file.upload', target: r.file.id, outcome: 'ok', detail: { version: r.version.version, name: 'Vertrag Müller.pdf', customer_id: customerId } }),
  });
  void audit;
  return recorded;
}

const eraseEvent = (tenantId: string) => (): AuditEvent => ({ tenantId, actor: 'key:k', role: 'api', action: 'customer.erase', target: 'subject:x', outcome: 'ok', detail: { n: 1 } });

await forEachEngine(import.meta.url, (ctx) => {
  const events = async (tenantId: string) =>
    (await inTenant(ctx().db, tenantId, (tx) => tx.query('select action, target, call_id, detail from audit_events where tenant_id = $1 order by id', [tenantId]))).rows;

  describe('DataSubjectStore', () => {
    it('lists the live files of a customer with their current version and blob key', async () => {
      const { db } = ctx();
      const tenantId = await newTenant(db);
      const first = await upload(db, tenantId, 'c1', 'v1 bytes');
      await upload(db, tenantId, 'c1', 'v2 bytes!', first.file.id);
      await upload(db, tenantId, 'c2', 'other');
      const files = await new PostgresDataSubjectStore(db).customerFiles(tenantId, 'c1');
      expect(files).toEqual([expect.objectContaining({ fileId: first.file.id, version: 2, versionCount: 2, size: 9, sha256: createHash('sha256').update('v2 bytes!').digest('hex'), storageKey: expect.stringContaining(`tenants/${tenantId}/blobs/`), quarantined: false })]);
    });

    it('erases every file of the customer with versions and unshared blobs, redacts its audit events, and writes the erasure event', async () => {
      const { db } = ctx();
      const tenantId = await newTenant(db);
      const a = await upload(db, tenantId, 'c1', 'alpha');
      await upload(db, tenantId, 'c1', 'alpha 2', a.file.id);
      const shared = await upload(db, tenantId, 'c1', 'shared content');
      const other = await upload(db, tenantId, 'c2', 'shared content');
      await new PostgresAuditLog(db).append({ tenantId, actor: 'key:k', role: 'api', action: 'customer.export', target: 'c1', outcome: 'ok', detail: { files: 2 } });
      const result = await new PostgresDataSubjectStore(db).erase(tenantId, 'c1', eraseEvent(tenantId));
      expect(result.erasedFiles.sort()).toEqual([a.file.id, shared.file.id].sort());
      expect(result.heldFiles).toEqual([]);
      // alpha and alpha 2 had their own blobs; the shared content stays for c2's file.
      expect(result.orphanedBlobKeys).toHaveLength(2);
      expect(await new PostgresDataSubjectStore(db).customerFiles(tenantId, 'c1')).toEqual([]);
      expect(await new PostgresDataSubjectStore(db).customerFiles(tenantId, 'c2')).toHaveLength(1);
      const counts = (await inTenant(db, tenantId, (tx) => tx.query('select (select count(*) from file_versions where tenant_id = $1)::int as versions, (select count(*) from blobs where tenant_id = $1)::int as blobs, (select count(*) from blob_deletions where tenant_id = $1)::int as queued', [tenantId]))).rows[0];
      expect(counts).toEqual({ versions: 1, blobs: 1, queued: 2 });
      const trail = await events(tenantId);
      const about = (target: string) => trail.filter((e) => e.target === target);
      for (const e of [...about(a.file.id), ...about(shared.file.id)]) {
        expect(e.call_id).toBeNull();
        expect(e.detail).toMatchObject({ redacted: true, name: null, customer_id: null, version: expect.any(Number) });
      }
      expect(about('c1')).toEqual([]);
      expect(about('redacted')).toEqual([expect.objectContaining({ action: 'customer.export', detail: { files: 2, redacted: true } })]);
      expect(about(other.file.id)[0]?.detail).toMatchObject({ name: 'Vertrag Müller.pdf', customer_id: 'c2' });
      expect(trail.at(-1)).toMatchObject({ action: 'customer.erase', target: 'subject:x' });
      expect(result.redactedAuditEvents).toBe(about(a.file.id).length + about(shared.file.id).length + 1);
    });

    it('keeps what a hold covers and reports it; the customer id stays in the trail while something is held', async () => {
      const { db } = ctx();
      const tenantId = await newTenant(db);
      const kept = await upload(db, tenantId, 'c1', 'kept');
      const gone = await upload(db, tenantId, 'c1', 'gone');
      const hold = await new PostgresHoldStore(db).place({
        tenantId, target: { scope: 'file', fileId: kept.file.id }, reason: 'Case 12', placedBy: 'key:k',
        audit: (h) => ({ tenantId, actor: 'key:k', role: 'api', action: 'hold.place', target: h.id, outcome: 'ok' }),
      });
      const result = await new PostgresDataSubjectStore(db).erase(tenantId, 'c1', eraseEvent(tenantId));
      expect(result.erasedFiles).toEqual([gone.file.id]);
      expect(result.heldFiles).toEqual([{ fileId: kept.file.id, holdId: hold.id, reason: 'Case 12' }]);
      expect((await new PostgresDataSubjectStore(db).customerFiles(tenantId, 'c1')).map((f) => f.fileId)).toEqual([kept.file.id]);
      const trail = await events(tenantId);
      expect(trail.find((e) => e.target === kept.file.id)?.detail).toMatchObject({ name: 'Vertrag Müller.pdf' });
      expect(trail.find((e) => e.target === gone.file.id)?.detail).toMatchObject({ redacted: true, name: null });
    });

    it('takes the shares of erased files with their download codes and the audit events about them', async () => {
      const { db } = ctx();
      const tenantId = await newTenant(db);
      const file = await upload(db, tenantId, 'c1', 'shared by code');
      const shareId = randomUUID();
      await inTenant(db, tenantId, async (tx) => {
        await tx.query(`insert into shares (id, tenant_id, file_id, version_id, recipient, issued_by, call_key, consent) values ($1, $2, $3, $4, '{"phone": "+49 30 1234"}', 'key:k', 'call', 'ja, bitte')`, [shareId, tenantId, file.file.id, file.version.id]);
        await tx.query("insert into access_codes (id, tenant_id, kind, subject_id, code_hash, issued_by, expires_at, use_limit, attempt_limit) values ($1, $2, 'download', $3, $4, 'key:k', now() + interval '1 day', 1, 3)", [randomUUID(), tenantId, shareId, 'a'.repeat(64)]);
        await tx.query(`insert into audit_events (tenant_id, actor, role, action, target, outcome, detail) values ($1, 'key:k', 'api', 'share.create', $2, 'ok', '{"recipient": "+49 30 1234"}')`, [tenantId, shareId]);
      });
      const result = await new PostgresDataSubjectStore(db).erase(tenantId, 'c1', eraseEvent(tenantId));
      expect(result).toMatchObject({ erasedFiles: [file.file.id], removedShares: 1 });
      const left = (await inTenant(db, tenantId, (tx) => tx.query('select (select count(*) from shares where tenant_id = $1)::int as shares, (select count(*) from access_codes where tenant_id = $1)::int as codes', [tenantId]))).rows[0];
      expect(left).toEqual({ shares: 0, codes: 0 });
      expect((await events(tenantId)).find((e) => e.target === shareId)?.detail).toEqual({ recipient: null, redacted: true });
    });

    it('the audit trail stays append-only outside the redaction function', async () => {
      const { db } = ctx();
      const tenantId = await newTenant(db);
      await upload(db, tenantId, 'c1', 'x');
      await expect(inTenant(db, tenantId, (tx) => tx.query("update audit_events set detail = '{\"redacted\": true}', call_id = null where tenant_id = $1", [tenantId]))).rejects.toThrow(/append-only|permission/);
      await expect(inTenant(db, tenantId, (tx) => tx.query("select set_config('app.audit_redaction', 'on', true)").then(() => tx.query("update audit_events set action = 'forged', detail = '{\"redacted\": true}', call_id = null where tenant_id = $1", [tenantId])))).rejects.toThrow(/append-only|permission/);
      await expect(inTenant(db, tenantId, (tx) => tx.query('delete from audit_events where tenant_id = $1', [tenantId]))).rejects.toThrow(/append-only|permission/);
      const other = await newTenant(db);
      await expect(inTenant(db, other, (tx) => tx.query('select vf_redact_audit_events($1, $2::text[], null)', [tenantId, ['x']]))).rejects.toThrow(/not the bound tenant/);
    });
  });
});
