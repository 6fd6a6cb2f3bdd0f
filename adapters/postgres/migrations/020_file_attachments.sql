-- Files that came inside other files (e-mail attachments, messages forwarded as attachments).
-- Each attachment is a file of its own with its own versions, scanned, extracted and indexed
-- like an upload; this table links it to the message version it came from.

create table file_attachments (
  tenant_id uuid not null,
  -- The attachment's own file.
  file_id uuid not null,
  parent_file_id uuid not null,
  parent_version_id uuid not null,
  -- Position among the parent version's attachments, from 0: a retried extraction finds the
  -- attachment it already recorded instead of recording it twice.
  position integer not null check (position >= 0),
  -- 1 for an attachment of an upload, 2 for an attachment of that attachment, ...
  depth integer not null check (depth >= 1),
  created_at timestamptz not null default now(),
  primary key (tenant_id, file_id),
  unique (tenant_id, parent_version_id, position),
  foreign key (tenant_id, file_id) references files (tenant_id, id) on delete cascade,
  foreign key (tenant_id, parent_file_id) references files (tenant_id, id) on delete cascade,
  foreign key (tenant_id, parent_version_id) references file_versions (tenant_id, id) on delete cascade
);
create index file_attachments_parent on file_attachments (tenant_id, parent_file_id);

alter table file_attachments enable row level security;
alter table file_attachments force row level security;
create policy tenant_isolation on file_attachments
  using (tenant_id = vf_current_tenant()) with check (tenant_id = vf_current_tenant());
