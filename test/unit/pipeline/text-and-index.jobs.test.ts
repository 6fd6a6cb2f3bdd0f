/** The extract, transcribe and index jobs on in-memory fakes. */
import { describe, expect, it } from 'vitest';
import { runExtractJob } from '../../../src/pipeline/extract.job.ts';
import { runIndexJob } from '../../../src/pipeline/index.job.ts';
import { runTranscribeJob } from '../../../src/pipeline/transcribe.job.ts';
import { unitPipeline, type UnitPipeline } from '../../support/fakes/unit-pipeline.ts';

async function inState(p: UnitPipeline, content: string, status: 'extracting' | 'indexing', options: Parameters<UnitPipeline['store']>[1] = {}, metadata: Record<string, unknown> = {}) {
  const v = await p.store(content, options);
  Object.assign(p.state.versions.get(v.versionId)!, { status, metadata });
  return v;
}

describe('extract job', () => {
  it('stores the text and metadata and moves to indexing with the index job', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'minutes of the harbour meeting', 'extracting');
    expect(await runExtractJob(p.deps, v)).toEqual({ status: 'done' });
    expect(p.state.versions.get(v.versionId)).toMatchObject({ status: 'indexing', text: 'minutes of the harbour meeting', metadata: { words: 5, text_truncated: false } });
    expect(p.state.jobs.at(-1)).toEqual({ name: 'index', payload: { tenantId: v.tenantId, versionId: v.versionId } });
    expect(p.state.audit.at(-1)).toMatchObject({ action: 'version.indexing', outcome: 'ok', detail: { from: 'extracting' } });
  });

  it('rejects what the extractor refuses on policy grounds', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'ENCRYPTED document', 'extracting');
    await runExtractJob(p.deps, v);
    expect(p.state.versions.get(v.versionId)).toMatchObject({ status: 'rejected', statusReason: 'encrypted' });
    expect(p.state.audit.at(-1)).toMatchObject({ action: 'version.rejected', outcome: 'denied' });
  });

  it('asks for a retry after a crash, changing nothing', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'CRASH please', 'extracting');
    const audits = p.state.audit.length;
    expect(await runExtractJob(p.deps, v)).toMatchObject({ status: 'failed', retry: true, reason: expect.stringContaining('crashed') });
    expect(p.status(v.versionId)).toBe('extracting');
    expect(p.state.audit.length).toBe(audits);
  });

  it('asks for a retry when the blob store fails for a moment', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'minutes', 'extracting');
    p.blobs.failingGets.add([...p.blobs.objects.keys()][0]!);
    expect(await runExtractJob(p.deps, v)).toMatchObject({ status: 'failed', retry: true });
    expect(await runExtractJob(p.deps, v)).toEqual({ status: 'done' });
  });

  it('skips a version that is not waiting for extraction', async () => {
    const p = unitPipeline();
    const v = await p.store('minutes');
    expect(await runExtractJob(p.deps, v)).toEqual({ status: 'skipped', reason: 'already stored' });
    expect(await runExtractJob(p.deps, { tenantId: v.tenantId, versionId: '00000000-0000-4000-8000-000000000000' })).toEqual({ status: 'skipped', reason: 'version no longer exists' });
  });
});

describe('transcribe job', () => {
  const audio = { kind: 'audio' as const, mimeType: 'audio/mpeg' };

  it('indexes a recording by its transcript, with duration and language', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'hello from the call centre', 'extracting', audio);
    await runTranscribeJob(p.deps, v);
    expect(p.state.versions.get(v.versionId)).toMatchObject({ status: 'indexing', text: 'hello from the call centre', metadata: { transcript: 'fake-transcriber', language: 'en', durationSeconds: 12 } });
  });

  it('a recording the transcriber cannot handle is still indexed, by name and metadata', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'noise', 'extracting', audio);
    p.transcriber.failure = Object.assign(new Error('no model for this language'), { retryable: false, reason: 'unsupported_language' });
    await runTranscribeJob(p.deps, v);
    expect(p.state.versions.get(v.versionId)).toMatchObject({ status: 'indexing', text: '', metadata: { transcript: 'none', transcript_problem: 'unsupported_language' } });
  });

  it('a transcriber fault worth retrying asks for a retry', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'noise', 'extracting', audio);
    p.transcriber.failure = Object.assign(new Error('throttled'), { retryable: true });
    expect(await runTranscribeJob(p.deps, v)).toMatchObject({ status: 'failed', retry: true });
    expect(p.status(v.versionId)).toBe('extracting');
  });

  it('without a transcriber, says so in the metadata', async () => {
    const p = unitPipeline();
    p.deps.transcriber = null;
    const v = await inState(p, 'noise', 'extracting', audio);
    await runTranscribeJob(p.deps, v);
    expect(p.state.versions.get(v.versionId)?.metadata).toMatchObject({ transcript: 'unavailable' });
  });
});

describe('index job', () => {
  it('puts the text into the search index, then marks the version ready', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'ignored', 'indexing');
    p.state.versions.get(v.versionId)!.text = 'harbour project minutes';
    expect(await runIndexJob(p.deps, v)).toEqual({ status: 'done' });
    expect(p.status(v.versionId)).toBe('ready');
    expect([...p.search.documents.values()]).toEqual([expect.objectContaining({ fileId: v.fileId, versionId: v.versionId, text: 'harbour project minutes' })]);
  });

  it('marks a version that skipped the scan unscanned, not ready', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'x', 'indexing', {}, { unscanned: true });
    await runIndexJob(p.deps, v);
    expect(p.status(v.versionId)).toBe('unscanned');
  });

  it('a search index that fails asks for a retry and leaves the version indexing', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'x', 'indexing');
    p.search.failNextUpsert = new Error('search index unavailable');
    expect(await runIndexJob(p.deps, v)).toMatchObject({ status: 'failed', retry: true });
    expect(p.status(v.versionId)).toBe('indexing');
  });

  it('an older version finishing late does not replace the index entry of a newer one', async () => {
    const p = unitPipeline();
    const v = await inState(p, 'old', 'indexing');
    p.state.files.get(v.fileId)!.currentVersion = 2;
    await runIndexJob(p.deps, v);
    expect(p.status(v.versionId)).toBe('ready');
    expect(p.search.documents.size).toBe(0);
  });
});
