import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import type { ScanVerdict } from '../ports/scanner.port.ts';
import type { VersionWork } from '../ports/processing-store.port.ts';
import { faultOutcome } from './failures.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { moveVersion, nextJobAfterScan, stateBefore } from './version-moves.ts';

type Verdict = ScanVerdict | { verdict: 'cached-clean' } | { verdict: 'cached-infected'; signature: string };

/**
 * Scan a stored version with clamd. Clean moves it on; infected quarantines it;
 * a scanner that refused the content rejects it; a scanner that is down keeps it
 * in `scanning` and retries (policy `required`) or lets it through flagged
 * `unscanned` (policy `optional`). "Not scanned" never counts as clean.
 *
 * A version that ended `unscanned` is scanned again once the scanner is back
 * (ScannerWatch sends this job): clean goes back through indexing to `ready`,
 * infected or refused ends it (and takes it out of the search index).
 */
export async function runScanJob(deps: PipelineDeps, payload: JobPayload): Promise<JobOutcome> {
  const work = await deps.store.loadVersion(payload.tenantId, payload.versionId);
  if (!work) return { status: 'skipped', reason: 'version no longer exists' };
  if (work.version.status === 'unscanned') return rescan(deps, work);
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

  let verdict: Verdict;
  try {
    verdict = await scanOrRecall(deps, work);
  } catch (error) {
    if ((error as { retryable?: unknown }).retryable === true && deps.scanPolicy === 'optional') return scannerDown(deps, work);
    return faultOutcome(error, 'scan');
  }

  switch (verdict.verdict) {
    case 'clean':
    case 'cached-clean': {
      const next = nextJobAfterScan(work);
      await moveVersion(deps, work, { from: ['scanning'], to: stateBefore(next), nextJob: next, metadata: { scan: { result: 'clean', cached: verdict.verdict === 'cached-clean' } } });
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

/** The cached verdict for this content and signature database, or a fresh scan (remembered). */
async function scanOrRecall(deps: PipelineDeps, work: VersionWork): Promise<Verdict> {
  const scanner = deps.scanner!;
  const { tenantId, sha256 } = work.version;
  const signatureVersion = await scanner.signatureVersion();
  const cached = await deps.store.cachedScan(tenantId, sha256, signatureVersion);
  if (cached) return cached.verdict === 'clean' ? { verdict: 'cached-clean' } : { verdict: 'cached-infected', signature: cached.signature };
  const verdict = await scanner.scan(await deps.blobs.get(work.storageKey));
  if (verdict.verdict === 'clean') await deps.store.rememberScan(tenantId, sha256, signatureVersion, { verdict: 'clean' });
  if (verdict.verdict === 'infected') await deps.store.rememberScan(tenantId, sha256, signatureVersion, { verdict: 'infected', signature: verdict.signature });
  return verdict;
}

async function finishInfected(deps: PipelineDeps, work: VersionWork, signature: string): Promise<JobOutcome> {
  await moveVersion(deps, work, { from: ['scanning'], to: 'infected', reason: 'infected', quarantine: signature, metadata: { scan: { result: 'infected', signature } } });
  return { status: 'done' };
}

async function scannerDown(deps: PipelineDeps, work: VersionWork): Promise<JobOutcome> {
  if (deps.scanPolicy === 'required') return { status: 'failed', reason: 'scanner_unavailable', retry: true };
  const next = nextJobAfterScan(work);
  await moveVersion(deps, work, { from: ['scanning'], to: stateBefore(next), nextJob: next, metadata: { scan: { result: 'skipped' }, unscanned: true } });
  return { status: 'done' };
}

/** A version that went through unscanned, now that a scanner answers. */
async function rescan(deps: PipelineDeps, work: VersionWork): Promise<JobOutcome> {
  const scanner = deps.scanner;
  if (!scanner || !(await scanner.ping().catch(() => false))) return { status: 'skipped', reason: 'the scanner is still unavailable' };
  let verdict: Verdict;
  try {
    verdict = work.quarantined ? { verdict: 'cached-infected', signature: 'previously quarantined content' } : await scanOrRecall(deps, work);
  } catch (error) {
    // Still unscanned and still said to be; the scanner's next return tries again.
    return { status: 'skipped', reason: `the scan failed again: ${error instanceof Error ? error.message : String(error)}` };
  }
  const from = ['unscanned'] as const;
  if (verdict.verdict === 'clean' || verdict.verdict === 'cached-clean') {
    // Through the index job again, which marks it ready once its index entry says so.
    await moveVersion(deps, work, { from, to: 'indexing', nextJob: 'index', metadata: { scan: { result: 'clean', rescanned: true }, unscanned: false } });
    return { status: 'done' };
  }
  // It was findable while unscanned; it must not be offered any more. Removed first: a crash in
  // between leaves it unfindable and still `unscanned`, and the retried job finishes the move.
  if (work.version.version >= work.file.currentVersion) await deps.search.remove(work.version.tenantId, work.file.id);
  if (verdict.verdict === 'refused') {
    await moveVersion(deps, work, { from, to: 'rejected', reason: verdict.reason, metadata: { scan: { result: 'refused', detail: verdict.detail, rescanned: true } } });
  } else {
    await moveVersion(deps, work, { from, to: 'infected', reason: 'infected', quarantine: verdict.signature, metadata: { scan: { result: 'infected', signature: verdict.signature, rescanned: true } } });
  }
  return { status: 'done' };
}
