-- Downloads and last access per file and per share (issue 10). A download is counted when a
-- link to the file's bytes is handed out (GET /v1/files/<id>/download, a redeemed share code):
-- with S3 the bytes never pass through us, so the link is what we can count.

alter table files add column download_count bigint not null default 0 check (download_count >= 0);
alter table files add column last_access_at timestamptz;

create table share_access_counts (
  tenant_id uuid not null,
  share_id uuid not null,
  file_id uuid not null,
  downloads bigint not null default 0 check (downloads >= 0),
  last_access_at timestamptz not null,
  primary key (tenant_id, share_id),
  foreign key (tenant_id, file_id) references files (tenant_id, id) on delete cascade
);
create index share_access_counts_file on share_access_counts (tenant_id, file_id);

alter table share_access_counts enable row level security;
alter table share_access_counts force row level security;
create policy tenant_isolation on share_access_counts
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));
