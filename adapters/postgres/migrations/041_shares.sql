-- Shares after a spoken yes (issue 9). A share pins the file version the caller agreed to; its
-- download code (access_codes.subject_id = shares.id) opens that version only. The caller's
-- confirming words are kept here and on the audit event as evidence of consent.
create table shares (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  file_id uuid not null,
  version_id uuid not null,
  recipient jsonb not null default '{}',
  issued_by text not null check (char_length(issued_by) between 1 and 200),
  call_key text not null check (char_length(call_key) between 1 and 300),
  consent text not null check (char_length(consent) between 1 and 500),
  created_at timestamptz not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, file_id) references files (tenant_id, id) on delete cascade
);
create index shares_file on shares (tenant_id, file_id);

alter table shares enable row level security;
alter table shares force row level security;
create policy tenant_isolation on shares
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));

-- The first step of a share: a single-use, short-lived token (kept as sha256) bound to the call,
-- the credential that asked, the file and the recipient that were read back.
create table share_confirmations (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  call_key text not null check (char_length(call_key) between 1 and 300),
  actor text not null check (char_length(actor) between 1 and 200),
  file_id uuid not null,
  version_id uuid not null,
  recipient jsonb not null default '{}',
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index share_confirmations_age on share_confirmations (tenant_id, expires_at);

alter table share_confirmations enable row level security;
alter table share_confirmations force row level security;
create policy tenant_isolation on share_confirmations
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));

-- Where a tenant's own SMS or e-mail system takes share links (the webhook notifier). The secret
-- signs the payload, so the service must hold it; it is never returned by the API.
create table tenant_webhooks (
  tenant_id uuid primary key references tenants (id) on delete cascade,
  url text not null check (char_length(url) between 8 and 2000),
  secret text not null check (char_length(secret) between 32 and 512),
  updated_at timestamptz not null default now()
);

alter table tenant_webhooks enable row level security;
alter table tenant_webhooks force row level security;
create policy tenant_isolation on tenant_webhooks
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));
