-- Spoken access codes (issue 9): a bearer secret read aloud, kept only as an HMAC under a key
-- derived for codes (src/app/keys.ts), bound to its tenant (the tenant id is part of the hashed
-- text, so a hash names one tenant's code). A download code opens one file, an upload code one
-- upload request. Redemption knows the tenant before it looks a code up (the link names it), so
-- every query runs bound to the tenant and the policy below fails closed.
create table access_codes (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  kind text not null check (kind in ('download', 'upload')),
  subject_id uuid not null,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  issued_by text not null check (char_length(issued_by) between 1 and 200),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  use_limit integer not null check (use_limit >= 1),
  uses integer not null default 0 check (uses >= 0),
  attempt_limit integer not null check (attempt_limit >= use_limit),
  attempts integer not null default 0 check (attempts >= 0),
  revoked_at timestamptz,
  unique (tenant_id, code_hash)
);
-- Counting the live codes of a tenant (the cap of the guessing bound) and the codes of a subject.
create index access_codes_live on access_codes (tenant_id, expires_at) where revoked_at is null;
create index access_codes_subject on access_codes (tenant_id, kind, subject_id);

alter table access_codes enable row level security;
alter table access_codes force row level security;
create policy tenant_isolation on access_codes
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));

-- Token buckets of the redemption throttles, shared by every node: per code, per client address
-- and per tenant (and the share confirmations). A bucket is full when its row is missing, so rows
-- untouched for longer than a refill can be deleted at any time.
create table code_attempt_buckets (
  tenant_id uuid not null references tenants (id) on delete cascade,
  scope text not null check (scope ~ '^[a-z_]{1,20}$'),
  key text not null check (char_length(key) between 1 and 200),
  tokens double precision not null,
  updated_at timestamptz not null,
  primary key (tenant_id, scope, key)
);
create index code_attempt_buckets_age on code_attempt_buckets (updated_at);

alter table code_attempt_buckets enable row level security;
alter table code_attempt_buckets force row level security;
create policy tenant_isolation on code_attempt_buckets
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));
