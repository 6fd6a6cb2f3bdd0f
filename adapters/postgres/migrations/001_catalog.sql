-- Catalog: tenants, API keys, blobs, files, versions, audit trail, search documents.
-- Applied by adapters/postgres/migrate.ts inside one transaction, under an advisory lock.

-- Extensions are database-wide; they live in `public` so every schema (tests use one per file)
-- resolves them through a search_path of `<schema>, public`.
create extension if not exists pg_trgm with schema public;
create extension if not exists unaccent with schema public;
create extension if not exists fuzzystrmatch with schema public;

-- unaccent() is only STABLE (it reads a dictionary found through search_path), so index and
-- generated-column expressions use this IMMUTABLE wrapper with the dictionary named explicitly.
-- German spellings fold together as in Elasticsearch's german_normalization: after unaccent
-- (ü -> u), ue -> u (not after q), ae -> a, oe -> o, so "Mueller", "Müller" and "Muller" are one
-- word. Applied to documents and queries alike, so exact matches of other words still hold.
-- Punctuation and spacing (_ - . / and the like) become single spaces, so "Report_Q2.pdf" has
-- the words "report q2 pdf". (Not [^[:alnum:]]: under a plain C locale that class is ASCII-only
-- and would erase every letter of a non-Latin name.)
create function vf_normalize(value text) returns text
  language sql immutable strict parallel safe
  return trim(regexp_replace(
    regexp_replace(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '(^|[^q])ue', '\1u', 'g'), '([ao])e', '\1', 'g'),
    '[[:space:][:punct:]]+', ' ', 'g'));

-- The words of a normalised query, in order, without empties.
create function vf_words(value text) returns text[]
  language sql immutable strict parallel safe
  return array_remove(regexp_split_to_array(vf_normalize(value), ' '), '');

-- "every word is a prefix of some lexeme": 'financ:* & report:*'. Words hold no punctuation or
-- spaces, so nothing in them is tsquery syntax. Null when the query has no words.
create function vf_prefix_tsquery(value text) returns tsquery
  language sql immutable strict parallel safe
  return to_tsquery('simple', nullif(array_to_string(array(select w || ':*' from unnest(vf_words(value)) as w), ' & '), ''));

-- LIKE patterns for "the word occurs somewhere", one per word; empty without words.
create function vf_like_patterns(value text) returns text[]
  language sql immutable strict parallel safe
  return array(select '%' || w || '%' from unnest(vf_words(value)) as w);

create table tenants (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  locale text not null check (locale in ('en', 'de')),
  created_at timestamptz not null default now()
);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id) on delete cascade,
  key_hash text not null unique,
  label text,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index api_keys_tenant on api_keys (tenant_id);

create table blobs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id) on delete cascade,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint not null check (size >= 0),
  storage_key text not null,
  ref_count integer not null default 1 check (ref_count >= 0),
  created_at timestamptz not null default now(),
  unique (tenant_id, sha256),
  unique (tenant_id, id)
);

create table files (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id) on delete cascade,
  name text not null,
  title text,
  customer_id text,
  visibility text not null check (visibility in ('internal', 'customer', 'public')),
  current_version integer not null default 1 check (current_version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, id)
);
create index files_tenant_updated on files (tenant_id, updated_at desc, id desc);

create table file_versions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  file_id uuid not null,
  version integer not null check (version >= 1),
  blob_id uuid not null,
  sha256 text not null,
  size bigint not null check (size >= 0),
  mime_type text not null,
  extension text not null,
  kind text not null check (kind in ('document', 'spreadsheet', 'text', 'audio', 'image')),
  status text not null default 'stored' check (status in ('stored', 'scanning', 'extracting', 'indexing', 'ready', 'unscanned', 'infected', 'rejected', 'failed')),
  status_reason text,
  metadata jsonb not null default '{}',
  extracted_text text,
  created_at timestamptz not null default now(),
  unique (file_id, version),
  unique (tenant_id, id),
  -- Composite keys: a version can only point at a file and a blob of its own tenant.
  foreign key (tenant_id, file_id) references files (tenant_id, id) on delete cascade,
  foreign key (tenant_id, blob_id) references blobs (tenant_id, id)
);
create index file_versions_tenant_file on file_versions (tenant_id, file_id, version);
create index file_versions_blob on file_versions (tenant_id, blob_id);

create table audit_events (
  id bigserial primary key,
  at timestamptz not null default clock_timestamp(),
  -- Null for platform actions; no foreign key: the trail outlives what it describes.
  tenant_id uuid,
  actor text not null,
  role text not null,
  call_id text,
  request_id text,
  action text not null,
  target text,
  outcome text not null check (outcome in ('ok', 'denied', 'error')),
  detail jsonb not null default '{}'
);
create index audit_events_tenant_at on audit_events (tenant_id, at desc, id desc);

create function audit_events_refuse_change() returns trigger
  language plpgsql as $$
begin
  raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_events_append_only before update or delete on audit_events
  for each row execute function audit_events_refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_refuse_change();

create table search_documents (
  tenant_id uuid not null,
  file_id uuid not null,
  version_id uuid not null,
  name text not null,
  title text,
  kind text not null check (kind in ('document', 'spreadsheet', 'text', 'audio', 'image')),
  mime_type text not null,
  customer_id text,
  visibility text not null check (visibility in ('internal', 'customer', 'public')),
  created_at timestamptz not null,
  text text not null default '',
  -- Normalised for matching (lower case, no accents, punctuation as spaces): each, and together.
  name_norm text generated always as (vf_normalize(name)) stored,
  title_norm text generated always as (coalesce(vf_normalize(title), '')) stored,
  names_norm text generated always as (vf_normalize(name) || ' ' || coalesce(vf_normalize(title), '')) stored,
  -- Words of name and title alone (small: stays in the row), and of everything with the name and
  -- title weighted above the body (large: stored out of line).
  names_tsv tsvector generated always as (to_tsvector('simple', vf_normalize(name) || ' ' || coalesce(vf_normalize(title), ''))) stored,
  tsv tsvector generated always as (
    setweight(to_tsvector('simple', vf_normalize(name) || ' ' || coalesce(vf_normalize(title), '')), 'A')
    || setweight(to_tsvector('simple', vf_normalize(text)), 'C')
  ) stored,
  primary key (tenant_id, file_id),
  foreign key (tenant_id, file_id) references files (tenant_id, id) on delete cascade,
  foreign key (tenant_id, version_id) references file_versions (tenant_id, id) on delete cascade
)
-- Searches read many rows' names and few rows' bodies: move text and tsv out of line (TOAST) from
-- 512 bytes on (default ~2 kB), so a heap page holds ~25 rows instead of ~5.
with (toast_tuple_target = 512);
-- fastupdate off: new entries go straight into the index. With it on they wait in a pending list
-- (up to 4 MB) that every search must scan linearly; searches matter more here than upload speed.
create index search_documents_names_trgm on search_documents using gin (names_norm gin_trgm_ops) with (fastupdate = off);
create index search_documents_names_tsv on search_documents using gin (names_tsv) with (fastupdate = off);
create index search_documents_tsv on search_documents using gin (tsv) with (fastupdate = off);
-- Deliberately no (tenant_id, created_at) index: the planner does not price detoasting tsv, and with
-- one it walks a tenant's newest rows filtering by `tsv @@` (reading every body) instead of asking
-- the GIN index for "newest 50 matches": 6 ms against 1.5 ms for a common word at 10,000 documents.

-- Row-level security, the second line of defence behind `tenant_id = $n` in every query.
-- A transaction that set app.tenant_id sees and writes only that tenant's rows; with the
-- setting unset or empty (platform work such as API-key lookup) rows pass. Superusers and
-- BYPASSRLS roles skip policies, so deployments connect as an ordinary owner role.

-- The tenant bound to this transaction, or null. nullif first: ''::uuid would raise, and SQL
-- does not promise to short-circuit OR.
create function vf_current_tenant() returns uuid
  language sql stable parallel safe
  return nullif(current_setting('app.tenant_id', true), '')::uuid;

alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy tenant_isolation on api_keys
  using (vf_current_tenant() is null or tenant_id = vf_current_tenant());

alter table blobs enable row level security;
alter table blobs force row level security;
create policy tenant_isolation on blobs
  using (vf_current_tenant() is null or tenant_id = vf_current_tenant());

alter table files enable row level security;
alter table files force row level security;
create policy tenant_isolation on files
  using (vf_current_tenant() is null or tenant_id = vf_current_tenant());

alter table file_versions enable row level security;
alter table file_versions force row level security;
create policy tenant_isolation on file_versions
  using (vf_current_tenant() is null or tenant_id = vf_current_tenant());

alter table audit_events enable row level security;
alter table audit_events force row level security;
create policy tenant_isolation on audit_events
  using (vf_current_tenant() is null or tenant_id = vf_current_tenant());

alter table search_documents enable row level security;
alter table search_documents force row level security;
create policy tenant_isolation on search_documents
  using (vf_current_tenant() is null or tenant_id = vf_current_tenant());
