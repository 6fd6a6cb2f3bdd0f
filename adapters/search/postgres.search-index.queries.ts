/**
 * SQL of PostgresSearchIndex (tables of migrations 010 and 016; the ranked search itself is the
 * function vf_search_ranked of migration 017). Text analysis (vf_index_text, vf_lexemes) lives in
 * the migrations so documents and queries agree. Nothing here is built from input.
 *
 * Scoring (BM25, Robertson/Zaragoza, with the usual k1 = 1.2, b = 0.75), per tenant:
 *   idf(t)     = ln(1 + (N - df + 0.5) / (df + 0.5))    N files of the tenant, df files containing t
 *   impact(p)  = f * tf (k1 + 1) / (tf + k1 (1 - b + b len / avglen))   stored per posting (016),
 *                f = 2.5 for name and title, 1 for text passages
 *   s(t, p)    = w(t) * idf(t) * impact(p)
 * A query word counts once per passage: the best of its forms t (exact lexemes w = 1, the raw
 * spoken words 0.6, tenant words within trigram reach 0.8 x similarity, phonetic keys 0.45).
 * File score = (sum over words of the better of name and title)
 *            + (sum over words in the best text passage)
 *            x (share of query words found anywhere)      (a file with every word beats one with one)
 *            x 1.6 when a spoken date was given as a boost and the file is dated in it.
 * Scoring the best passage rather than the whole text keeps long texts from winning by length,
 * and says where the answer is (`passage`, read back as the `matched` snippet).
 *
 * Bounded work: a query reads at most POSTINGS_PER_TERM postings per term, best impact first
 * (every posting of a rare term), picks the CANDIDATES files with the best partial scores, and
 * scores only those exactly. A file can be missed only when most of its score would come from
 * common words in which it is not among the best postings.
 */

/** The entry's current version, locked for the replace; a higher version already there wins. */
export const LOCK_ENTRY = `
select version from search_entries where tenant_id = $1 and file_id = $2 for update`;

/** The distinct terms of a file's postings (before a replace or removal, for the statistics). */
export const FILE_TERMS = `
select coalesce(array_agg(distinct term), '{}') as terms from search_postings where tenant_id = $1 and file_id = $2`;

/** Removes the entry with its passages and postings (foreign keys cascade). */
export const DELETE_ENTRY = `
delete from search_entries where tenant_id = $1 and file_id = $2`;

export const INSERT_ENTRY = `
insert into search_entries (tenant_id, file_id, version_id, version, name, title, kind, mime_type, customer_id, visibility,
  created_at, updated_at, language, tags, category, dates, pages, sheets, duration_seconds)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[], $15, $16::date[], $17, $18, $19)`;

/** $3 the passages' text, in order (numbered from 1). */
export const INSERT_PASSAGES = `
insert into search_passages (tenant_id, file_id, passage, body)
select $1, $2, t.ord, t.body from unnest($3::text[]) with ordinality as t (body, ord)`;

/**
 * Postings of every field: passage 0 the name with tags and category, -1 the title, 1.. the text
 * ($3 language, $4 name words, $5 title, $6 passages, $7 phonetic keys of name and title words),
 * each with its impact (see the scoring note above).
 */
export const INSERT_POSTINGS = `
with fields as (
  select 0 as passage, vf_lexemes($3, $4) as tsv
  union all select -1, vf_lexemes($3, $5) where $5::text is not null
  union all select t.ord::int, vf_lexemes($3, t.body) from unnest($6::text[]) with ordinality as t (body, ord)
),
sized as (
  select passage, tsv, greatest(1, (select coalesce(sum(cardinality(l.positions)), 0) from unnest(tsv) l))::int as len from fields
),
terms as materialized (
  select s.passage, l.lexeme as term, least(cardinality(l.positions), 32767) as tf, least(s.len, 32767) as len from sized s, unnest(s.tsv) l
  union all
  select 0, '~' || k, least(count(*), 32767)::int, 1 from unnest($7::text[]) k group by k
)
insert into search_postings (tenant_id, file_id, term, passage, tf, len, impact, kind, visibility, customer_id)
select $1, $2, term, passage, tf, len,
       (case when passage <= 0 then 2.5 else 1 end) * tf * 2.2
         / (tf + 1.2 * (0.25 + 0.75 * len / (case when passage <= 0 then 6.0 else 80.0 end))),
       $8, $9, $10
from terms
on conflict do nothing`;

/**
 * Brings the statistics up to date after a file's postings changed: +1 for each term it has now,
 * -1 for each term it had ($3), and $4 (+1 a new file, -1 a removed one, 0 a replace) on the
 * file count (term ''). One statement in term order, so concurrent writers take locks alike.
 */
export const UPDATE_STATS = `
insert into search_term_stats (tenant_id, term, df)
select $1, term, sum(d)::int from (
  select distinct term, 1 as d from search_postings where tenant_id = $1 and file_id = $2
  union all select unnest($3::text[]), -1
  union all select '', $4::int
) x
group by term having sum(d) <> 0
order by term
on conflict (tenant_id, term) do update set df = search_term_stats.df + excluded.df`;

/**
 * The tenant's vocabulary: each word of the name, title and text (3 to 40 letters, no digits) with
 * the lexeme it is indexed as. Sorted, so concurrent writers take the rows' locks in one order.
 */
export const INSERT_TERMS = `
insert into search_terms (tenant_id, word, term)
select distinct $1::uuid, w.word, l.lexeme
from (select distinct x as word from regexp_split_to_table(vf_index_text($3), ' ') as x
      where char_length(x) between 3 and 40 and x !~ '[0-9]') w,
     unnest(vf_lexemes($2, w.word)) l
order by 2, 3
on conflict do nothing`;

export const DELETE_TENANT = `
delete from search_entries where tenant_id = $1`;

export const DELETE_TENANT_TERMS = `
delete from search_terms where tenant_id = $1`;

export const DELETE_TENANT_STATS = `
delete from search_term_stats where tenant_id = $1`;

export const NEEDS_REBUILD = `
select format < $1 or rebuilt_at is null as needed from search_index_state`;

export const MARK_REBUILT = `
update search_index_state set format = $1, rebuilt_at = now()`;

/**
 * Transaction-local: the tenant for row-level security, the trigram thresholds of % and <%, and
 * that this writer keeps the statistics itself (migration 016's delete trigger stands aside).
 */
export const BIND_SEARCH = `
select set_config('app.tenant_id', $1, true), set_config('pg_trgm.similarity_threshold', $2, true),
       set_config('pg_trgm.word_similarity_threshold', $3, true), set_config('app.search_stats_by_writer', 'on', true)`;

/** Access ($2 no restriction, $3 caller's customer id), kinds ($4, null any) and customer ($5) on a row of alias x. */
const scope = (x: string) => `${x}.tenant_id = $1
    and ($2::boolean or ${x}.visibility = 'public' or (${x}.visibility = 'customer' and ${x}.customer_id = $3::text))
    and ($4::text[] is null or ${x}.kind = any($4::text[]))
    and ($5::text is null or ${x}.customer_id = $5::text)`;

/** Tags ($6, all of them), category ($7) and dates ($8..$10: from, to, 'filter' | 'boost') on entry e. */
const ENTRY_FILTERS = `($6::text[] is null or e.tags @> $6::text[])
    and ($7::text is null or e.category = $7::text)
    and ($10::text is distinct from 'filter' or ${dated('e')})`;

/** $12: the time zone whose calendar days $8 and $9 are (an upload's instant counts as its day there). */
function dated(e: string): string {
  return `((${e}.created_at at time zone $12)::date between $8::date and $9::date or exists (select 1 from unnest(${e}.dates) d where d between $8::date and $9::date))`;
}

/** Without query words: the newest files that pass the filters; $11 limit, $12 time zone. */
export const SEARCH_RECENT = `
select e.file_id, e.version_id, 0::float8 as score, 'name' as matched_on, null::int as passage, null::text[] as terms
from search_entries e
where ${scope('e')} and ${ENTRY_FILTERS}
order by e.created_at desc, e.file_id
limit $11`;

/**
 * Ranked search: the function of migration 017 (its plan is made once per connection). $1..$10
 * scope and filters (above), $11 limit; the query's forms as parallel arrays: $12 word number,
 * $13 form, $14 weight, $15 what the form is ('w' a word that may also match fuzzily, 'x' a word
 * matched exactly only (digits, codes, short words), 'p' a phonetic key); $16 postings read per
 * term (a quarter of it for typo and sound-alike forms), $17 candidates, $18 whether entry filters
 * or a date apply (the candidates' entries are then read before the cut, so the filters and the
 * date boost act on every candidate, not only on the survivors), $19 the trigram similarity of a
 * typo, $20 the time zone of the date range's days. One statement, one round trip: it binds the
 * tenant itself and returns each hit's passage to quote (`body`), the terms its name or title
 * matched (`name_terms`) and each query term's weight (`weights`), for picking the snippet.
 *
 * The steps: the forms' lexemes in English, German and simple; typos of words the tenant lacks
 * (same first letter, trigram reach); per-term idf from search_term_stats; each term's best
 * postings (the heads); candidates by partial score x words covered; then every (candidate,
 * term) posting, scored as in the note at the top, best passage kept for the snippet.
 * To change it, add a migration that replaces the function.
 */
export const SEARCH_RANKED = `
select file_id, version_id, score, matched_on, passage, terms, body, name_terms, weights
from vf_search_ranked($1::uuid, $2::boolean, $3::text, $4::text[], $5::text, $6::text[], $7::text, $8::date, $9::date, $10::text,
  $11::int, $12::int[], $13::text[], $14::float8[], $15::text[], $16::int, $17::int, $18::boolean, $19::float8, $20::text)`;
