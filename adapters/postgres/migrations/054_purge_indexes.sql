-- Deleting a version checks the search index's foreign key on (tenant_id, version_id)
-- (search_entries of migration 010), which has no index of its own: every purged version would
-- scan the whole table (the purge bench: 68 files/s on PGlite with 11,000 entries, against 579
-- with the index). With it, each check is an index probe.
--
-- (This migration first indexed search_documents, which 010 replaces; on a fresh database that
-- failed, since 010 runs first and drops it. A data dir that applied that first form keeps 054 as
-- applied and lacks this index: its purges are slower, not wrong.)
create index if not exists search_entries_version on search_entries (tenant_id, version_id);
