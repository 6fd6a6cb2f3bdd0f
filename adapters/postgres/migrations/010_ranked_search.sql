-- Ranked search (issue 8): an inverted index in tables, scored BM25-style per tenant.
-- Replaces search_documents (001). The new tables start empty; the service rebuilds them from
-- the catalog at its next start (search_index_state below, src/app/reindex.use-case.ts), and
-- `voicefiles reindex` does the same on demand.
--
-- Why tables and not one tsvector per file: BM25 needs, per query word, how many of the tenant's
-- files contain it (rare words outweigh common ones) and how often it occurs in a passage (term
-- frequency saturates). A posting row per (term, file, passage) gives both with an index range
-- scan per query word; ts_rank knows neither the tenant's statistics nor saturation.

-- btree_gin (a tenant column inside a GIN index) on the server only. On PGlite (0.5: PostgreSQL
-- 18 in 32-bit WebAssembly) loading its module made uuid index scans return no rows and then hung
-- the session, so there the trigram index covers the word alone and the tenant condition filters
-- its matches (an embedded database holds few tenants).
do $$
begin
  if version() not like '%wasm32%' then
    create extension if not exists btree_gin with schema public;
  end if;
end
$$;

-- Text as indexed: vf_normalize (001: lower case, no accents, German ue/ae/oe folded, punctuation
-- as spaces) after joining thousands separators ("12,400" and "12.400" -> "12400"), so a spoken
-- amount read as digits matches the document.
create function vf_index_text(value text) returns text
  language sql immutable strict parallel safe
  return vf_normalize(regexp_replace(value, '(\d)[,.''’](?=\d{3}(\D|$))', '\1', 'g'));

-- Lexemes of a text in a language: 'en' english, 'de' german (Snowball stemming, stop words
-- dropped), anything else 'simple' (exact words). Applied after vf_index_text, so unaccent and the
-- German folding come first and documents and queries agree.
create function vf_lexemes(lang text, value text) returns tsvector
  language sql immutable parallel safe
  return case lang
    when 'en' then to_tsvector('pg_catalog.english'::regconfig, vf_index_text(value))
    when 'de' then to_tsvector('pg_catalog.german'::regconfig, vf_index_text(value))
    else to_tsvector('pg_catalog.simple'::regconfig, vf_index_text(value))
  end;

drop table search_documents;

-- One row per file: what results show and filter by.
create table search_entries (
  tenant_id uuid not null,
  file_id uuid not null,
  version_id uuid not null,
  version integer not null default 0,
  name text not null,
  title text,
  kind text not null check (kind in ('document', 'spreadsheet', 'text', 'audio', 'image')),
  mime_type text not null,
  customer_id text,
  visibility text not null check (visibility in ('internal', 'customer', 'public')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  language text check (language in ('en', 'de')),
  tags text[] not null default '{}',
  category text,
  -- Dates found in the name or text (day precision); date filters match these or created_at.
  dates date[] not null default '{}',
  pages integer,
  sheets integer,
  duration_seconds double precision,
  primary key (tenant_id, file_id),
  foreign key (tenant_id, file_id) references files (tenant_id, id) on delete cascade,
  foreign key (tenant_id, version_id) references file_versions (tenant_id, id) on delete cascade
);
-- Deleting a version checks the foreign key on (tenant_id, version_id): an index probe, not a scan.
create index search_entries_version on search_entries (tenant_id, version_id);
-- Queries without words (only a kind, a date, a tag) list a tenant's newest files.
create index search_entries_recent on search_entries (tenant_id, created_at desc);
-- Tag filters (the ranked query reaches entries by primary key; this serves tag-only listings).
create index search_entries_tags on search_entries using gin (tags) with (fastupdate = off);

-- The text of each passage (about 700 characters, cut at sentence ends), for the `matched` snippet.
create table search_passages (
  tenant_id uuid not null,
  file_id uuid not null,
  passage smallint not null check (passage >= 1),
  body text not null,
  primary key (tenant_id, file_id, passage),
  foreign key (tenant_id, file_id) references search_entries (tenant_id, file_id) on delete cascade
);

-- The inverted index. passage 0 holds the name, title, tags and category (and the phonetic keys
-- of name and title words, as terms starting with '~'); passages 1.. the text. tf: occurrences of
-- the term in the passage; len: the passage's length in lexemes (length normalisation).
-- kind, visibility and customer_id are copied from the entry so that the access and kind filters
-- apply inside the index scan (the covering primary key), never after ranking.
create table search_postings (
  tenant_id uuid not null,
  term text not null,
  file_id uuid not null,
  passage smallint not null,
  tf smallint not null,
  len smallint not null,
  kind text not null,
  visibility text not null,
  customer_id text,
  primary key (tenant_id, term, file_id, passage) include (tf, len, kind, visibility, customer_id),
  foreign key (tenant_id, file_id) references search_entries (tenant_id, file_id) on delete cascade
);
-- Deleting a file's postings (replace, remove) finds them by file.
create index search_postings_file on search_postings (tenant_id, file_id);

-- A tenant's vocabulary: every word ever indexed (as written, folded: `word`) with the lexeme it is
-- indexed under (`term`), for typo tolerance: a misheard query word is expanded to the tenant's
-- words within trigram reach, then scored as their lexemes (by their own rarity). Insert-only: a stale word costs one wasted lookup; a rebuild
-- clears it. The composite GIN (btree_gin for tenant_id, pg_trgm for term) keeps the trigram scan
-- inside the tenant.
create table search_terms (
  tenant_id uuid not null,
  word text not null,
  term text not null,
  primary key (tenant_id, word, term)
);
-- Without btree_gin (PGlite, see the top) the trigram GIN covers the word alone.
do $$
begin
  if version() like '%wasm32%' then
    create index search_terms_trgm on search_terms using gin (word gin_trgm_ops) with (fastupdate = off);
  else
    create index search_terms_trgm on search_terms using gin (tenant_id, word gin_trgm_ops) with (fastupdate = off);
  end if;
end
$$;

-- Not tenant data: which index format the tables hold, and whether a rebuild from the catalog
-- finished since they were created. One row.
create table search_index_state (
  id boolean primary key default true check (id),
  format integer not null,
  rebuilt_at timestamptz
);
insert into search_index_state (format, rebuilt_at) values (2, null);

-- Row-level security that fails closed, as in 003/030.
alter table search_entries enable row level security;
alter table search_entries force row level security;
create policy tenant_isolation on search_entries
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));

alter table search_passages enable row level security;
alter table search_passages force row level security;
create policy tenant_isolation on search_passages
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));

alter table search_postings enable row level security;
alter table search_postings force row level security;
create policy tenant_isolation on search_postings
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));

alter table search_terms enable row level security;
alter table search_terms force row level security;
create policy tenant_isolation on search_terms
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));
