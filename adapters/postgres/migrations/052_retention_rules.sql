-- Retention rules (issue 10), per tenant, by category or by tag: a minimum (a matching file cannot
-- be deleted before created_at + min_days) and a maximum (a matching file is moved to the trash
-- automatically once created_at + max_days has passed). Holds still win over a maximum.

create table retention_rules (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id) on delete cascade,
  match text not null check (match in ('category', 'tag')),
  value text not null check (char_length(value) between 1 and 100),
  min_days integer check (min_days between 1 and 36500),
  max_days integer check (max_days between 1 and 36500),
  created_by text not null,
  created_at timestamptz not null default now(),
  check (min_days is not null or max_days is not null),
  check (min_days is null or max_days is null or min_days <= max_days),
  unique (tenant_id, match, value)
);

alter table retention_rules enable row level security;
alter table retention_rules force row level security;
create policy tenant_isolation on retention_rules
  using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()));

-- Whether a file (its row as jsonb, `to_jsonb(f)`) matches a rule. The one place that knows where
-- categories and tags live: `files.category` (text) and `files.tags` (text[]), added by the
-- migrations of categories and tags (055+). Until those columns exist no file matches, so rules
-- can be stored before they can apply. A later migration may `create or replace` this function
-- if tags move to a table of their own.
create function vf_retention_matches(p_file jsonb, p_match text, p_value text) returns boolean
  language sql immutable parallel safe
  return case p_match
    when 'category' then coalesce(p_file ->> 'category' = p_value, false)
    when 'tag' then coalesce(jsonb_typeof(p_file -> 'tags') = 'array' and (p_file -> 'tags') ? p_value, false)
    else false
  end;
