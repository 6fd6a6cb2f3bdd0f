-- Idempotency-Key on POST /v1/files (issue 6): a retried upload returns the first result
-- instead of storing a second copy. One row per (tenant, key), kept 24 hours.

create table idempotency_keys (
  tenant_id uuid not null references tenants (id) on delete cascade,
  key text not null check (length(key) between 1 and 255),
  -- sha256 of what the request asked for (name, visibility, customer, file); a repeat must match.
  fingerprint text not null,
  state text not null check (state in ('in_progress', 'completed')),
  -- While in progress: until when the request that holds the key counts as alive.
  lease_until timestamptz not null,
  -- Once completed: the sha256 of the uploaded bytes, and the answer to repeat.
  content_sha256 text check (content_sha256 is null or content_sha256 ~ '^[0-9a-f]{64}$'),
  response_status integer,
  response_body jsonb,
  created_at timestamptz not null default now(),
  primary key (tenant_id, key),
  check (state = 'in_progress' or (content_sha256 is not null and response_status is not null and response_body is not null))
);
create index idempotency_keys_age on idempotency_keys (tenant_id, created_at);

-- Fails closed: with no tenant bound, vf_current_tenant() is null and no row matches.
alter table idempotency_keys enable row level security;
alter table idempotency_keys force row level security;
create policy tenant_isolation on idempotency_keys
  using (tenant_id = vf_current_tenant())
  with check (tenant_id = vf_current_tenant());
