import { formatBytes, type QuotaWarning } from '../domain/quota.ts';
import type { Locale } from '../domain/tenant.ts';
import type { NotificationTarget, Notifier } from '../ports/notifier.port.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';

/** What telling a tenant's own systems about a quota warning needs. */
export interface QuotaWarningDeps {
  /** The tenant's webhook, if it configured one (the same as for share links). */
  webhook: (tenantId: string) => Promise<NotificationTarget | null>;
  notifier: Notifier;
  tenants: Pick<TenantStore, 'getTenant'>;
}

/** The sentence of a warning in the tenant's language. */
export function quotaWarningText(warning: QuotaWarning, locale: Locale): string {
  const used = warning.measure === 'bytes' ? formatBytes(warning.bytes) : String(warning.files);
  if (locale === 'de') {
    return warning.measure === 'bytes'
      ? `Speicherplatz zu ${warning.percent} % belegt (${used}). Bei 100 % werden keine Uploads mehr angenommen.`
      : `Dateikontingent zu ${warning.percent} % belegt (${used} Dateien). Bei 100 % werden keine neuen Dateien mehr angenommen.`;
  }
  return warning.measure === 'bytes'
    ? `Storage is ${warning.percent}% used (${used}). At 100% uploads are refused.`
    : `The file quota is ${warning.percent}% used (${used} files). At 100% new files are refused.`;
}

/**
 * Send a `quota.warning` notification to the tenant's webhook, when it has one. The message id
 * is the same for every retry of one crossing, so the receiver can drop duplicates. Never throws.
 */
export async function notifyQuotaWarning(deps: QuotaWarningDeps, tenantId: string, warning: QuotaWarning): Promise<{ delivered: boolean; reason?: string } | null> {
  try {
    const target = await deps.webhook(tenantId);
    if (!target) return null;
    const locale = (await deps.tenants.getTenant(tenantId))?.locale ?? 'en';
    return await deps.notifier.notify(target, {
      id: `quota-${tenantId}-${warning.measure}-${warning.percent}-${warning.at.getTime()}`,
      type: 'quota.warning',
      tenantId,
      occurredAt: warning.at,
      locale,
      recipient: {},
      text: quotaWarningText(warning, locale),
    });
  } catch (error) {
    return { delivered: false, reason: error instanceof Error ? error.message : 'error' };
  }
}
