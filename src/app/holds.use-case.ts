import { DomainError } from '../domain/errors.ts';
import type { HoldTarget, LegalHold } from '../domain/hold.ts';
import { actorOf, type Principal } from '../domain/principal.ts';
import type { HoldStore } from '../ports/hold-store.port.ts';
import { auditEventOf, type RequestContext } from './audit.ts';

export interface HoldDeps {
  holds: HoldStore;
}

/** `POST /v1/holds` as the input gate passed it: exactly one of file_id, customer_id, tenant. */
export interface PlaceHoldInput {
  file_id?: string;
  customer_id?: string;
  tenant?: boolean;
  reason: string;
}

function targetOf(input: PlaceHoldInput): HoldTarget {
  const given = [input.file_id !== undefined, input.customer_id !== undefined, input.tenant !== undefined].filter(Boolean).length;
  if (given !== 1 || input.tenant === false) {
    throw new DomainError('validation_failed', 'A hold covers exactly one of: file_id, customer_id, or tenant: true.', { details: { body: 'needs exactly one of file_id, customer_id, tenant: true' } });
  }
  if (input.file_id !== undefined) return { scope: 'file', fileId: input.file_id.toLowerCase() };
  if (input.customer_id !== undefined) return { scope: 'customer', customerId: input.customer_id };
  return { scope: 'tenant' };
}

const auditDetail = (hold: LegalHold) => ({ hold_id: hold.id, scope: hold.scope, file_id: hold.fileId, customer_id: hold.customerId, reason: hold.reason });

/** Place a legal hold; audited as `hold.place` with its scope and reason. */
export async function placeHold(deps: HoldDeps, principal: Principal, ctx: RequestContext, input: PlaceHoldInput): Promise<LegalHold> {
  const target = targetOf(input);
  const reason = input.reason.trim();
  if (reason === '') throw new DomainError('validation_failed', 'A hold needs a reason.', { details: { reason: 'must not be blank' } });
  return deps.holds.place({
    tenantId: principal.tenantId,
    target,
    reason,
    placedBy: actorOf(principal),
    audit: (hold) => auditEventOf(principal, ctx, 'hold.place', 'ok', hold.fileId ?? hold.id, auditDetail(hold)),
  });
}

/** Release a hold; audited as `hold.release`. Releasing twice answers the released hold again. */
export async function releaseHold(deps: HoldDeps, principal: Principal, ctx: RequestContext, holdId: string): Promise<LegalHold> {
  const hold = await deps.holds.release({
    tenantId: principal.tenantId,
    holdId: holdId.toLowerCase(),
    releasedBy: actorOf(principal),
    audit: (released) => auditEventOf(principal, ctx, 'hold.release', 'ok', released.fileId ?? released.id, auditDetail(released)),
  });
  if (!hold) throw new DomainError('hold_not_found');
  return hold;
}

export async function listHolds(deps: HoldDeps, principal: Principal, query: { active?: boolean }): Promise<LegalHold[]> {
  return deps.holds.list(principal.tenantId, { activeOnly: query.active === true });
}
