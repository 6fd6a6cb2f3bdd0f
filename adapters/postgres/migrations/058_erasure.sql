-- Erasure of a data subject (issue 10, GDPR art. 17), and the one sanctioned way to change the
-- append-only audit trail: clearing the personal fields of events about what was erased.
--
-- audit_events stays append-only for everyone (migration 001's trigger refuses UPDATE, DELETE and
-- TRUNCATE; the runtime role has no UPDATE or DELETE privilege at all, see vf_grant_runtime).
-- The trigger below lets exactly one kind of UPDATE through: inside vf_redact_audit_events, run
-- as the owner with app.audit_redaction on for its body, an update that keeps every structural
-- column (id, at, tenant, actor, role, request id, action, outcome) and changes only the personal
-- ones: `target` may become 'redacted', `call_id` null, and `detail` keeps its keys with numbers
-- and booleans, every other value null, plus "redacted": true. Nothing can delete an event.

do $outer$
begin
  execute format(
    $f$create or replace function audit_events_refuse_change() returns trigger
         language plpgsql as $body$
       begin
         if tg_op = 'UPDATE' and current_user = %L and current_setting('app.audit_redaction', true) = 'on'
            and new.id = old.id and new.at = old.at and new.tenant_id is not distinct from old.tenant_id
            and new.actor = old.actor and new.role = old.role and new.request_id is not distinct from old.request_id
            and new.action = old.action and new.outcome = old.outcome
            and (new.target is not distinct from old.target or new.target = 'redacted')
            and new.call_id is null
            and (new.detail ->> 'redacted') = 'true' then
           return new;
         end if;
         raise exception 'audit_events is append-only (%% refused)', tg_op using errcode = 'insufficient_privilege';
       end;
       $body$ $f$,
    current_user);
end
$outer$;

-- Clear the personal fields of the tenant's events about `p_targets` (erased file ids, and the
-- customer id itself) or naming the customer in their detail. Only the caller's own tenant: the
-- tenant bound with inTenant must be p_tenant_id. Returns how many events were redacted now.
create function vf_redact_audit_events(p_tenant_id uuid, p_targets text[], p_customer_id text) returns integer
  language plpgsql volatile security definer
  set search_path from current
  as $$
  declare
    previous text := current_setting('app.audit_redaction', true);
    redacted integer;
  begin
    if p_tenant_id is null or p_tenant_id is distinct from vf_current_tenant() then
      raise exception 'vf_redact_audit_events: tenant % is not the bound tenant', p_tenant_id using errcode = 'insufficient_privilege';
    end if;
    perform set_config('app.audit_redaction', 'on', true);
    update audit_events e
    set target = case when e.target = p_customer_id then 'redacted' else e.target end,
        call_id = null,
        detail = (
          select coalesce(jsonb_object_agg(d.key, case when jsonb_typeof(d.value) in ('number', 'boolean') then d.value else 'null'::jsonb end), '{}'::jsonb)
          from jsonb_each(e.detail) d
        ) || '{"redacted": true}'::jsonb
    where e.tenant_id = p_tenant_id
      and (e.target = any(p_targets) or (p_customer_id is not null and e.detail ->> 'customer_id' = p_customer_id))
      and (e.detail ->> 'redacted') is distinct from 'true';
    get diagnostics redacted = row_count;
    perform set_config('app.audit_redaction', coalesce(previous, ''), true);
    return redacted;
  end
  $$;
