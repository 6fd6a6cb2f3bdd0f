/**
 * A caller who claims a customer id without the tenant having verified it sees none of that
 * customer's files, on PGlite and on the PostgreSQL server, through the catalog and the search
 * index as the find and describe use cases ask them.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import { findFiles } from '../../src/app/find.use-case.ts';
import { getFile } from '../../src/app/files.use-case.ts';
import type { CallerIdentity, Principal } from '../../src/domain/principal.ts';
import { forEachEngine } from '../support/db.ts';

await forEachEngine(import.meta.url, (ctx) => {
  let tenantId = '';
  const ids: Record<'contract' | 'brochure', string> = { contract: '', brochure: '' };

  beforeAll(async () => {
    const { db } = ctx();
    const { rows } = await db.query("insert into tenants (slug, name, locale) values ($1, 'Acme', 'en') returning id", [`acme-${randomBytes(3).toString('hex')}`]);
    tenantId = String(rows[0]?.id);
    const catalog = new PostgresFileCatalog(db);
    const search = new PostgresSearchIndex(db);
    for (const [key, name, visibility, customerId] of [
      ['contract', 'Mortgage contract Schmidt.pdf', 'customer', 'C-4471'],
      ['brochure', 'Mortgage brochure.pdf', 'public', null],
    ] as const) {
      const blobId = randomUUID();
      const { file, version } = await catalog.recordIntake({
        tenantId, name, customerId, visibility,
        blob: { id: blobId, sha256: randomBytes(32).toString('hex'), size: 10, storageKey: `tenants/${tenantId}/blobs/${blobId}` },
        mimeType: 'application/pdf', extension: 'pdf', kind: 'document',
      });
      await search.upsert({ tenantId, fileId: file.id, versionId: version.id, name, title: null, kind: 'document', mimeType: 'application/pdf', customerId, visibility, createdAt: file.createdAt, text: 'mortgage' });
      ids[key] = file.id;
    }
  });

  const caller = (identity: CallerIdentity): Principal => ({
    kind: 'session', tenantId, sessionId: 's', role: 'caller', scopes: ['read'], caller: identity, locale: 'en', expiresAt: new Date(Date.now() + 60_000),
  });
  const deps = () => ({ search: new PostgresSearchIndex(ctx().db), catalog: new PostgresFileCatalog(ctx().db) });
  const found = async (principal: Principal) => (await findFiles(deps(), principal, { query: 'mortgage', limit: 5 })).results.map((r) => r.detail.file.id).sort();

  it('a verified caller finds and opens their own customer file', async () => {
    const verified = caller({ customerId: 'C-4471', verified: true });
    expect(await found(verified)).toEqual([ids.contract, ids.brochure].sort());
    expect((await getFile(deps(), verified, ids.contract)).file.id).toBe(ids.contract);
  });

  it.each([
    ['verified: false', { customerId: 'C-4471', verified: false }],
    ['no verification at all', { customerId: 'C-4471' }],
  ])('a caller who only claims the customer id (%s) finds the public file alone and cannot open the customer file', async (_what, identity) => {
    const claimed = caller(identity);
    expect(await found(claimed)).toEqual([ids.brochure]);
    await expect(getFile(deps(), claimed, ids.contract)).rejects.toMatchObject({ code: 'file_not_found' });
  });

  it('a customer filter narrows what the session may already see and never widens it', async () => {
    const byCustomer = async (principal: Principal, customerId: string) =>
      (await findFiles(deps(), principal, { query: 'mortgage', limit: 5, customerId })).results.map((r) => r.detail.file.id);
    const staff: Principal = { kind: 'session', tenantId, sessionId: 's', role: 'staff', scopes: ['read'], caller: {}, locale: 'en', expiresAt: new Date(Date.now() + 60_000) };
    expect(await byCustomer(staff, 'C-4471')).toEqual([ids.contract]);
    expect(await byCustomer(caller({ customerId: 'C-9999', verified: true }), 'C-4471')).toEqual([]);
    expect(await byCustomer(caller({ customerId: 'C-4471' }), 'C-4471')).toEqual([]);
  });
});
