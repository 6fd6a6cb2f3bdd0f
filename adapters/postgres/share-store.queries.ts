/** SQL of PostgresShareStore. Parameters are positional; nothing here is built from input. Run inside inTenant(). */

export const INSERT_CONFIRMATION = `
insert into share_confirmations (id, tenant_id, token_hash, call_key, actor, file_id, version_id, recipient, expires_at)
values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`;

/** Uses the confirmation once, only when every binding matches and it has not expired at $6. */
export const USE_CONFIRMATION = `
update share_confirmations as s
set used_at = $6
where s.tenant_id = $1 and s.token_hash = $2 and s.call_key = $3 and s.actor = $4 and s.file_id = $5
  and s.used_at is null and s.expires_at > $6
returning s.id, s.tenant_id, s.call_key, s.actor, s.file_id, s.version_id, s.recipient, s.expires_at`;

export const INSERT_SHARE = `
insert into shares (id, tenant_id, file_id, version_id, recipient, issued_by, call_key, consent, created_at)
values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9)
returning id, tenant_id, file_id, version_id, recipient, issued_by, call_key, consent, created_at`;

export const SELECT_SHARE = `
select id, tenant_id, file_id, version_id, recipient, issued_by, call_key, consent, created_at
from shares where tenant_id = $1 and id = $2`;

export const SELECT_WEBHOOK = 'select url, secret from tenant_webhooks where tenant_id = $1';

export const UPSERT_WEBHOOK = `
insert into tenant_webhooks (tenant_id, url, secret, updated_at) values ($1, $2, $3, now())
on conflict (tenant_id) do update set url = excluded.url, secret = excluded.secret, updated_at = now()`;

export const DELETE_WEBHOOK = 'delete from tenant_webhooks where tenant_id = $1';
