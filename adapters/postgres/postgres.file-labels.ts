import type { AuditEvent } from '../../src/domain/audit.ts';
import type { Category } from '../../src/domain/category.ts';
import type { FileRecord } from '../../src/domain/file.ts';
import type { Database } from '../../src/ports/database.port.ts';
import type { FileLabels } from '../../src/ports/file-labels.port.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import { toFile } from './catalog-rows.ts';
import * as sql from './file-labels.queries.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import { inTenant, isUuid } from './tenant-scope.ts';

/** FileLabels on Postgres (server or PGlite): `files.tags` and `files.category` (migration 056). */
export class PostgresFileLabels implements FileLabels {
  constructor(private readonly db: Database) {}

  async setTags(tenantId: string, fileId: string, tags: readonly string[], audit?: AuditEvent): Promise<FileRecord | null> {
    if (!isUuid(tenantId) || !isUuid(fileId)) return null;
    return inTenant(this.db, tenantId, async (tx) => {
      const { rows } = await tx.query(sql.SET_TAGS, [tenantId, fileId, [...tags]]);
      if (!rows[0]) return null;
      if (audit) await tx.query(INSERT_EVENT, auditEventParams(audit));
      return toFile(rows[0]);
    });
  }

  async setCategory(tenantId: string, fileId: string, category: Category | null): Promise<void> {
    if (!isUuid(tenantId) || !isUuid(fileId)) return;
    await inTenant(this.db, tenantId, (tx) => tx.query(sql.SET_CATEGORY, [tenantId, fileId, category]));
  }
}
