-- The code throttle's take and refund in one round trip each (issue 9 benchmark: 200 concurrent
-- redemptions queued behind multi-statement transactions on the same bucket rows). Security
-- invoker: the caller's own rights and the tenant_isolation policy apply; the function binds the
-- tenant it is given for its body (as inTenant does) and restores the previous binding.
-- Buckets are taken all or none: refreshed and locked in a fixed order, then decremented only if
-- every one holds a token. Returns, per bucket, the tokens after the refill and whether it was taken.
create function vf_take_code_tokens(
  p_tenant uuid, p_scopes text[], p_keys text[], p_rates double precision[], p_bursts double precision[], p_now timestamptz
) returns table (bucket_scope text, bucket_tokens double precision, taken boolean)
  language plpgsql volatile
  set search_path from current
  as $$
  declare
    previous text := current_setting('app.tenant_id', true);
    all_full boolean := true;
    i integer;
    refreshed double precision;
    after double precision[] := array[]::double precision[];
    order_of integer[];
  begin
    perform set_config('app.tenant_id', p_tenant::text, true);
    select array_agg(g order by p_scopes[g], p_keys[g]) into order_of from generate_subscripts(p_scopes, 1) g;
    foreach i in array order_of loop
      insert into code_attempt_buckets as b (tenant_id, scope, key, tokens, updated_at)
      values (p_tenant, p_scopes[i], p_keys[i], p_bursts[i], p_now)
      on conflict (tenant_id, scope, key) do update
      set tokens = least(p_bursts[i], b.tokens + greatest(0, extract(epoch from (p_now - b.updated_at))) * p_rates[i]),
          updated_at = greatest(b.updated_at, p_now)
      returning b.tokens into refreshed;
      after[i] := refreshed;
      if refreshed < 1 then all_full := false; end if;
    end loop;
    if all_full then
      foreach i in array order_of loop
        update code_attempt_buckets b set tokens = b.tokens - 1 where b.tenant_id = p_tenant and b.scope = p_scopes[i] and b.key = p_keys[i];
      end loop;
    end if;
    perform set_config('app.tenant_id', coalesce(previous, ''), true);
    return query select p_scopes[g], after[g], all_full from generate_subscripts(p_scopes, 1) g;
  end
  $$;

-- Give one token back to each bucket, never above its burst (an attempt that found a live code).
create function vf_refund_code_tokens(p_tenant uuid, p_scopes text[], p_keys text[], p_bursts double precision[])
  returns void
  language plpgsql volatile
  set search_path from current
  as $$
  declare
    previous text := current_setting('app.tenant_id', true);
    i integer;
  begin
    perform set_config('app.tenant_id', p_tenant::text, true);
    for i in select g from generate_subscripts(p_scopes, 1) g order by p_scopes[g], p_keys[g] loop
      update code_attempt_buckets b set tokens = least(p_bursts[i], b.tokens + 1)
      where b.tenant_id = p_tenant and b.scope = p_scopes[i] and b.key = p_keys[i];
    end loop;
    perform set_config('app.tenant_id', coalesce(previous, ''), true);
  end
  $$;
