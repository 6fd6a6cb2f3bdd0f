import type { AccessCodeRecord } from '../../src/domain/access-code.ts';
import type { AuditEvent } from '../../src/domain/audit.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { ShareConfirmation, ShareRecipient, ShareRecord } from '../../src/domain/share.ts';
import type { NewAccessCode } from '../../src/ports/access-code-store.port.ts';
import type { Database, Row, Transaction } from '../../src/ports/database.port.ts';
import type { NotificationTarget } from '../../src/ports/notifier.port.ts';
import type { ConfirmationClaim, ShareStore } from '../../src/ports/share-store.port.ts';
import * as codeSql from './access-code-store.queries.ts';
import { INSERT_EVENT } from './audit-log.queries.ts';
import { accessCodeRow } from './postgres.access-code-store.ts';
import { auditEventParams } from './postgres.audit-log.ts';
import * as sql from './share-store.queries.ts';
import { inTenant, isUuid, sqlErrorOf } from './tenant-scope.ts';

const UNIQUE_VIOLATION = '23505';

/** ShareStore on Postgres (server or PGlite): tables `shares`, `share_confirmations`, `tenant_webhooks` (migration 041). */
export class PostgresShareStore implements ShareStore {
  constructor(private readonly db: Database) {}

  async createConfirmation(c: ShareConfirmation & { tokenHash: string }): Promise<void> {
    if (!isUuid(c.tenantId)) throw new DomainError('tenant_not_found');
    await inTenant(this.db, c.tenantId, (tx) =>
      tx.query(sql.INSERT_CONFIRMATION, [c.id, c.tenantId, c.tokenHash, c.callKey, c.actor, c.fileId, c.versionId, JSON.stringify(c.recipient), c.expiresAt]));
  }

  async useConfirmation(claim: ConfirmationClaim, now: Date): Promise<ShareConfirmation | null> {
    if (!isUuid(claim.tenantId) || !isUuid(claim.fileId)) return null;
    return inTenant(this.db, claim.tenantId, (tx) => use(tx, claim, now));
  }

  async completeShare(
    claim: ConfirmationClaim,
    share: Omit<ShareRecord, 'fileId' | 'versionId' | 'recipient' | 'createdAt'>,
    code: Omit<NewAccessCode, 'subjectId' | 'tenantId' | 'kind'>,
    options: { now: Date; maxLive: number; audit: (share: ShareRecord) => AuditEvent },
  ): Promise<{ share: ShareRecord; code: AccessCodeRecord } | null> {
    if (!isUuid(claim.tenantId) || !isUuid(claim.fileId)) return null;
    try {
      return await inTenant(this.db, claim.tenantId, async (tx) => {
        const confirmation = await use(tx, claim, options.now);
        if (!confirmation) return null;
        await tx.query(codeSql.LOCK_TENANT_CODES, [claim.tenantId]);
        const { rows: counted } = await tx.query(codeSql.COUNT_LIVE, [claim.tenantId, options.now]);
        if (Number(counted[0]?.live ?? 0) >= options.maxLive) throw new DomainError('code_limit_reached', undefined, { details: { maxLive: options.maxLive } });
        const { rows } = await tx.query(sql.INSERT_SHARE, [
          share.id, claim.tenantId, confirmation.fileId, confirmation.versionId, JSON.stringify(confirmation.recipient), share.issuedBy, share.callKey, share.consent, options.now,
        ]);
        const stored = toShare(rows[0]);
        const { rows: codeRows } = await tx.query(codeSql.INSERT_CODE, [
          code.id, claim.tenantId, 'download', stored.id, code.codeHash, code.issuedBy, options.now, code.expiresAt, code.useLimit, code.attemptLimit,
        ]);
        await tx.query(INSERT_EVENT, auditEventParams(options.audit(stored)));
        return { share: stored, code: accessCodeRow(codeRows[0]) };
      });
    } catch (error) {
      if (sqlErrorOf(error).code === UNIQUE_VIOLATION) throw new DomainError('conflict', 'That code exists already.', { cause: error });
      throw error;
    }
  }

  async getShare(tenantId: string, id: string): Promise<ShareRecord | null> {
    if (!isUuid(tenantId) || !isUuid(id)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_SHARE, [tenantId, id]));
    return rows[0] ? toShare(rows[0]) : null;
  }

  async webhook(tenantId: string): Promise<NotificationTarget | null> {
    if (!isUuid(tenantId)) return null;
    const { rows } = await inTenant(this.db, tenantId, (tx) => tx.query(sql.SELECT_WEBHOOK, [tenantId]));
    return rows[0] ? { url: String(rows[0].url), secret: String(rows[0].secret) } : null;
  }

  async setWebhook(tenantId: string, target: NotificationTarget | null): Promise<void> {
    if (!isUuid(tenantId)) throw new DomainError('tenant_not_found');
    await inTenant(this.db, tenantId, (tx) => (target ? tx.query(sql.UPSERT_WEBHOOK, [tenantId, target.url, target.secret]) : tx.query(sql.DELETE_WEBHOOK, [tenantId])));
  }
}

async function use(tx: Transaction, claim: ConfirmationClaim, now: Date): Promise<ShareConfirmation | null> {
  const { rows } = await tx.query(sql.USE_CONFIRMATION, [claim.tenantId, claim.tokenHash, claim.callKey, claim.actor, claim.fileId, now]);
  const row = rows[0];
  if (!row) return null;
  return {
    id: String(row.id), tenantId: String(row.tenant_id), callKey: String(row.call_key), actor: String(row.actor), fileId: String(row.file_id),
    versionId: String(row.version_id), recipient: recipientOf(row.recipient), expiresAt: row.expires_at as Date,
  };
}

function recipientOf(value: unknown): ShareRecipient {
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown> | null;
  const out: ShareRecipient = {};
  for (const key of ['name', 'phone', 'email'] as const) if (typeof parsed?.[key] === 'string') out[key] = parsed[key] as string;
  return out;
}

function toShare(row: Row | undefined): ShareRecord {
  if (!row) throw new Error('expected a share row');
  return {
    id: String(row.id), tenantId: String(row.tenant_id), fileId: String(row.file_id), versionId: String(row.version_id), recipient: recipientOf(row.recipient),
    issuedBy: String(row.issued_by), callKey: String(row.call_key), consent: String(row.consent), createdAt: row.created_at as Date,
  };
}
