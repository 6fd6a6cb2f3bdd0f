-- Ranked search within a bounded amount of work (issue 8: find p95 under 50 ms on PGlite and
-- 30 ms on a server at 10,000 files per tenant). Migration 010 counted each query word's
-- document frequency and scored every posting of every query word at query time: a common word
-- ("contract", "notes") meant tens of thousands of rows per query and p95 above a second.
--
-- Now:
--   * search_term_stats keeps each term's document frequency per tenant (and, under the empty
--     term, the tenant's number of files), maintained in the same transaction as the postings;
--   * each posting stores its impact (the BM25 term-frequency part with length normalisation and
--     the field weight), so a term's best postings are the head of an index range;
--   * a query reads at most a fixed number of postings per term (all of a rare term's), picks
--     the candidates, and scores only those exactly (adapters/search/postgres.search-index.queries.ts).
--
-- The index is derived data: the tables are emptied here and rebuilt from the catalog at the next
-- start (search_index_state.format 3; PostgresSearchIndex.INDEX_FORMAT).

truncate search_postings, search_passages, search_terms, search_entries;
update search_index_state set format = 3, rebuilt_at = null;

drop table search_postings;

-- The inverted index, as in 010 (passage 0 the name with tags and category and the phonetic
-- keys as terms starting with '~', -1 the title, 1.. the text), plus `impact`:
--   impact = field weight x tf (k1 + 1) / (tf + k1 (1 - b + b len / avglen)),  k1 1.2, b 0.75,
--   field weight 2.5 for name and title (avglen 6) and 1 for text passages (avglen 80).
-- A query multiplies it by the term's idf and the form's weight.
create table search_postings (
  tenant_id uuid not null,
  file_id uuid not null,
  term text not null,
  passage smallint not null,
  tf smallint not null,
  len smallint not null,
  impact real not null,
  kind text not null,
  visibility text not null,
  customer_id text,
  -- Scoring the candidates exactly probes (file, term); deleting a file's postings and listing
  -- its terms (for the statistics) read the file's range.
  primary key (tenant_id, file_id, term, passage) include (impact),
  foreign key (tenant_id, file_id) references search_entries (tenant_id, file_id) on delete cascade
);
-- A term's postings best first, with what the access and kind filters need, so that picking
-- candidates is an index-only scan of the head of the range, filters applied inside it.
create index search_postings_by_impact on search_postings (tenant_id, term, impact desc)
  include (file_id, passage, kind, visibility, customer_id);

-- Document frequency per tenant and term: the number of the tenant's files with the term in any
-- passage. The row with term '' counts the tenant's files (no lexeme is empty). Rows are changed
-- by one statement per write, in term order, so concurrent writers never deadlock.
create table search_term_stats (
  tenant_id uuid not null,
  term text not null,
  df integer not null,
  primary key (tenant_id, term)
);

alter table search_postings enable row level security;
alter table search_postings force row level security;
create policy tenant_isolation on search_postings
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));

alter table search_term_stats enable row level security;
alter table search_term_stats force row level security;
create policy tenant_isolation on search_term_stats
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));

-- An entry deleted by anything but the search adapter (a purge or retention deleting the file or
-- version, whose foreign keys cascade here) takes its counts with it. The adapter sets
-- app.search_stats_by_writer for its own deletes: it replaces and removes with one net update in
-- term order (two updates per transaction, in two orders, could deadlock concurrent writers).
create function vf_search_entry_deleted() returns trigger
  language plpgsql as $$
begin
  if current_setting('app.search_stats_by_writer', true) = 'on' then
    return old;
  end if;
  insert into search_term_stats (tenant_id, term, df)
  select old.tenant_id, t.term, -1
  from (select distinct term from search_postings where tenant_id = old.tenant_id and file_id = old.file_id
        union select '') t
  order by t.term
  on conflict (tenant_id, term) do update set df = search_term_stats.df - 1;
  return old;
end
$$;

create trigger search_entry_deleted before delete on search_entries
  for each row execute function vf_search_entry_deleted();

-- As in 003, plus MAINTAIN on the search tables where PostgreSQL has it (17 and later, so PGlite):
-- the embedded database has no autovacuum, and its runtime role vacuums and analyzes them
-- itself (adapters/search/embedded-search-maintenance.ts). A server's autovacuum needs nothing.
create or replace function vf_grant_runtime(p_role name, p_queue_schema name) returns void
  language plpgsql volatile
  as $$
  begin
    execute format('grant usage on schema %I to %I', current_schema(), p_role);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', current_schema(), p_role);
    execute format('grant usage, select on all sequences in schema %I to %I', current_schema(), p_role);
    execute format('revoke update, delete, truncate on audit_events from %I', p_role);
    execute format('revoke all on schema_migrations from %I', p_role);
    execute format('revoke execute on function vf_grant_runtime(name, name) from %I', p_role);
    if current_setting('server_version_num')::int >= 170000 then
      execute format('grant maintain on search_postings, search_term_stats, search_terms, search_entries, search_passages to %I', p_role);
    end if;
    if p_queue_schema is not null then
      execute format('grant usage on schema %I to %I', p_queue_schema, p_role);
      execute format('grant select, insert, update, delete on all tables in schema %I to %I', p_queue_schema, p_role);
      execute format('grant usage, select on all sequences in schema %I to %I', p_queue_schema, p_role);
    end if;
  end
  $$;
revoke execute on function vf_grant_runtime(name, name) from public;
