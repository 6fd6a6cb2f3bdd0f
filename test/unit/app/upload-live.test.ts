import { describe, expect, it } from 'vitest';
import { UploadLiveUpdates, type LiveCalls } from '../../../src/app/upload-live.ts';
import type { VersionStatus } from '../../../src/domain/file.ts';
import { resolveTypes, uploadIdOfUri, uploadStateOf, type UploadFileStatus, type UploadRequest } from '../../../src/domain/upload-request.ts';
import type { UploadRequestStore } from '../../../src/ports/upload-request-store.port.ts';
import { speakUploadStatus, speakUploadUpdate } from '../../../src/voice/upload-speech.ts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CALL = `t:${TENANT}:call:c-1`;
const request: UploadRequest = {
  id: '22222222-2222-4222-8222-222222222222', tenantId: TENANT, callKey: CALL, sessionId: 's', actor: 'session:s', purpose: 'the contract', maxFiles: 2, maxBytes: 1000,
  types: [], locale: 'en', progressToken: 'tok', createdAt: new Date(), deadline: new Date(Date.now() + 60_000), closedAt: null,
};

/** One upload file whose version state the test moves, in an in-memory store. */
function fixture(options: { local?: boolean } = {}) {
  const file: UploadFileStatus = {
    uploadId: request.id, blobId: '33333333-3333-4333-8333-333333333333', name: 'Signed Contract.pdf', declaredSize: 10, extension: 'pdf',
    fileId: '44444444-4444-4444-8444-444444444444', versionId: 'v', refusal: null, createdAt: new Date(), completedAt: new Date(), versionStatus: 'stored', statusReason: null,
  };
  let lookups = 0;
  const uploads = {
    get: async () => request,
    files: async () => [file],
    findByFile: async (_tenant: string, fileId: string) => (lookups++, fileId === file.fileId ? { request, file: { ...file } } : null),
  } as unknown as UploadRequestStore;
  const sent: Array<{ method: string; params?: any }> = [];
  const calls: LiveCalls = {
    sessionsOf: (key) => (key === CALL && options.local !== false ? [{}] : []),
    message: async (_key, level, data) => (sent.push({ method: 'notifications/message', params: { level, data } }), 1),
    resourceUpdated: async (_key, uri) => (sent.push({ method: 'notifications/resources/updated', params: { uri } }), 1),
    deliver: async (_key, notification) => (sent.push(notification), 1),
  };
  let described = 0;
  const live = new UploadLiveUpdates({
    uploads,
    events: {} as never,
    calls,
    describeReady: async () => (described++, { speech: 'The Signed Contract is a PDF of three pages.', file: { file_id: file.fileId } }),
  });
  const move = (status: VersionStatus, reason: string | null = null) => {
    file.versionStatus = status;
    file.statusReason = reason;
    return live.onEvent({ type: 'version.status', tenantId: TENANT, data: { file_id: file.fileId, status } });
  };
  const received = () => live.onEvent({ type: 'upload.received', tenantId: TENANT, data: { upload_id: request.id, file_id: file.fileId } });
  return { file, live, sent, move, received, lookups: () => lookups, described: () => described };
}

const states = (sent: Array<{ method: string; params?: any }>) => sent.filter((n) => n.method === 'notifications/message').map((n) => n.params.data.state);

describe('UploadLiveUpdates (fakes)', () => {
  it('tells received, checking and ready once each, in order, even when the scan overtakes the page', async () => {
    const { sent, move, received, described } = fixture();
    await move('scanning');
    await received();
    await move('extracting');
    await move('indexing');
    await move('ready');
    await move('ready');
    expect(states(sent)).toEqual(['received', 'checking', 'ready']);
    expect(described()).toBe(1);
    const ready = sent.filter((n) => n.method === 'notifications/message').at(-1)!.params.data;
    expect(ready).toMatchObject({ type: 'upload.update', uri: `voicefiles://uploads/${request.id}`, speech: 'Signed Contract is ready. The Signed Contract is a PDF of three pages.', file: { file_id: ready.file_id } });
    expect(sent.filter((n) => n.method === 'notifications/resources/updated')).toHaveLength(3);
    expect(sent.filter((n) => n.method === 'notifications/progress').map((n) => [n.params.progressToken, n.params.progress, n.params.total])).toEqual([['tok', 1, 6], ['tok', 2, 6], ['tok', 3, 6]]);
  });

  it('a refusal by the pipeline is said with its reason, at level warning', async () => {
    const { sent, move, received } = fixture();
    await received();
    await move('infected', 'infected:Eicar-Test-Signature');
    const last = sent.filter((n) => n.method === 'notifications/message').at(-1)!.params;
    expect(last.level).toBe('warning');
    expect(last.data).toMatchObject({ state: 'rejected', reason: 'infected', speech: "Signed Contract wasn't accepted because it contains a virus." });
  });

  it('says nothing and describes nothing on a node without a session of the call', async () => {
    const { sent, move, received, described } = fixture({ local: false });
    await received();
    await move('ready');
    expect(sent).toEqual([]);
    expect(described()).toBe(0);
  });

  it('looks a file that belongs to no request up once, not on every move', async () => {
    const { live, lookups } = fixture();
    const other = { type: 'version.status', tenantId: TENANT, data: { file_id: '55555555-5555-4555-8555-555555555555' } };
    for (let i = 0; i < 5; i++) await live.onEvent(other);
    expect(lookups()).toBe(1);
  });
});

describe('upload speech and rules', () => {
  it('says each state in English and German', () => {
    expect(speakUploadUpdate('en', { state: 'received', name: 'zaehler_foto.jpg' })).toBe("Zaehler foto has arrived. I'm having it checked now.");
    expect(speakUploadUpdate('de', { state: 'checking', name: 'Vertrag.pdf' })).toBe('Vertrag wird gerade geprüft.');
    expect(speakUploadUpdate('de', { state: 'ready', name: 'Vertrag.pdf', description: 'Es ist ein PDF mit drei Seiten.' })).toBe('Vertrag ist fertig. Es ist ein PDF mit drei Seiten.');
    expect(speakUploadUpdate('de', { state: 'rejected', name: 'Vertrag.pdf', reason: 'payload_too_large' })).toBe('Vertrag wurde nicht angenommen: Sie ist größer als erlaubt.');
    expect(speakUploadUpdate('en', { state: 'rejected', name: 'x.pdf', reason: 'something_new' })).toBe("X wasn't accepted because it couldn't be checked.");
    expect(speakUploadStatus('en', { open: true, files: [] })).toBe('Nothing has arrived yet.');
    expect(speakUploadStatus('de', { open: false, files: [] })).toBe('Der Upload ist beendet, und es ist nichts angekommen.');
    const many = Array.from({ length: 5 }, (_, i) => ({ state: 'ready' as const, name: `f${i}.txt` }));
    expect(speakUploadStatus('en', { open: true, files: many })).toMatch(/^5 files have arrived in all\. F2 is ready\. F3 is ready\. F4 is ready\.$/);
  });

  it('types resolve from kinds and extensions; unknown words are named', () => {
    expect(resolveTypes(['.PDF', 'image']).extensions).toEqual(['gif', 'heic', 'jpeg', 'jpg', 'pdf', 'png', 'tif', 'tiff', 'webp']);
    expect(resolveTypes(['exe', 'docx']).unknown).toEqual(['exe']);
    expect(uploadIdOfUri(`voicefiles://uploads/${request.id.toUpperCase()}`)).toBe(request.id);
    expect(uploadIdOfUri('voicefiles://uploads/../x')).toBeNull();
    expect(uploadStateOf({ fileId: null, versionStatus: null, refusal: 'type_mismatch' })).toBe('rejected');
    expect(uploadStateOf({ fileId: 'f', versionStatus: 'unscanned', refusal: null })).toBe('ready');
  });
});
