-- Row-level security that fails closed, and the one narrow way past it for platform work.
--
-- Until now a transaction without app.tenant_id saw every tenant's rows. From here on:
--   * every tenant table passes only rows of the tenant bound with inTenant() (app.tenant_id);
--     with no tenant bound, a query sees nothing and can write nothing;
--   * the few platform-wide reads and writes (API-key lookup by hash, versions in given states
--     across tenants, audit events of platform actions) are SECURITY DEFINER functions below,
--     owned by the role running this migration (the owner of the tables). Inside them, and only
--     there, the `platform_functions` policy lets that role through;
--   * the service runs as a different role that owns nothing (DATABASE_URL; see
--     infra/postgres/init.sql and adapters/postgres/tenant-scope.ts), so no SQL it sends can
--     widen its own view: it is not the owner, and setting app.platform does nothing for it.

-- True inside the platform functions: they turn app.platform on for their body, and they run
-- as the owner named here (the role running this migration).
do $$
begin
  execute format(
    $f$create function vf_platform_access() returns boolean
         language sql stable parallel safe
         return current_user = %L and current_setting('app.platform', true) = 'on'$f$,
    current_user);
end
$$;

-- Replace the fail-open policies of 001 and 002, table by table. Each function is wrapped in a
-- scalar subquery, so Postgres evaluates it once per statement (an InitPlan) instead of once per
-- row: measured on PGlite, a scan of 200,000 rows takes 15 ms this way against 94 ms with the
-- functions called per row (29 ms for the tenant policy alone).
do $$
declare
  t text;
begin
  foreach t in array array['api_keys', 'blobs', 'files', 'file_versions', 'audit_events', 'search_documents', 'scan_results'] loop
    execute format('drop policy if exists tenant_isolation on %I', t);
    execute format('create policy tenant_isolation on %I using (tenant_id = (select vf_current_tenant())) with check (tenant_id = (select vf_current_tenant()))', t);
    execute format('create policy platform_functions on %I using ((select vf_platform_access())) with check ((select vf_platform_access()))', t);
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
  end loop;
end
$$;

-- The platform functions. Each runs as the owner with app.platform on for its body only (set
-- on entry, restored before it returns; a function SET clause cannot name a custom setting
-- unless a superuser allows it), with the search_path of this migration (so a caller's
-- search_path cannot redirect it), and returns only what its caller needs.

-- The API key row with this hash (revoked or not): how a request finds its tenant. It returns
-- the table's row type, so columns later migrations add come along; the caller joins the
-- tenant and decides whether the key is still good (revoked, expired), in its own SQL.
create function vf_find_api_key(p_key_hash text)
  returns setof api_keys
  language plpgsql stable security definer
  set search_path from current
  as $$
  declare
    previous text := current_setting('app.platform', true);
  begin
    perform set_config('app.platform', 'on', true);
    return query select k.* from api_keys k where k.key_hash = p_key_hash;
    perform set_config('app.platform', coalesce(previous, ''), true);
  end
  $$;

-- Versions in some states across tenants, oldest first: ids and states only (resuming after a
-- restart, rescanning once the scanner is back). Reading them needs inTenant.
create function vf_versions_in_states(p_states text[], p_limit integer)
  returns table (tenant_id uuid, id uuid, status text)
  language plpgsql stable security definer
  set search_path from current
  as $$
  declare
    previous text := current_setting('app.platform', true);
  begin
    perform set_config('app.platform', 'on', true);
    return query
      select v.tenant_id, v.id, v.status
      from file_versions v
      where v.status = any(p_states)
      order by v.created_at
      limit least(greatest(p_limit, 0), 100000);
    perform set_config('app.platform', coalesce(previous, ''), true);
  end
  $$;

-- An audit event of a platform action (no tenant: tenant creation, admin lookups).
create function vf_append_platform_audit(
  p_actor text, p_role text, p_call_id text, p_request_id text, p_action text, p_target text, p_outcome text, p_detail jsonb
) returns void
  language plpgsql volatile security definer
  set search_path from current
  as $$
  declare
    previous text := current_setting('app.platform', true);
  begin
    perform set_config('app.platform', 'on', true);
    insert into audit_events (tenant_id, actor, role, call_id, request_id, action, target, outcome, detail)
    values (null, p_actor, p_role, p_call_id, p_request_id, p_action, p_target, p_outcome, p_detail);
    perform set_config('app.platform', coalesce(previous, ''), true);
  end
  $$;

-- What the service's runtime role may do, granted by the owner at every start (after the
-- migrations and pg-boss's own schema are in place): data in the tables, never their shape;
-- audit events can be added, not changed; the migration record is none of its business.
create function vf_grant_runtime(p_role name, p_queue_schema name) returns void
  language plpgsql volatile
  as $$
  begin
    execute format('grant usage on schema %I to %I', current_schema(), p_role);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', current_schema(), p_role);
    execute format('grant usage, select on all sequences in schema %I to %I', current_schema(), p_role);
    execute format('revoke update, delete, truncate on audit_events from %I', p_role);
    execute format('revoke all on schema_migrations from %I', p_role);
    execute format('revoke execute on function vf_grant_runtime(name, name) from %I', p_role);
    if p_queue_schema is not null then
      execute format('grant usage on schema %I to %I', p_queue_schema, p_role);
      execute format('grant select, insert, update, delete on all tables in schema %I to %I', p_queue_schema, p_role);
      execute format('grant usage, select on all sequences in schema %I to %I', p_queue_schema, p_role);
    end if;
  end
  $$;
revoke execute on function vf_grant_runtime(name, name) from public;
