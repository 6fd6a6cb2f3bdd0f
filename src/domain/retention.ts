/** What a retention rule matches: files of a category, or files with a tag. */
export type RetentionMatch = 'category' | 'tag';

/**
 * A retention rule of a tenant: a minimum (a matching file cannot be deleted before created_at +
 * minDays) and/or a maximum (a matching file moves to the trash once created_at + maxDays passed).
 */
export interface RetentionRule {
  id: string;
  tenantId: string;
  match: RetentionMatch;
  value: string;
  minDays: number | null;
  maxDays: number | null;
  createdBy: string;
  createdAt: Date;
}
