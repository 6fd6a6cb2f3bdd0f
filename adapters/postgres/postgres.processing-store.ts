import type { FileVersion, VersionStatus } from '../../src/domain/file.ts';
import type { Locale } from '../../src/domain/tenant.ts';
import type { Database } from '../../src/ports/database.port.ts';
import type { CachedVerdict, ProcessingStore, VersionChange, VersionWork } from '../../src/ports/processing-store.port.ts';
import { toFile, toVersion } from './catalog-rows.ts';
import * as sql from './processing-store.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** ProcessingStore on Postgres (server or PGlite). */
export class PostgresProcessingStore implements ProcessingStore {
  constructor(private readonly db: Database) {}

  async loadVersion(tenantId: string, versionId: string): Promise<VersionWork | null> {
    if (!isUuid(tenantId) || !isUuid(versionId)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_WORK, [tenantId, versionId]));
    const row = rows[0];
    if (!row) return null;
    return {
      file: toFile(row),
      version: toVersion(row, 'v_'),
      storageKey: String(row.storage_key),
      quarantined: row.quarantined === true,
      locale: row.locale as Locale,
    };
  }

  async advance(tenantId: string, versionId: string, change: VersionChange): Promise<FileVersion | null> {
    if (!isUuid(tenantId) || !isUuid(versionId) || change.from.length === 0) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) =>
      tx.query(sql.ADVANCE_VERSION, [
        tenantId,
        versionId,
        [...change.from],
        change.to,
        change.reason !== undefined,
        change.reason ?? null,
        JSON.stringify(change.metadata ?? {}),
        change.text !== undefined,
        // Postgres text cannot hold NUL; extracted text from a hostile file might.
        change.text?.replace(/\u0000/g, '') ?? null,
      ]),
    );
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async extractedText(tenantId: string, versionId: string): Promise<string> {
    if (!isUuid(tenantId) || !isUuid(versionId)) return '';
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_TEXT, [tenantId, versionId]));
    return String(rows[0]?.text ?? '');
  }

  async quarantineBlob(tenantId: string, blobId: string, signature: string): Promise<void> {
    await inTenant(this.db, tenantId, (tx) => tx.query(sql.QUARANTINE_BLOB, [tenantId, blobId, signature]));
  }

  async cachedScan(tenantId: string, sha256: string, signatureVersion: string): Promise<CachedVerdict | null> {
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_SCAN, [tenantId, sha256, signatureVersion]));
    const row = rows[0];
    if (!row) return null;
    return row.verdict === 'infected' ? { verdict: 'infected', signature: String(row.signature) } : { verdict: 'clean' };
  }

  async rememberScan(tenantId: string, sha256: string, signatureVersion: string, verdict: CachedVerdict): Promise<void> {
    await inTenant(this.db, tenantId, (tx) =>
      tx.query(sql.UPSERT_SCAN, [tenantId, sha256, signatureVersion, verdict.verdict, verdict.verdict === 'infected' ? verdict.signature : null]),
    );
  }

  async listUnfinished(limit: number): Promise<Array<{ tenantId: string; versionId: string; status: VersionStatus }>> {
    const { rows } = await this.db.query(sql.SELECT_UNFINISHED, [limit]);
    return rows.map((row) => ({ tenantId: String(row.tenant_id), versionId: String(row.id), status: row.status as VersionStatus }));
  }
}
