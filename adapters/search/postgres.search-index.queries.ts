/**
 * SQL of PostgresSearchIndex (tables of migration 010). Text analysis (vf_index_text, vf_lexemes)
 * lives in the migrations so documents and queries agree. Nothing here is built from input.
 *
 * Scoring (BM25, Robertson/Zaragoza, with the usual k1 = 1.2, b = 0.75), per tenant:
 *   idf(t)    = ln(1 + (N - df + 0.5) / (df + 0.5))    N files of the tenant, df files containing t
 *   s(t, p)   = w(t) * idf(t) * tf (k1 + 1) / (tf + k1 (1 - b + b len / avglen))   for passage p
 * A query word counts once per passage: the best of its forms t (exact lexemes w = 1, the raw
 * spoken words 0.6, tenant words within trigram reach 0.8 x similarity, phonetic keys 0.45).
 * File score = 2.5 x (sum over words of the better of name and title)
 *            + (sum over words in the best text passage)
 *            x (share of query words found anywhere)      (a file with every word beats one with one)
 *            x 1.6 when a spoken date was given as a boost and the file is dated in it.
 * Scoring the best passage rather than the whole text keeps long texts from winning by length,
 * and says where the answer is (`passage`, read back as the `matched` snippet).
 */

/** The entry's current version, locked for the replace; a higher version already there wins. */
export const LOCK_ENTRY = `
select version from search_entries where tenant_id = $1 and file_id = $2 for update`;

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
 * ($3 language, $4 name words, $5 title, $6 passages, $7 phonetic keys of name and title words).
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
  select s.passage, l.lexeme as term, cardinality(l.positions) as tf, s.len from sized s, unnest(s.tsv) l
  union all
  select 0, '~' || k, count(*)::int, 1 from unnest($7::text[]) k group by k
)
insert into search_postings (tenant_id, term, file_id, passage, tf, len, kind, visibility, customer_id)
select $1, term, $2, passage, least(tf, 32767), least(len, 32767), $8, $9, $10 from terms
on conflict do nothing`;

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

export const NEEDS_REBUILD = `
select format < $1 or rebuilt_at is null as needed from search_index_state`;

export const MARK_REBUILT = `
update search_index_state set format = $1, rebuilt_at = now()`;

/** Transaction-local: the tenant for row-level security, and the trigram thresholds of % and <%. */
export const BIND_SEARCH = `
select set_config('app.tenant_id', $1, true), set_config('pg_trgm.similarity_threshold', $2, true),
       set_config('pg_trgm.word_similarity_threshold', $3, true)`;

/** Access ($2 no restriction, $3 caller's customer id), kinds ($4, null any) and customer ($5) on a row of alias x. */
const scope = (x: string) => `${x}.tenant_id = $1
    and ($2::boolean or ${x}.visibility = 'public' or (${x}.visibility = 'customer' and ${x}.customer_id = $3::text))
    and ($4::text[] is null or ${x}.kind = any($4::text[]))
    and ($5::text is null or ${x}.customer_id = $5::text)`;

/** Tags ($6, all of them), category ($7) and dates ($8..$10: from, to, 'filter' | 'boost') on entry e. */
const ENTRY_FILTERS = `($6::text[] is null or e.tags @> $6::text[])
    and ($7::text is null or e.category = $7::text)
    and ($10::text is distinct from 'filter' or ${dated('e')})`;

function dated(e: string): string {
  return `(${e}.created_at::date between $8::date and $9::date or exists (select 1 from unnest(${e}.dates) d where d between $8::date and $9::date))`;
}

/** Without query words: the newest files that pass the filters; $11 limit. */
export const SEARCH_RECENT = `
select e.file_id, e.version_id, 0::float8 as score, 'name' as matched_on, null::int as passage, null::text[] as terms
from search_entries e
where ${scope('e')} and ${ENTRY_FILTERS}
order by e.created_at desc, e.file_id
limit $11`;

/**
 * Ranked search. $1..$10 scope and filters (above), $11 limit; the query's forms as parallel
 * arrays: $12 word number, $13 form, $14 weight, $15 what the form is ('w' a word that may also
 * match fuzzily, 'x' a word matched exactly only (digits, codes, short words), 'p' a phonetic key).
 */
export const SEARCH_RANKED = `
with input as (
  select * from unnest($12::int[], $13::text[], $14::float8[], $15::text[]) as i (qword, form, weight, how)
),
forms as (
  select i.qword, l.term, i.weight from input i
  cross join lateral (
    select distinct x.lexeme as term
    from unnest(vf_lexemes('en', i.form) || vf_lexemes('de', i.form) || vf_lexemes(null, i.form)) x
  ) l
  where i.how <> 'p'
  union all
  select qword, '~' || form, weight from input where how = 'p'
),
fuzzy as (
  select i.qword, f.term, i.weight * 0.8 * f.sim as weight from input i
  cross join lateral (select vf_index_text(i.form) as w) q
  cross join lateral (
    select t.term, max(greatest(similarity(t.word, q.w), word_similarity(q.w, t.word))) as sim
    from search_terms t
    where t.tenant_id = $1 and (t.word % q.w or q.w <% t.word)
    group by t.term
    order by sim desc, t.term
    limit 8
  ) f
  where i.how = 'w'
),
terms as materialized (
  select qword, term, max(weight) as weight from (select * from forms union all select * from fuzzy) a group by qword, term
),
tenant as materialized (select count(*)::float8 as n from search_entries where tenant_id = $1),
idf as materialized (
  select t.term, ln(1 + (tenant.n - d.df + 0.5) / (d.df + 0.5)) as idf
  from (select distinct term from terms) t cross join tenant
  cross join lateral (select count(distinct p.file_id)::float8 as df from search_postings p where p.tenant_id = $1 and p.term = t.term) d
  where d.df > 0
),
hits as (
  select p.file_id, p.passage, t.qword,
         max(t.weight * i.idf * (p.tf * 2.2) / (p.tf + 1.2 * (0.25 + 0.75 * p.len / (case when p.passage <= 0 then 6.0 else 80.0 end)))) as s,
         array_agg(distinct t.term) as terms
  from terms t
  join idf i using (term)
  join search_postings p on p.term = t.term
  where ${scope('p')}
  group by p.file_id, p.passage, t.qword
),
names as (
  select file_id, sum(s) as s, sum(s) filter (where passage = 0) as name_s, sum(s) filter (where passage = -1) as title_s
  from (select distinct on (file_id, qword) file_id, qword, passage, s
        from hits where passage <= 0 order by file_id, qword, s desc, passage desc) best
  group by file_id
),
passages as (
  select distinct on (file_id) file_id, passage, s, terms from (
    select file_id, passage, sum(s) as s, array_agg(term) as terms
    from hits cross join lateral unnest(hits.terms) as term
    where passage > 0 group by file_id, passage) x
  order by file_id, s desc, passage
),
coverage as (
  select file_id, count(distinct qword)::float8 / (select count(distinct qword) from input) as share from hits group by file_id
),
ranked as (
  -- One aggregation over the three parts, not joins: with a common word the parts hold
  -- thousands of files, and a join planned from a one-row estimate re-scanned them per file.
  select file_id, coalesce(sum(n_s), 0) * 2.5 + coalesce(sum(text_s), 0) as base, coalesce(sum(share), 0) as share,
         coalesce(sum(name_s), 0) as name_s, coalesce(sum(title_s), 0) as title_s, coalesce(sum(text_s), 0) as text_s
  from (
    select file_id, s as n_s, name_s, title_s, null::float8 as text_s, null::float8 as share from names
    union all select file_id, null, null, null, s, null from passages
    union all select file_id, null, null, null, null, share from coverage
  ) parts
  group by file_id
),
top as (
  select e.file_id, e.version_id, e.created_at,
         r.base * r.share * (case when $10::text = 'boost' and ${dated('e')} then 1.6 else 1 end) as score,
         case when r.text_s > greatest(r.name_s, r.title_s) * 2.5 then 'text'
              when r.title_s > r.name_s then 'title' else 'name' end as matched_on
  from ranked r
  join search_entries e on e.tenant_id = $1 and e.file_id = r.file_id
  where ${ENTRY_FILTERS}
  order by score desc, e.created_at desc, e.file_id
  limit $11
)
select t.file_id, t.version_id, t.score, t.matched_on, b.passage, b.terms
from top t left join passages b using (file_id)
order by t.score desc, t.created_at desc, t.file_id`;

export const SELECT_PASSAGES = `
select p.file_id, p.body
from search_passages p
join unnest($2::uuid[], $3::int[]) as w (file_id, passage) on p.file_id = w.file_id and p.passage = w.passage
where p.tenant_id = $1`;
