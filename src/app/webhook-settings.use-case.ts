/** The tenant's webhook for share links (its own SMS or e-mail system delivers them), set with a tenant API key. */
import { DomainError } from '../domain/errors.ts';
import type { Principal } from '../domain/principal.ts';
import type { ShareStore } from '../ports/share-store.port.ts';
import { auditAction, type AuditLog, type RequestContext } from './audit.ts';

export interface WebhookSettingsDeps {
  shares: Pick<ShareStore, 'webhook' | 'setWebhook'>;
  audit: AuditLog;
}

/** Where share links go, never the secret. */
export async function getWebhook(deps: WebhookSettingsDeps, principal: Principal): Promise<{ url: string | null }> {
  const target = await deps.shares.webhook(principal.tenantId);
  return { url: target?.url ?? null };
}

/** Set the webhook (http or https; the notifier refuses private addresses when it sends). */
export async function setWebhook(deps: WebhookSettingsDeps, principal: Principal, ctx: RequestContext, input: { url: string; secret: string }): Promise<{ url: string }> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch (error) {
    throw new DomainError('validation_failed', 'url must be an http or https URL.', { cause: error });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw new DomainError('validation_failed', 'url must be an http or https URL without credentials.');
  await deps.shares.setWebhook(principal.tenantId, { url: url.toString(), secret: input.secret });
  await auditAction(deps.audit, principal, ctx, 'webhook.set', 'ok', url.origin);
  return { url: url.toString() };
}

export async function removeWebhook(deps: WebhookSettingsDeps, principal: Principal, ctx: RequestContext): Promise<void> {
  await deps.shares.setWebhook(principal.tenantId, null);
  await auditAction(deps.audit, principal, ctx, 'webhook.remove', 'ok');
}
