/**
 * Meilisearch filter expressions, built only here. Every value is a quoted string literal with
 * `\` and `"` escaped (https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference),
 * or a number the code made; query text never reaches a filter.
 */
import type { VisibilityFilter } from '../../src/domain/access.ts';

/** A string literal for a filter: `"..."`, with backslash and double quote escaped. */
export function quoted(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Days since the epoch: how dates are stored and filtered (whole UTC days). */
export function epochDay(date: Date): number {
  return Math.floor(date.getTime() / 86_400_000);
}

/** Who may see what, inside one tenant: the part of every filter that a tenant token also carries. */
export function visibilityFilter(visibility: VisibilityFilter): string {
  const tenant = `tenant_id = ${quoted(visibility.tenantId)}`;
  const scope = visibility.customerScope;
  if (scope === null) return tenant;
  if (scope.customerId === null) return `${tenant} AND visibility = "public"`;
  return `${tenant} AND (visibility = "public" OR (visibility = "customer" AND customer_id = ${quoted(scope.customerId)}))`;
}

export interface FilterParts {
  visibility: VisibilityFilter;
  kinds?: readonly string[];
  customerId?: string;
  tags?: readonly string[];
  category?: string;
  /** Only `filter` ranges filter; a `boost` range is a hint the engine cannot rank by here. */
  dates?: { from: Date; to: Date; mode: 'filter' | 'boost'; timeZone?: string };
}

/** The whole filter of one search: tenant and visibility always first, then the query's own restrictions. */
export function searchFilter(parts: FilterParts): string {
  const clauses = [`(${visibilityFilter(parts.visibility)})`];
  if (parts.kinds && parts.kinds.length > 0) clauses.push(`kind IN [${parts.kinds.map(quoted).join(', ')}]`);
  if (parts.customerId !== undefined) clauses.push(`customer_id = ${quoted(parts.customerId)}`);
  for (const tag of parts.tags ?? []) clauses.push(`tags = ${quoted(tag.toLowerCase())}`);
  if (parts.category !== undefined) clauses.push(`category = ${quoted(parts.category)}`);
  if (parts.dates?.mode === 'filter') clauses.push(dateRangeFilter(parts.dates));
  return clauses.join(' AND ');
}

/**
 * Uploaded in the range, or a date found in the name or text in it. The range's days are days of
 * its time zone: in UTC the stored day numbers compare directly; elsewhere the upload instant
 * (`created_at`, seconds) is compared with the zone's midnights.
 */
export function dateRangeFilter(range: { from: Date; to: Date; timeZone?: string }): string {
  const [from, to] = [epochDay(range.from), epochDay(range.to)];
  const zone = range.timeZone ?? 'UTC';
  if (zone === 'UTC') return `(created_day ${from} TO ${to} OR dates ${from} TO ${to})`;
  const start = Math.floor(zonedMidnight(from, zone) / 1000);
  const end = Math.floor(zonedMidnight(to + 1, zone) / 1000) - 1;
  return `(created_at ${start} TO ${end} OR dates ${from} TO ${to})`;
}

/** The instant (ms) at which calendar day `day` (days since the epoch) begins in `timeZone`. */
export function zonedMidnight(day: number, timeZone: string): number {
  const wall = day * 86_400_000;
  // Two steps: the offset at the guess can differ from the offset at midnight across a DST change.
  const guess = wall - offsetMs(wall, timeZone);
  return wall - offsetMs(guess, timeZone);
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms. */
function offsetMs(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The documents of one file of one tenant (every version). */
export function fileFilter(tenantId: string, fileId: string, olderThan?: number): string {
  const base = `tenant_id = ${quoted(tenantId)} AND file_id = ${quoted(fileId)}`;
  return olderThan === undefined ? base : `${base} AND version < ${olderThan}`;
}
