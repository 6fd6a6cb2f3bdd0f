/**
 * Access probes on the relevance set: every other spoken query is also run where its files must
 * not be seen, in the other tenant or in a customer session (a verified customer, another
 * customer, an unverified caller) in turn; the tenant's private words are searched from outside, and find's customer_id is asked for a customer the
 * session is not. Every hit a session may not see is a leak. A customer finding its own file by
 * its own word keeps the probes from passing by finding nothing at all.
 */
import type { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';
import type { VisibilityFilter } from '../../src/domain/access.ts';
import type { SearchHit } from '../../src/ports/search-index.port.ts';
import type { Locale, TenantSpec } from './corpus-types.ts';
import type { ExtractedFile } from './extract-corpus.ts';
import { searchAs } from './spoken-search.ts';

export interface IndexedTenant {
  tenantId: string;
  locale: Locale;
  /** By file id. */
  files: Map<string, ExtractedFile>;
  spec: TenantSpec;
}

const CUSTOMER_SCOPES: ReadonlyArray<VisibilityFilter['customerScope']> = [{ customerId: 'cust-hooli' }, { customerId: 'cust-vandelay' }, { customerId: null }];

/** Whether a session with `scope` may see `file` (the rule of domain/access: public, or its own customer's customer-visible files). */
function visibleTo(file: ExtractedFile, scope: VisibilityFilter['customerScope']): boolean {
  if (scope === null) return true;
  const visibility = file.spec.visibility ?? 'internal';
  return visibility === 'public' || (visibility === 'customer' && scope.customerId !== null && file.spec.customerId === scope.customerId);
}

const phraseIn = (file: ExtractedFile | undefined, phrase: string) => file !== undefined && `${file.spec.name} ${file.text}`.toLowerCase().includes(phrase);

/** Hits the session (tenant, customer scope) may see: its own tenant's files, within its scope. */
const ownOf = (tenant: IndexedTenant, scope: VisibilityFilter['customerScope']) => (hit: SearchHit) => {
  const file = tenant.files.get(hit.fileId);
  return file !== undefined && visibleTo(file, scope);
};

export async function checkAccess(index: PostgresSearchIndex, tenants: IndexedTenant[], customerWords: Record<Locale, Array<[string, string]>>): Promise<{ probes: number; leaks: string[] }> {
  const leaks: string[] = [];
  let probes = 0;
  const probe = async (label: string, text: string, tenant: IndexedTenant, scope: VisibilityFilter['customerScope'], allowed: (hit: SearchHit) => boolean, customerId?: string) => {
    probes += 1;
    const hits = await searchAs(index, text, tenant.locale, { tenantId: tenant.tenantId, customerScope: scope }, customerId);
    for (const hit of hits) if (!allowed(hit)) leaks.push(`${label}: "${text}" returned ${tenant.files.get(hit.fileId)?.spec.name ?? `a file of another tenant (${hit.fileId})`}`);
    return hits;
  };
  for (const tenant of tenants) {
    const own = (scope: VisibilityFilter['customerScope']) => ownOf(tenant, scope);
    // Every other query of the tenant once in a session that must not see its files: the other
    // tenant's staff, or one of the customer sessions, in turn (all of them would double the
    // test's time for little: the filter is the same SQL for every query).
    const others = tenants.filter((t) => t !== tenant);
    for (const [i, q] of tenant.spec.queries.entries()) {
      if (i % 2 === 1) continue;
      if (i % 4 === 0) {
        for (const other of others) await probe(`tenant ${other.locale} asked tenant ${tenant.locale}'s query`, q.query, other, null, ownOf(other, null));
      } else {
        const scope = CUSTOMER_SCOPES[(i >> 2) % CUSTOMER_SCOPES.length]!;
        await probe(`customer session ${scope?.customerId ?? 'unverified'}`, q.query, tenant, scope, ownOf(tenant, scope));
      }
    }
    for (const other of others) for (const word of tenant.spec.privateWords) await probe(`tenant ${other.locale} asked tenant ${tenant.locale}'s private word`, word, other, null, ownOf(other, null));
    for (const word of tenant.spec.privateWords) {
      const hits = await probe('staff session asked its own private word', word, tenant, null, own(null));
      if (!hits.some((hit) => phraseIn(tenant.files.get(hit.fileId), word))) leaks.push(`staff of ${tenant.locale} did not find its own file by "${word}" (the probes would pass vacuously)`);
      for (const scope of CUSTOMER_SCOPES) await probe(`customer session ${scope?.customerId ?? 'unverified'} asked an internal word`, word, tenant, scope, own(scope));
    }
    for (const [customer, word] of customerWords[tenant.locale]) {
      for (const scope of CUSTOMER_SCOPES) {
        const hits = await probe(`customer session ${scope?.customerId ?? 'unverified'} asked ${customer}'s word`, word, tenant, scope, own(scope));
        const mine = scope?.customerId === customer;
        if (mine && tenant.files.get(hits[0]?.fileId ?? '')?.spec.customerId !== customer) leaks.push(`customer ${customer} did not find its own file by "${word}" (the probes would pass vacuously)`);
        // find's customer_id narrows, never widens: asking for this customer from another customer's session finds none of its files.
        if (!mine && scope?.customerId) await probe(`customer session ${scope.customerId} asked for customer_id ${customer}`, word, tenant, scope, () => false, customer);
      }
    }
  }
  return { probes, leaks };
}
