-- Upload requests (issue 9): a live call asks for files ("send me the signed contract"); the
-- person uploads them on the /u page with a spoken code. A request is bound to its tenant, the
-- call that asked (its call key, see docs/call-state.md) and the session; its limits (count,
-- size, types, deadline) are enforced on the server. Its spoken code is an access code of kind
-- `upload` (migration 040) whose subject is the request.
create table upload_requests (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  call_key text not null check (char_length(call_key) between 1 and 400),
  session_id text not null check (char_length(session_id) between 1 and 200),
  actor text not null,
  purpose text not null check (char_length(purpose) between 1 and 200),
  max_files integer not null check (max_files between 1 and 10),
  max_bytes bigint not null check (max_bytes > 0),
  types text[] not null default '{}',
  locale text not null check (locale in ('en', 'de')),
  -- The MCP progress token the request-upload call carried (JSON: a string or a number), if any.
  progress_token jsonb,
  created_at timestamptz not null default now(),
  deadline timestamptz not null,
  closed_at timestamptz,
  unique (tenant_id, id)
);
create index upload_requests_call on upload_requests (tenant_id, call_key, created_at desc);

-- One row per file slot handed out to the page: the blob key it may write (a presigned or
-- signed upload), then the file and version intake recorded from it.
create table upload_request_files (
  tenant_id uuid not null,
  upload_id uuid not null,
  blob_id uuid not null,
  name text not null check (char_length(name) between 1 and 255),
  declared_size bigint not null check (declared_size >= 0),
  extension text not null,
  file_id uuid,
  version_id uuid,
  refusal text,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (tenant_id, blob_id),
  foreign key (tenant_id, upload_id) references upload_requests (tenant_id, id) on delete cascade
);
create index upload_request_files_upload on upload_request_files (tenant_id, upload_id, created_at);
create index upload_request_files_file on upload_request_files (tenant_id, file_id) where file_id is not null;

alter table upload_requests enable row level security;
alter table upload_requests force row level security;
create policy tenant_isolation on upload_requests
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));

alter table upload_request_files enable row level security;
alter table upload_request_files force row level security;
create policy tenant_isolation on upload_request_files
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));

