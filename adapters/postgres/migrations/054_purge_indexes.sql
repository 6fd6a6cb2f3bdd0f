-- Deleting a version checks search_documents' foreign key on (tenant_id, version_id), which had
-- no index: every purged version scanned the whole table (the purge bench: 68 files/s on PGlite
-- with 11,000 documents). With it, each check is an index probe.
create index search_documents_version on search_documents (tenant_id, version_id);
