import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import type { ScanVerdict } from '../ports/scanner.port.ts';
import type { VersionWork } from '../ports/processing-store.port.ts';
import { faultOutcome } from './failures.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { moveVersion, nextJobAfterScan } from './version-moves.ts';

/**
 * Scan a stored version with clamd. Clean moves it on; infected quarantines it;
 * a scanner that refused the content rejects it; a scanner that is down keeps it
 * in `scanning` and retries (policy `required`) or lets it through flagged
 * `unscanned` (policy `optional`). "Not scanned" never counts as clean.
 */
export async function runScanJob(deps: PipelineDeps, payload: JobPayload): Promise<JobOutcome> {
  const work = await deps.store.loadVersion(payload.tenantId, payload.versionId);
  if (!work) return { status: 'skipped', reason: 'version no longer exists' };
  if (work.version.status === 'stored') {
    const moved = await moveVersion(deps, work, { from: ['stored'], to: 'scanning' });
    if (!moved) return { status: 'skipped', reason: 'another run took this version' };
    work.version = moved;
  } else if (work.version.status !== 'scanning') {
    return { status: 'skipped', reason: `already ${work.version.status}` };
  }

  if (work.quarantined) return finishInfected(deps, work, 'previously quarantined content');
  const scanner = deps.scanner;
  if (!scanner || !(await scanner.ping().catch(() => false))) return scannerDown(deps, work);

  let verdict: ScanVerdict | { verdict: 'cached-clean' } | { verdict: 'cached-infected'; signature: string };
  try {
    const signatureVersion = await scanner.signatureVersion();
    const cached = await deps.store.cachedScan(work.version.tenantId, work.version.sha256, signatureVersion);
    if (cached) {
      verdict = cached.verdict === 'clean' ? { verdict: 'cached-clean' } : { verdict: 'cached-infected', signature: cached.signature };
    } else {
      verdict = await scanner.scan(await deps.blobs.get(work.storageKey));
      if (verdict.verdict === 'clean') await deps.store.rememberScan(work.version.tenantId, work.version.sha256, signatureVersion, { verdict: 'clean' });
      if (verdict.verdict === 'infected') {
        await deps.store.rememberScan(work.version.tenantId, work.version.sha256, signatureVersion, { verdict: 'infected', signature: verdict.signature });
      }
    }
  } catch (error) {
    if ((error as { retryable?: unknown }).retryable === true && deps.scanPolicy === 'optional') return scannerDown(deps, work);
    return faultOutcome(error, 'scan');
  }

  switch (verdict.verdict) {
    case 'clean':
    case 'cached-clean': {
      const next = nextJobAfterScan(work);
      const moved = await moveVersion(deps, work, { from: ['scanning'], to: next === 'index' ? 'indexing' : 'extracting', metadata: { scan: { result: 'clean', cached: verdict.verdict === 'cached-clean' } } });
      if (moved) await deps.queue.send(next, payload);
      return { status: 'done' };
    }
    case 'infected':
    case 'cached-infected':
      return finishInfected(deps, work, verdict.signature);
    case 'refused':
      await moveVersion(deps, work, { from: ['scanning'], to: 'rejected', reason: verdict.reason, metadata: { scan: { result: 'refused', detail: verdict.detail } } });
      return { status: 'done' };
  }
}

async function finishInfected(deps: PipelineDeps, work: VersionWork, signature: string): Promise<JobOutcome> {
  await deps.store.quarantineBlob(work.version.tenantId, work.version.blobId, signature);
  await moveVersion(deps, work, { from: ['scanning'], to: 'infected', reason: 'infected', metadata: { scan: { result: 'infected', signature } } });
  return { status: 'done' };
}

async function scannerDown(deps: PipelineDeps, work: VersionWork): Promise<JobOutcome> {
  if (deps.scanPolicy === 'required') return { status: 'failed', reason: 'scanner_unavailable', retry: true };
  const next = nextJobAfterScan(work);
  const moved = await moveVersion(deps, work, { from: ['scanning'], to: next === 'index' ? 'indexing' : 'extracting', metadata: { scan: { result: 'skipped' }, unscanned: true } });
  if (moved) await deps.queue.send(next, { tenantId: work.version.tenantId, versionId: work.version.id });
  return { status: 'done' };
}
