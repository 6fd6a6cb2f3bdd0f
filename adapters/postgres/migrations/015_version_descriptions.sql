-- What a model describer (Amazon Bedrock) said about a version, remembered so that a version
-- is sent to the model once per describer and locale, whichever node asks and across restarts.
-- Versions never change, so an entry never goes stale; it goes with its version (cascade).
-- `describer` names the adapter, the model and the prompt revision (Describer.id): a new model
-- or prompt describes afresh rather than reusing an old answer. Extractive descriptions are not
-- stored (recomputing one costs well under a millisecond).
create table version_descriptions (
  tenant_id uuid not null,
  version_id uuid not null,
  describer text not null check (char_length(describer) between 1 and 200),
  locale text not null check (locale in ('en', 'de')),
  description jsonb not null check (jsonb_typeof(description) = 'object' and octet_length(description::text) <= 16384),
  created_at timestamptz not null default now(),
  primary key (tenant_id, version_id, describer, locale),
  foreign key (tenant_id, version_id) references file_versions (tenant_id, id) on delete cascade
);

alter table version_descriptions enable row level security;
alter table version_descriptions force row level security;
create policy tenant_isolation on version_descriptions
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));
