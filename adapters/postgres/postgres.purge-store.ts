import type { Database } from '../../src/ports/database.port.ts';
import type { PurgeBatch, PurgeStore } from '../../src/ports/purge-store.port.ts';
import * as sql from './purge-store.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** PurgeStore on Postgres (server or PGlite). */
export class PostgresPurgeStore implements PurgeStore {
  constructor(private readonly db: Database) {}

  async tenantsWithWork(limit: number): Promise<string[]> {
    const { rows } = await this.db.query(sql.TENANTS_WITH_WORK, [limit]);
    return rows.map((row) => String(row.tenant_id));
  }

  async dueFiles(tenantId: string, limit: number): Promise<string[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.DUE_FILES, [tenantId, limit]));
    return rows.map((row) => String(row.id));
  }

  async purgeFiles(tenantId: string, fileIds: readonly string[]): Promise<PurgeBatch> {
    const ids = fileIds.filter(isUuid);
    if (!isUuid(tenantId) || ids.length === 0) return { purged: [], blobKeys: [] };
    return inTenant(this.db, tenantId, async (tx) => {
      const locked = (await tx.query(sql.LOCK_DUE_FILES, [tenantId, ids])).rows.map((row) => String(row.id));
      if (locked.length === 0) return { purged: [], blobKeys: [] };
      const totals = new Map((await tx.query(sql.VERSION_TOTALS, [tenantId, locked])).rows.map((row) => [String(row.file_id), row]));
      const blobIds = (await tx.query(sql.DELETE_VERSIONS_AND_RELEASE_BLOBS, [tenantId, locked])).rows.map((row) => String(row.id));
      await tx.query(sql.DELETE_FILES, [tenantId, locked]);
      const blobKeys = blobIds.length > 0 ? (await tx.query(sql.DELETE_UNREFERENCED_BLOBS, [tenantId, blobIds])).rows.map((row) => String(row.storage_key)) : [];
      const purged = locked.map((fileId) => ({ fileId, versions: Number(totals.get(fileId)?.versions ?? 0), bytes: Number(totals.get(fileId)?.bytes ?? 0) }));
      await tx.query(sql.INSERT_PURGE_EVENTS, [tenantId, JSON.stringify(purged.map((p) => ({ file_id: p.fileId, versions: p.versions, bytes: p.bytes })))]);
      return { purged, blobKeys };
    });
  }

  async pendingBlobKeys(tenantId: string, limit: number): Promise<string[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.PENDING_BLOB_KEYS, [tenantId, limit]));
    return rows.map((row) => String(row.storage_key));
  }

  async forgetBlobKeys(tenantId: string, keys: readonly string[]): Promise<void> {
    if (!isUuid(tenantId) || keys.length === 0) return;
    await inTenant(this.db, tenantId, (tx) => tx.query(sql.FORGET_BLOB_KEYS, [tenantId, [...keys]]));
  }

  async expediteTrash(tenantId: string, audit: { actor: string; role: string; requestId: string | null }): Promise<{ due: number; held: number }> {
    if (!isUuid(tenantId)) return { due: 0, held: 0 };
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.EXPEDITE_TRASH, [tenantId, audit.actor, audit.role, audit.requestId]));
    return { due: Number(rows[0]?.due ?? 0), held: Number(rows[0]?.held ?? 0) };
  }

  async trashExpired(tenantId: string, limit: number): Promise<string[]> {
    if (!isUuid(tenantId)) return [];
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.TRASH_EXPIRED, [tenantId, limit]));
    return rows.map((row) => String(row.id));
  }
}
