import { describe, expect, it } from 'vitest';
import { visibilityFilterFor } from '../../../src/domain/access.ts';
import type { CallerIdentity, Principal } from '../../../src/domain/principal.ts';

const tenantId = '5b1d3c2a-0000-4000-8000-000000000001';
const session = (caller: CallerIdentity, role: 'caller' | 'staff' = 'caller'): Principal => ({
  kind: 'session', tenantId, sessionId: 's', role, scopes: ['read'], caller, locale: 'en', expiresAt: new Date(Date.now() + 60_000),
});

describe('which files a principal sees', () => {
  it('an API key and staff see everything in their tenant', () => {
    expect(visibilityFilterFor({ kind: 'api_key', tenantId, keyId: 'k', locale: 'en' })).toEqual({ tenantId, customerScope: null });
    expect(visibilityFilterFor(session({}, 'staff'))).toEqual({ tenantId, customerScope: null });
  });

  it('a verified caller sees the customer files of their customer id', () => {
    expect(visibilityFilterFor(session({ customerId: 'C-4471', verified: true }))).toEqual({ tenantId, customerScope: { customerId: 'C-4471' } });
  });

  it.each([
    ['verified: false', { customerId: 'C-4471', verified: false }],
    ['verified absent', { customerId: 'C-4471' }],
  ])('a caller whose identity was not verified (%s) sees public files only, whatever customer id they claim', (_what, caller) => {
    expect(visibilityFilterFor(session(caller))).toEqual({ tenantId, customerScope: { customerId: null } });
  });
});
