-- Ranked search as a function, so its plan is made once per connection and reused (issue 8:
-- find's latency). Planning the query took 3-7 ms on a PostgreSQL server and 10-20 ms on PGlite,
-- more than running it. PL/pgSQL keeps the plan of RETURN QUERY per session, and
-- force_generic_plan makes it one plan for every call: the query's shape (materialized CTEs,
-- per-row probes with OFFSET 0) does not depend on the values of its parameters.
--
-- The SQL and its scoring note are those of adapters/search/postgres.search-index.queries.ts
-- (migration 016's tables); $1..$17 as documented there, $18 whether entry filters or a date
-- apply (the entries are read while picking candidates), $19 the trigram similarity from which a
-- tenant word counts as a typo, $20 the IANA time zone whose calendar days $8 and $9 are (an
-- upload's instant is compared as a day there). Returns with each hit the passage to quote (its
-- text, terms, the terms its name or title matched, and each term's weight): the snippet is the
-- sentence with the most weight of words the name does not already explain. SECURITY INVOKER (the default):
-- row-level security binds the caller as for any other statement; the function binds
-- app.tenant_id to p_tenant itself, transaction-local.
create function vf_search_ranked(
  p_tenant uuid, p_all_visible boolean, p_caller_customer text, p_kinds text[], p_customer text,
  p_tags text[], p_category text, p_from date, p_to date, p_date_mode text, p_limit integer,
  p_qword integer[], p_form text[], p_weight double precision[], p_how text[],
  p_postings_per_term integer, p_candidates integer, p_entry_terms boolean, p_fuzzy_threshold double precision,
  p_time_zone text
) returns table (file_id uuid, version_id uuid, score double precision, matched_on text, passage smallint, terms text[], body text, name_terms text[], weights jsonb)
  language plpgsql volatile
  set plan_cache_mode = force_generic_plan
  as $search$
#variable_conflict use_column
begin
  -- Bound here, for this statement's transaction, so a search is one round trip: the tenant for
  -- row-level security and the trigram thresholds of % and <%.
  perform set_config('app.tenant_id', p_tenant::text, true);
  perform set_config('pg_trgm.similarity_threshold', p_fuzzy_threshold::text, true);
  perform set_config('pg_trgm.word_similarity_threshold', '0.6', true);
  if p_entry_terms then
    return query
    with input as (
      select * from unnest($12::int[], $13::text[], $14::float8[], $15::text[]) as i (qword, form, weight, how)
    ),
    forms as (
      select i.qword, l.term, i.weight, true as own from input i
      cross join lateral (
        select distinct x.lexeme as term
        from unnest(vf_lexemes('en', i.form) || vf_lexemes('de', i.form) || vf_lexemes(null, i.form)) x
      ) l
      where i.how <> 'p'
      union all
      select qword, '~' || form, weight, false from input where how = 'p'
    ),
    -- Words the tenant's vocabulary lacks as spoken: only these are expanded to typos of them.
    unknown as materialized (
      select i.qword, i.weight, q.w, left(q.w, 1) as first, chr(ascii(q.w) + 1) as after from input i
      cross join lateral (select vf_index_text(i.form) as w) q
      where i.how = 'w' and q.w <> '' and not exists (select 1 from search_terms k where k.tenant_id = $1 and k.word = q.w)
    ),
    -- Typos among the tenant's words with the same first letter, a range of the primary key. Under
    -- row-level security the planner may not use the trigram index (% is not leakproof), so without
    -- the range the trigram test would run on every word of the tenant.
    fuzzy as (
      select u.qword, f.term, u.weight * 0.8 * f.sim as weight, false as own from unknown u
      cross join lateral (
        select t.term, max(greatest(similarity(t.word, u.w), word_similarity(u.w, t.word))) as sim
        from search_terms t
        where t.tenant_id = $1 and t.word >= u.first and t.word < u.after and (t.word % u.w or u.w <% t.word)
        group by t.term
        order by sim desc, t.term
        limit 8
      ) f
    ),
    terms as materialized (
      select qword, term, max(weight) as weight, bool_or(own) as own
      from (select * from forms union all select * from fuzzy) a group by qword, term
    ),
    tenant as materialized (select greatest(df, 1)::float8 as n from search_term_stats where tenant_id = $1 and term = ''),
    weighted as materialized (
      select t.qword, t.term, t.own, t.weight * ln(1 + (tenant.n - s.df + 0.5) / (s.df + 0.5)) as w
      from terms t
      -- offset 0: a probe per term (without statistics, PGlite's planner read every row of the tenant).
      cross join lateral (select s.df from search_term_stats s where s.tenant_id = $1 and s.term = t.term offset 0) s
      cross join tenant
      where s.df > 0
    ),
    heads as (
      select t.qword, h.file_id, t.w * h.impact as s
      from weighted t
      cross join lateral (
        select p.file_id, p.impact from search_postings p
        where p.term = t.term and p.tenant_id = $1
        and ($2::boolean or p.visibility = 'public' or (p.visibility = 'customer' and p.customer_id = $3::text))
        and ($4::text[] is null or p.kind = any($4::text[]))
        and ($5::text is null or p.customer_id = $5::text)
        order by p.impact desc
        limit (case when t.own then $16::int else $16::int / 4 end)
      ) h
    ),
    candidates as (
      select c.file_id from (select file_id, qword, max(s) as s from heads group by file_id, qword) c
      join search_entries e on e.tenant_id = $1 and e.file_id = c.file_id
      where ($6::text[] is null or e.tags @> $6::text[])
        and ($7::text is null or e.category = $7::text)
        and ($10::text is distinct from 'filter' or ((e.created_at at time zone $20)::date between $8::date and $9::date or exists (select 1 from unnest(e.dates) d where d between $8::date and $9::date)))
      group by c.file_id, e.tenant_id, e.file_id
      order by sum(c.s) * count(*) * (case when $10::text = 'boost' and ((e.created_at at time zone $20)::date between $8::date and $9::date or exists (select 1 from unnest(e.dates) d where d between $8::date and $9::date)) then 1.6 else 1 end) desc, c.file_id
      limit $17
    ),
    hits as (
      select p.file_id, p.passage, t.qword, max(t.w * p.impact) as s, array_agg(distinct t.term) as terms
      from candidates c
      cross join weighted t
      cross join lateral (
        -- offset 0: one probe of (file, term) per pair, never the candidate's whole range of postings.
        select p.file_id, p.passage, p.impact from search_postings p where p.tenant_id = $1 and p.file_id = c.file_id and p.term = t.term
        offset 0
      ) p
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
      select c.file_id, coalesce(n.s, 0) + coalesce(b.s, 0) as base, coalesce(v.share, 0) as share,
             coalesce(n.name_s, 0) as name_s, coalesce(n.title_s, 0) as title_s, coalesce(b.s, 0) as text_s
      from candidates c
      left join names n using (file_id)
      left join passages b using (file_id)
      left join coverage v using (file_id)
    ),
    top as (
      select e.file_id, e.version_id, e.created_at,
             r.base * r.share * (case when $10::text = 'boost' and ((e.created_at at time zone $20)::date between $8::date and $9::date or exists (select 1 from unnest(e.dates) d where d between $8::date and $9::date)) then 1.6 else 1 end) as score,
             case when r.text_s > greatest(r.name_s, r.title_s) then 'text'
                  when r.title_s > r.name_s then 'title' else 'name' end as matched_on
      from ranked r
      join search_entries e on e.tenant_id = $1 and e.file_id = r.file_id
      where r.base > 0 and e.tenant_id = $1
        and ($2::boolean or e.visibility = 'public' or (e.visibility = 'customer' and e.customer_id = $3::text))
        and ($4::text[] is null or e.kind = any($4::text[]))
        and ($5::text is null or e.customer_id = $5::text) and ($6::text[] is null or e.tags @> $6::text[])
        and ($7::text is null or e.category = $7::text)
        and ($10::text is distinct from 'filter' or ((e.created_at at time zone $20)::date between $8::date and $9::date or exists (select 1 from unnest(e.dates) d where d between $8::date and $9::date)))
      order by score desc, e.created_at desc, e.file_id
      limit $11
    )
    select t.file_id, t.version_id, t.score, t.matched_on, b.passage, b.terms, sp.body, n.terms as name_terms, wt.weights
    from top t
    -- The terms its name or title matched.
    left join lateral (
      select array_agg(distinct x) as terms from hits h cross join unnest(h.terms) x where h.file_id = t.file_id and h.passage <= 0
    ) n on true
    -- The passage to quote: the best one when words the name already explains count a quarter
    -- (the file's score keeps the plain best passage).
    left join lateral (
      select h.passage, array_agg(distinct x) as terms
      from hits h cross join unnest(h.terms) x
      where h.file_id = t.file_id and h.passage > 0
      group by h.passage
      order by sum(h.s * case when h.terms <@ coalesce(n.terms, '{}') then 0.25 else 1 end) desc, h.passage
      limit 1
    ) b on true
    left join search_passages sp on sp.tenant_id = $1 and sp.file_id = t.file_id and sp.passage = b.passage
    -- Each term's weight (form weight x idf), for choosing the sentence within the passage.
    cross join (select jsonb_object_agg(term, w) as weights from (select term, max(w) as w from weighted group by term) z) wt
    order by t.score desc, t.created_at desc, t.file_id;
  else
    return query
    with input as (
      select * from unnest($12::int[], $13::text[], $14::float8[], $15::text[]) as i (qword, form, weight, how)
    ),
    forms as (
      select i.qword, l.term, i.weight, true as own from input i
      cross join lateral (
        select distinct x.lexeme as term
        from unnest(vf_lexemes('en', i.form) || vf_lexemes('de', i.form) || vf_lexemes(null, i.form)) x
      ) l
      where i.how <> 'p'
      union all
      select qword, '~' || form, weight, false from input where how = 'p'
    ),
    -- Words the tenant's vocabulary lacks as spoken: only these are expanded to typos of them.
    unknown as materialized (
      select i.qword, i.weight, q.w, left(q.w, 1) as first, chr(ascii(q.w) + 1) as after from input i
      cross join lateral (select vf_index_text(i.form) as w) q
      where i.how = 'w' and q.w <> '' and not exists (select 1 from search_terms k where k.tenant_id = $1 and k.word = q.w)
    ),
    -- Typos among the tenant's words with the same first letter, a range of the primary key. Under
    -- row-level security the planner may not use the trigram index (% is not leakproof), so without
    -- the range the trigram test would run on every word of the tenant.
    fuzzy as (
      select u.qword, f.term, u.weight * 0.8 * f.sim as weight, false as own from unknown u
      cross join lateral (
        select t.term, max(greatest(similarity(t.word, u.w), word_similarity(u.w, t.word))) as sim
        from search_terms t
        where t.tenant_id = $1 and t.word >= u.first and t.word < u.after and (t.word % u.w or u.w <% t.word)
        group by t.term
        order by sim desc, t.term
        limit 8
      ) f
    ),
    terms as materialized (
      select qword, term, max(weight) as weight, bool_or(own) as own
      from (select * from forms union all select * from fuzzy) a group by qword, term
    ),
    tenant as materialized (select greatest(df, 1)::float8 as n from search_term_stats where tenant_id = $1 and term = ''),
    weighted as materialized (
      select t.qword, t.term, t.own, t.weight * ln(1 + (tenant.n - s.df + 0.5) / (s.df + 0.5)) as w
      from terms t
      -- offset 0: a probe per term (without statistics, PGlite's planner read every row of the tenant).
      cross join lateral (select s.df from search_term_stats s where s.tenant_id = $1 and s.term = t.term offset 0) s
      cross join tenant
      where s.df > 0
    ),
    heads as (
      select t.qword, h.file_id, t.w * h.impact as s
      from weighted t
      cross join lateral (
        select p.file_id, p.impact from search_postings p
        where p.term = t.term and p.tenant_id = $1
        and ($2::boolean or p.visibility = 'public' or (p.visibility = 'customer' and p.customer_id = $3::text))
        and ($4::text[] is null or p.kind = any($4::text[]))
        and ($5::text is null or p.customer_id = $5::text)
        order by p.impact desc
        limit (case when t.own then $16::int else $16::int / 4 end)
      ) h
    ),
    candidates as (
      select c.file_id from (select file_id, qword, max(s) as s from heads group by file_id, qword) c
      group by c.file_id
      order by sum(c.s) * count(*) desc, c.file_id
      limit $17
    ),
    hits as (
      select p.file_id, p.passage, t.qword, max(t.w * p.impact) as s, array_agg(distinct t.term) as terms
      from candidates c
      cross join weighted t
      cross join lateral (
        -- offset 0: one probe of (file, term) per pair, never the candidate's whole range of postings.
        select p.file_id, p.passage, p.impact from search_postings p where p.tenant_id = $1 and p.file_id = c.file_id and p.term = t.term
        offset 0
      ) p
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
      select c.file_id, coalesce(n.s, 0) + coalesce(b.s, 0) as base, coalesce(v.share, 0) as share,
             coalesce(n.name_s, 0) as name_s, coalesce(n.title_s, 0) as title_s, coalesce(b.s, 0) as text_s
      from candidates c
      left join names n using (file_id)
      left join passages b using (file_id)
      left join coverage v using (file_id)
    ),
    top as (
      select e.file_id, e.version_id, e.created_at,
             r.base * r.share * (case when $10::text = 'boost' and ((e.created_at at time zone $20)::date between $8::date and $9::date or exists (select 1 from unnest(e.dates) d where d between $8::date and $9::date)) then 1.6 else 1 end) as score,
             case when r.text_s > greatest(r.name_s, r.title_s) then 'text'
                  when r.title_s > r.name_s then 'title' else 'name' end as matched_on
      from ranked r
      join search_entries e on e.tenant_id = $1 and e.file_id = r.file_id
      where r.base > 0 and e.tenant_id = $1
        and ($2::boolean or e.visibility = 'public' or (e.visibility = 'customer' and e.customer_id = $3::text))
        and ($4::text[] is null or e.kind = any($4::text[]))
        and ($5::text is null or e.customer_id = $5::text) and ($6::text[] is null or e.tags @> $6::text[])
        and ($7::text is null or e.category = $7::text)
        and ($10::text is distinct from 'filter' or ((e.created_at at time zone $20)::date between $8::date and $9::date or exists (select 1 from unnest(e.dates) d where d between $8::date and $9::date)))
      order by score desc, e.created_at desc, e.file_id
      limit $11
    )
    select t.file_id, t.version_id, t.score, t.matched_on, b.passage, b.terms, sp.body, n.terms as name_terms, wt.weights
    from top t
    -- The terms its name or title matched.
    left join lateral (
      select array_agg(distinct x) as terms from hits h cross join unnest(h.terms) x where h.file_id = t.file_id and h.passage <= 0
    ) n on true
    -- The passage to quote: the best one when words the name already explains count a quarter
    -- (the file's score keeps the plain best passage).
    left join lateral (
      select h.passage, array_agg(distinct x) as terms
      from hits h cross join unnest(h.terms) x
      where h.file_id = t.file_id and h.passage > 0
      group by h.passage
      order by sum(h.s * case when h.terms <@ coalesce(n.terms, '{}') then 0.25 else 1 end) desc, h.passage
      limit 1
    ) b on true
    left join search_passages sp on sp.tenant_id = $1 and sp.file_id = t.file_id and sp.passage = b.passage
    -- Each term's weight (form weight x idf), for choosing the sentence within the passage.
    cross join (select jsonb_object_agg(term, w) as weights from (select term, max(w) as w from weighted group by term) z) wt
    order by t.score desc, t.created_at desc, t.file_id;
  end if;
end
$search$;
