-- Quotas per tenant (issue 10): a byte quota (deduplicated bytes count once: the sum of the
-- tenant's blobs still referenced) and a file-count quota, both optional (null: no limit).
-- (tenants.trash_days, settable with the quotas, comes from migration 050.)

alter table tenants add column quota_bytes bigint check (quota_bytes is null or quota_bytes >= 0);
alter table tenants add column quota_files bigint check (quota_files is null or quota_files >= 0);

-- One row per tenant with a quota: the lock that serialises the quota check of concurrent
-- uploads (taken in the transaction that records a version, so no two uploads can both pass the
-- check on the same usage), and the warning last given, so each threshold warns once per crossing.
create table tenant_quota_state (
  tenant_id uuid primary key references tenants (id) on delete cascade,
  -- The highest warning threshold (percent) the usage has crossed and was warned about; goes
  -- back down when usage falls, so crossing again warns again.
  warned_percent integer not null default 0 check (warned_percent >= 0),
  last_warning_percent integer,
  last_warning_measure text check (last_warning_measure in ('bytes', 'files')),
  last_warning_at timestamptz,
  last_warning_bytes bigint,
  last_warning_files bigint
);

alter table tenant_quota_state enable row level security;
alter table tenant_quota_state force row level security;
create policy tenant_isolation on tenant_quota_state
  using (tenant_id = (select vf_current_tenant()))
  with check (tenant_id = (select vf_current_tenant()));
