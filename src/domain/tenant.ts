import type { TenantQuota } from './quota.ts';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  locale: Locale;
  createdAt: Date;
  /** Byte and file-count limits (null: none). */
  quota: TenantQuota;
  /** How many days a deleted file stays in the trash, restorable, before it is purged. */
  trashDays: number;
}

/** Settings an administrator can change after creation (`PATCH /v1/tenants/<slug>`); absent: unchanged. */
export interface TenantSettings {
  quotaBytes?: number | null;
  quotaFiles?: number | null;
  trashDays?: number;
}

/** Tenant slugs: lower-case letters, digits and single hyphens, 2 to 63 characters. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,62}$/;
