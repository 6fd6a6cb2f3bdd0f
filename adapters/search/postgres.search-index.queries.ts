/**
 * SQL of PostgresSearchIndex. Normalisation (vf_normalize, vf_words, vf_prefix_tsquery, ...) lives
 * in migration 001 so the generated columns and the queries agree. The helpers are IMMUTABLE, so
 * the planner folds them into constants and each candidate arm below runs on an index.
 * Nothing here is built from input.
 */

export const UPSERT_DOCUMENT = `
insert into search_documents (tenant_id, file_id, version_id, name, title, kind, mime_type, customer_id, visibility, created_at, text)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
on conflict (tenant_id, file_id) do update set
  version_id = excluded.version_id, name = excluded.name, title = excluded.title, kind = excluded.kind,
  mime_type = excluded.mime_type, customer_id = excluded.customer_id, visibility = excluded.visibility,
  created_at = excluded.created_at, text = excluded.text`;

export const DELETE_DOCUMENT = `
delete from search_documents
where tenant_id = $1 and file_id = $2`;

/** Transaction-local: the tenant for row-level security, and the fuzzy threshold of the <% operator. */
export const BIND_SEARCH = `
select set_config('app.tenant_id', $1, true), set_config('pg_trgm.word_similarity_threshold', $2, true)`;

/** The tenant, the VisibilityFilter ($3 no restriction, $4 caller's customer id) and the kinds ($5, null = any). */
const SCOPE = `d.tenant_id = $1
    and ($3::boolean or d.visibility = 'public' or (d.visibility = 'customer' and d.customer_id = $4::text))
    and ($5::text[] is null or d.kind = any($5::text[]))`;

/** What every arm returns: enough to score a candidate without reading it again. */
const ARM_COLUMNS = 'd.file_id, d.version_id, d.created_at, d.name_norm, d.title_norm';

/**
 * $1 tenant, $2 query text, $3..$5 scope (above), $6 limit. Candidates come from four arms,
 * each on its own index and capped, so that a common word cannot make one query score a
 * whole tenant:
 *  - named: every query word begins a word of the name or title (prefix full-text; the newest 100);
 *  - texted: every query word begins a word of the name, title or text (the newest 50);
 *  - fuzzy: the query is close to a stretch of the name and title (trigram word similarity, <%;
 *    the closest 50): typos, other spellings, words inside words ("report" in "salesreport");
 *  - recent: a query without words (a kinds-only search) lists the newest files.
 * texted and fuzzy run only when named found fewer than $6: named hits carry the +0.5 bonus
 * for containing every word, so what those arms add would hardly ever reach the first $6.
 * Score: the better of name and title word similarity, +0.5 when every word occurs in them, + a
 * quarter of the full-text rank (read only for the full-text arm: it loads the whole tsvector),
 * + a tenth of whole-string similarity (among equal matches, the name that is closest overall).
 */
export const SEARCH = `
with q as not materialized (
  select vf_normalize($2) as norm, vf_prefix_tsquery($2) as tsq, vf_like_patterns($2) as patterns,
         cardinality(vf_words($2)) = 0 as no_words
),
named as (
  select ${ARM_COLUMNS}, false as via_text from search_documents d, q
  where ${SCOPE} and not q.no_words and d.names_tsv @@ q.tsq
  order by d.created_at desc limit 100
),
texted as (
  select ${ARM_COLUMNS}, true as via_text from search_documents d, q
  where ${SCOPE} and not q.no_words and d.tsv @@ q.tsq and (select count(*) from named) < $6
  order by d.created_at desc limit 50
),
fuzzy as (
  select ${ARM_COLUMNS}, false as via_text from search_documents d, q
  where ${SCOPE} and not q.no_words and q.norm <% d.names_norm and (select count(*) from named) < $6
  order by word_similarity(q.norm, d.names_norm) desc limit 50
),
recent as (
  select ${ARM_COLUMNS}, false as via_text from search_documents d, q
  where ${SCOPE} and q.no_words
  order by d.created_at desc limit $6
),
candidates as (
  select file_id, version_id, created_at, name_norm, title_norm, bool_or(via_text) as via_text
  from (select * from named union all select * from texted union all select * from fuzzy union all select * from recent) as arms
  group by file_id, version_id, created_at, name_norm, title_norm
),
scored as (
  select c.file_id, c.version_id, c.created_at,
         word_similarity(q.norm, c.name_norm) as name_sim,
         word_similarity(q.norm, c.title_norm) as title_sim,
         case when c.via_text
              then (select ts_rank(d.tsv, q.tsq) from search_documents d where d.tenant_id = $1 and d.file_id = c.file_id)
              else 0 end as text_rank,
         (c.name_norm || ' ' || c.title_norm) like all (q.patterns) as all_words,
         greatest(similarity(q.norm, c.name_norm), similarity(q.norm, c.title_norm)) as whole_sim
  from candidates c, q
)
select file_id, version_id,
       greatest(name_sim, title_sim) + case when all_words then 0.5 else 0 end + least(text_rank, 1) * 0.25
         + whole_sim * 0.1 as score,
       case when greatest(name_sim, title_sim) >= 0.3 or all_words
            then case when name_sim >= title_sim then 'name' else 'title' end
            else 'text' end as matched_on
from scored
order by score desc, created_at desc, file_id
limit $6`;
