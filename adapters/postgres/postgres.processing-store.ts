import type { FileVersion, VersionStatus } from '../../src/domain/file.ts';
import type { Locale } from '../../src/domain/tenant.ts';
import type { Database } from '../../src/ports/database.port.ts';
import type { EventBus } from '../../src/ports/event-bus.port.ts';
import type { JobQueue } from '../../src/ports/job-queue.port.ts';
import type { CachedVerdict, ProcessingStore, VersionMove, VersionRef, VersionWork } from '../../src/ports/processing-store.port.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import { toFile, toVersion } from './catalog-rows.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import * as sql from './processing-store.queries.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

export interface ProcessingStoreLinks {
  /** The job queue in this same database: next jobs are sent on the move's transaction. */
  jobs: Required<Pick<JobQueue, 'sendInTransaction'>>;
  /** Where version events go, published with the move's commit. */
  events: Pick<EventBus, 'publishOnCommit'>;
}

/** ProcessingStore on Postgres (server or PGlite). */
export class PostgresProcessingStore implements ProcessingStore {
  constructor(
    private readonly db: Database,
    private readonly links: ProcessingStoreLinks,
  ) {}

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

  /**
   * One transaction, bound to the tenant: the compare-and-set update, the quarantine flag, the
   * audit row, the next job (pg-boss on this transaction) and the event (NOTIFY on it, or an
   * in-process emit after the commit). When the update matches nothing, nothing else is written.
   */
  async moveVersion(move: VersionMove): Promise<FileVersion | null> {
    const { tenantId, versionId } = move;
    if (!isUuid(tenantId) || !isUuid(versionId) || move.from.length === 0) return null;
    return inTenant(this.db, tenantId, async (tx) => {
      const { rows } = await tx.query(sql.MOVE_VERSION, [
        tenantId,
        versionId,
        [...move.from],
        move.to,
        move.reason !== undefined,
        move.reason ?? null,
        JSON.stringify(move.metadata ?? {}),
        move.text !== undefined,
        // Postgres text cannot hold NUL; extracted text from a hostile file might.
        move.text?.replace(/\u0000/g, '') ?? null,
      ]);
      if (!rows[0]) return null;
      const moved = toVersion(rows[0]);
      if (move.quarantine) await tx.query(sql.QUARANTINE_BLOB, [tenantId, move.quarantine.blobId, move.quarantine.reason]);
      await tx.query(INSERT_EVENT, auditEventParams(move.audit));
      if (move.nextJob) await this.links.jobs.sendInTransaction(tx, move.nextJob, { tenantId, versionId });
      await this.links.events.publishOnCommit(tx, move.event);
      return moved;
    });
  }

  async extractedText(tenantId: string, versionId: string, maxChars?: number): Promise<string> {
    if (!isUuid(tenantId) || !isUuid(versionId)) return '';
    const limit = maxChars === undefined ? null : Math.max(0, Math.min(Math.trunc(maxChars), 2 ** 31 - 1));
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_TEXT, [tenantId, versionId, limit]));
    return String(rows[0]?.text ?? '');
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

  async listInStates(states: readonly VersionStatus[], limit: number): Promise<VersionRef[]> {
    const { rows } = await this.db.query(sql.SELECT_IN_STATES, [[...states], limit]);
    return rows.map((row) => ({ tenantId: String(row.tenant_id), versionId: String(row.id), status: row.status as VersionStatus }));
  }
}
