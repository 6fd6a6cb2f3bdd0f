/**
 * Quotas per tenant (issue 10): how many bytes (deduplicated: identical content counts once)
 * and how many files a tenant may keep, and the warnings before the limit. Pure.
 */

/** A tenant's limits; null: no limit. */
export interface TenantQuota {
  bytes: number | null;
  files: number | null;
}

export type QuotaMeasure = 'bytes' | 'files';

/** A warning given when usage crossed a threshold. */
export interface QuotaWarning {
  /** The threshold crossed, in percent of the quota (e.g. 80). */
  percent: number;
  /** Which limit it is about (the fuller one when both crossed). */
  measure: QuotaMeasure;
  at: Date;
  /** Usage when it was given. */
  bytes: number;
  files: number;
}

/** What a tenant uses against its quota. */
export interface TenantUsage {
  /** Bytes of distinct content still referenced. */
  bytes: number;
  files: number;
  quota: TenantQuota;
  lastWarning: QuotaWarning | null;
}

/** True when the tenant has any limit at all. */
export function hasQuota(quota: TenantQuota): boolean {
  return quota.bytes !== null || quota.files !== null;
}

/** The fuller of the two measures, as a fraction of its quota (0 without quotas). */
export function fullness(usage: { bytes: number; files: number }, quota: TenantQuota): { ratio: number; measure: QuotaMeasure } {
  const bytes = quota.bytes === null ? 0 : ratioOf(usage.bytes, quota.bytes);
  const files = quota.files === null ? 0 : ratioOf(usage.files, quota.files);
  return files > bytes ? { ratio: files, measure: 'files' } : { ratio: bytes, measure: 'bytes' };
}

function ratioOf(used: number, limit: number): number {
  if (limit === 0) return used > 0 ? Infinity : 1;
  return used / limit;
}

/**
 * The highest of `thresholds` (percent, ascending or not) that usage has reached, or 0.
 * A warning is due when this is above the level already warned about.
 */
export function crossedThreshold(usage: { bytes: number; files: number }, quota: TenantQuota, thresholds: readonly number[]): { percent: number; measure: QuotaMeasure } {
  const { ratio, measure } = fullness(usage, quota);
  let percent = 0;
  for (const threshold of thresholds) if (ratio * 100 >= threshold && threshold > percent) percent = threshold;
  return { percent, measure };
}

/**
 * Why an upload may not even start, or null. `declaredBytes` is the body's declared length
 * (null when it is streamed without one); `newFile` is false for a new version of a file.
 */
export function quotaRefusal(usage: { bytes: number; files: number }, quota: TenantQuota, upload: { declaredBytes: number | null; newFile: boolean }): string | null {
  if (quota.files !== null && upload.newFile && usage.files >= quota.files) {
    return `The file quota is used up: ${usage.files} of ${quota.files} files are stored. Delete files or ask for a larger quota.`;
  }
  if (quota.bytes !== null) {
    if (usage.bytes >= quota.bytes) return `The storage quota is used up: ${formatBytes(usage.bytes)} of ${formatBytes(quota.bytes)} are used. Delete files or ask for a larger quota.`;
    if (upload.declaredBytes !== null && usage.bytes + upload.declaredBytes > quota.bytes) return exceededSentence(usage.bytes, quota.bytes, upload.declaredBytes);
  }
  return null;
}

/** The sentence for an upload that would take usage past the byte quota. */
export function exceededSentence(usedBytes: number, quotaBytes: number, uploadBytes: number | null): string {
  const left = Math.max(0, quotaBytes - usedBytes);
  const size = uploadBytes === null ? 'This upload' : `This upload of ${formatBytes(uploadBytes)}`;
  return `${size} would exceed the storage quota: ${formatBytes(usedBytes)} of ${formatBytes(quotaBytes)} are used, ${formatBytes(left)} are left.`;
}

/** Bytes for people: 512 bytes, 1.5 KiB, 20 MiB, 3.2 GiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}
