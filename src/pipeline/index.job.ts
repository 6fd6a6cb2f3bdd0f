import { indexFileVersion } from '../app/index-file.ts';
import { classifyCategory } from '../domain/category.ts';
import type { JobOutcome, JobPayload } from '../ports/job-queue.port.ts';
import { faultOutcome } from './failures.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { moveVersion } from './version-moves.ts';

/** Put the version's text into the search index, then mark it ready (or `unscanned` when it skipped the scan). */
export async function runIndexJob(deps: PipelineDeps, payload: JobPayload): Promise<JobOutcome> {
  const work = await deps.store.loadVersion(payload.tenantId, payload.versionId);
  if (!work) return { status: 'skipped', reason: 'version no longer exists' };
  if (work.version.status !== 'indexing') return { status: 'skipped', reason: `already ${work.version.status}` };
  try {
    // An older version finishing late must not replace the index entry of a newer one, and a
    // file deleted meanwhile stays out of the index (restoring it indexes it again).
    if (work.version.version >= work.file.currentVersion && !work.file.trashedAt) {
      const text = await deps.store.extractedText(payload.tenantId, payload.versionId);
      const category = classifyCategory({ name: work.file.name, kind: work.version.kind, text });
      await deps.labels?.setCategory(payload.tenantId, work.file.id, category);
      await indexFileVersion(deps.search, { ...work.file, category }, work.version, text, { locale: work.locale });
    }
    await moveVersion(deps, work, { from: ['indexing'], to: work.version.metadata.unscanned === true ? 'unscanned' : 'ready' });
    return { status: 'done' };
  } catch (error) {
    return faultOutcome(error, 'index');
  }
}
