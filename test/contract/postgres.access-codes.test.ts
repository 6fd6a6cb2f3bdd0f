import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { PostgresAccessCodeStore } from '../../adapters/postgres/postgres.access-code-store.ts';
import { PostgresAttemptThrottle } from '../../adapters/postgres/postgres.attempt-throttle.ts';
import { PostgresAuditLog } from '../../adapters/postgres/postgres.audit-log.ts';
import { forEachEngine } from '../support/db.ts';
import { accessCodeStoreContract } from './access-code-store.contract.ts';

describe('PostgresAccessCodeStore and PostgresAttemptThrottle', async () => {
  await forEachEngine(import.meta.url, (ctx) => {
    accessCodeStoreContract(() => ({
      codes: new PostgresAccessCodeStore(ctx().db),
      throttle: new PostgresAttemptThrottle(ctx().db),
      audit: new PostgresAuditLog(ctx().db),
      async newTenant() {
        const slug = `t-${randomBytes(5).toString('hex')}`;
        const { rows } = await ctx().db.query("insert into tenants (slug, name, locale) values ($1, $1, 'en') returning id", [slug]);
        return String(rows[0]?.id);
      },
    }));
  });
});
