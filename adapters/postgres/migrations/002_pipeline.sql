-- Processing pipeline: quarantine flags on blobs and a scan-result cache.

-- A blob whose content a scan found infected; no code path may serve it.
alter table blobs add column quarantined_at timestamptz;
alter table blobs add column quarantine_reason text;

-- Scan verdicts by (tenant, content, signature database), so identical content is not
-- rescanned until the signatures change. Per tenant, like everything else.
create table scan_results (
  tenant_id uuid not null references tenants (id) on delete cascade,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  signature_version text not null,
  verdict text not null check (verdict in ('clean', 'infected')),
  signature text,
  scanned_at timestamptz not null default now(),
  primary key (tenant_id, sha256, signature_version)
);

alter table scan_results enable row level security;
alter table scan_results force row level security;
create policy tenant_isolation on scan_results
  using (vf_current_tenant() is null or tenant_id = vf_current_tenant());

-- Versions in a middle state, found after a restart.
create index file_versions_unfinished on file_versions (created_at)
  where status in ('stored', 'scanning', 'extracting', 'indexing');
