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
  /** IANA time zone of the tenant's calendar ("yesterday", "last week" in spoken queries); default UTC. */
  timeZone: string;
}

/** Settings an administrator can change after creation (`PATCH /v1/tenants/<slug>`); absent: unchanged. */
export interface TenantSettings {
  quotaBytes?: number | null;
  quotaFiles?: number | null;
  trashDays?: number;
  /** A canonical IANA zone name (see `canonicalTimeZone`). */
  timeZone?: string;
}

export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * An IANA time zone name as stored: the runtime's spelling when it differs only in case
 * ("america/los_angeles" -> "America/Los_Angeles"), an alias as given ("Europe/Kyiv"), or null
 * when Intl does not know it. Offsets ("+02:00") and abbreviations ("PST", "CET") are refused: a
 * zone name says where, so it follows that place's daylight saving time; "UTC" is the one
 * name without a slash that is accepted.
 */
export function canonicalTimeZone(value: string): string | null {
  if (value.toUpperCase() === 'UTC') return 'UTC';
  if (value.length > 64 || !/^[A-Za-z]+\/[A-Za-z0-9_+/-]+$/.test(value)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
}

/** Tenant slugs: lower-case letters, digits and single hyphens, 2 to 63 characters. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,62}$/;
