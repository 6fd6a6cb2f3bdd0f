/**
 * SQL of PostgresDescriptionCache. Every statement filters on `tenant_id = $1` and runs
 * bound to that tenant (row-level security); nothing here is built from input.
 */

/** $1 tenant, $2 version, $3 describer, $4 locale. */
export const SELECT_DESCRIPTION = `
select description from version_descriptions
where tenant_id = $1 and version_id = $2 and describer = $3 and locale = $4`;

/** Only for a version of this tenant (the foreign key); a second write replaces the first. */
export const UPSERT_DESCRIPTION = `
insert into version_descriptions (tenant_id, version_id, describer, locale, description)
values ($1, $2, $3, $4, $5)
on conflict (tenant_id, version_id, describer, locale)
do update set description = excluded.description, created_at = now()`;
