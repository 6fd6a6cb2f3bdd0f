export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  locale: Locale;
  createdAt: Date;
}

/** Tenant slugs: lower-case letters, digits and single hyphens, 2 to 63 characters. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,62}$/;
