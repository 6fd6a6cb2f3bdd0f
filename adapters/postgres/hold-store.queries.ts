/** SQL of PostgresHoldStore. Every statement filters on `tenant_id = $1` and runs bound to that tenant. */

const HOLD_COLUMNS = 'h.id, h.tenant_id, h.scope, h.file_id, h.customer_id, h.reason, h.placed_by, h.placed_at, h.released_at, h.released_by';

/** Any file of the tenant, in the trash or not: a hold may keep a trashed file from its purge. */
export const FILE_EXISTS = `
select 1 from files where tenant_id = $1 and id = $2`;

export const INSERT_HOLD = `
insert into legal_holds as h (tenant_id, scope, file_id, customer_id, reason, placed_by)
values ($1, $2, $3, $4, $5, $6)
returning ${HOLD_COLUMNS}`;

export const RELEASE_HOLD = `
update legal_holds as h set released_at = now(), released_by = $3
where h.tenant_id = $1 and h.id = $2 and h.released_at is null
returning ${HOLD_COLUMNS}`;

export const SELECT_HOLD = `
select ${HOLD_COLUMNS} from legal_holds h where h.tenant_id = $1 and h.id = $2`;

export const SELECT_HOLDS = `
select ${HOLD_COLUMNS} from legal_holds h
where h.tenant_id = $1 and (not $2::boolean or h.released_at is null)
order by h.placed_at desc, h.id desc
limit 1000`;

export const SELECT_COVERING_HOLD = `
select ${HOLD_COLUMNS} from legal_holds h where h.tenant_id = $1 and h.id = vf_file_hold($1, $2)`;
