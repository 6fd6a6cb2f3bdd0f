-- Tags and categories of files (issue 10). Tags are set by people (PUT /v1/files/<id>/tags),
-- lower-cased, at most 20 per file; the category is assigned at processing from the name and the
-- extracted text (src/domain/category.ts). Both are find filters and retention-rule matches
-- (vf_retention_matches of migration 052 reads exactly these two columns).

alter table files add column tags text[] not null default '{}' check (cardinality(tags) <= 20);
alter table files add column category text check (category in ('invoice', 'offer', 'contract', 'report', 'minutes', 'policy', 'certificate', 'recording', 'spreadsheet'));

create index files_tags on files using gin (tags);
create index files_category on files (tenant_id, category) where category is not null;
