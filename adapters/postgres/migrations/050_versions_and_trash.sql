-- Lifecycle (issue 10), part 1: who uploaded each version and what it restores; the trash.
--
-- The trash is a state of the file, not a table: `files.trashed_at` is set when a file is
-- deleted and cleared when it is restored. Everything that serves a file to anyone but its
-- owner through the API (find, describe, listings, shares, upload codes) must check
-- `files.trashed_at is null`; `purge_after` says when the purge job may remove it for good.

-- Days a deleted file stays in the trash before it is purged (tenant setting, default 30).
alter table tenants add column trash_days integer not null default 30 check (trash_days between 0 and 3650);

alter table files add column trashed_at timestamptz;
alter table files add column purge_after timestamptz;
-- The actor who deleted it (as in audit events: `key:<id>`, `session:<id>`, `retention:<rule id>`).
alter table files add column trashed_by text;
alter table files add constraint files_trash_consistent check ((trashed_at is null) = (purge_after is null));
-- The purge job's question: which trashed files of a tenant are due.
create index files_trash_due on files (tenant_id, purge_after) where trashed_at is not null;

-- The actor who uploaded (or restored) the version; null for versions recorded before this migration.
alter table file_versions add column uploaded_by text;
-- A version made by restoring an older one names that version here (history is never rewritten).
alter table file_versions add column restored_from integer check (restored_from >= 1);
