/** Intake on in-memory fakes: what is stored, what is recorded with it, and that a refusal or a fault leaves nothing behind. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FileTypeContentSniffer } from '../../../adapters/sniff/file-type.content-sniffer.ts';
import { ingestUpload, type IntakeDeps, type IntakeRequest } from '../../../src/app/intake/intake.use-case.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import type { RecordIntakeResult } from '../../../src/ports/file-catalog.port.ts';
import { MemoryBlobStore } from '../../support/fakes/memory.blob-store.ts';
import { MemoryFileCatalog } from '../../support/fakes/memory.catalog.ts';
import { MemoryAuditLog } from '../../support/fakes/memory.services.ts';
import { TENANT } from '../../support/fakes/unit-pipeline.ts';

const MiB = 1024 * 1024;

function intake() {
  const blobs = new MemoryBlobStore();
  const catalog = new MemoryFileCatalog();
  const audit = new MemoryAuditLog(catalog.state.audit);
  const stored: RecordIntakeResult[] = [];
  // The real sniffer (file-type, pure JavaScript, as the attachment-intake unit test uses it): the type check is part of what is tested.
  const deps: IntakeDeps = { blobs, catalog, audit, sniffer: new FileTypeContentSniffer(), limits: { document: MiB, spreadsheet: MiB, text: 64, audio: MiB, image: MiB }, firstJob: 'scan', onStored: (r) => void stored.push(r) };
  return { deps, blobs, catalog, state: catalog.state, stored };
}

const apiKey: Principal = { kind: 'api_key', tenantId: TENANT, keyId: 'key-1', locale: 'en' };
const ctx = { requestId: 'req-1' };
const request = (name: string | null, body: string | Buffer, extra: Partial<IntakeRequest> = {}): IntakeRequest => ({
  name,
  body: Readable.from([Buffer.from(body)]),
  signal: new AbortController().signal,
  ...extra,
});

describe('intake', () => {
  it('stores the bytes and records the version with its first job and its audit event, together', async () => {
    const t = intake();
    const result = await ingestUpload(t.deps, apiKey, ctx, request('Board minutes.txt', 'minutes of the board', { visibility: 'public' }));
    expect(result).toMatchObject({ deduplicated: false, file: { name: 'Board minutes.txt', visibility: 'public' }, version: { status: 'stored', size: 20, mimeType: 'text/plain', kind: 'text' } });
    expect(t.blobs.objects.size).toBe(1);
    expect(t.state.jobs).toEqual([{ name: 'scan', payload: { tenantId: TENANT, versionId: result.version.id } }]);
    expect(t.state.audit).toEqual([expect.objectContaining({ action: 'file.upload', outcome: 'ok', target: result.file.id, requestId: 'req-1', actor: 'key:key-1', detail: { version: 1, size: 20, deduplicated: false } })]);
    expect(t.stored).toEqual([result]);
  });

  it('stores identical content once per tenant: the second upload references the first blob and its own bytes are deleted', async () => {
    const t = intake();
    await ingestUpload(t.deps, apiKey, ctx, request('a.txt', 'same content'));
    const second = await ingestUpload(t.deps, apiKey, ctx, request('b.txt', 'same content'));
    expect(second.deduplicated).toBe(true);
    expect(t.blobs.objects.size).toBe(1);
    expect([...t.state.blobs.values()][0]?.refCount).toBe(2);
  });

  it('adds a version to an existing file', async () => {
    const t = intake();
    const first = await ingestUpload(t.deps, apiKey, ctx, request('plan.txt', 'first draft'));
    const second = await ingestUpload(t.deps, apiKey, ctx, request('plan v2.txt', 'second draft', { fileId: first.file.id }));
    expect(second).toMatchObject({ file: { id: first.file.id, name: 'plan v2.txt', currentVersion: 2 }, version: { version: 2 } });
  });

  it.each([
    ['a script by its name', request('install.sh', '#!/bin/sh\necho hi'), 'type_not_allowed'],
    ['a name without an accepted extension', request('notes.xyz', 'text'), 'type_not_allowed'],
    ['no name', request(null, 'text'), 'missing_file_name'],
    ['an empty upload announced as such', request('a.txt', '', { declaredLength: 0 }), 'empty_upload'],
    ['an upload announced over the limit of its kind', request('a.txt', 'x', { declaredLength: 65 }), 'payload_too_large'],
    ['an upload over the limit of its kind, unannounced', request('a.txt', 'x'.repeat(65)), 'payload_too_large'],
    ['content that is not what its name says', request('report.pdf', 'plain text, not a PDF'), 'type_mismatch'],
    ['a version of a file that does not exist', request('a.txt', 'text', { fileId: '00000000-0000-4000-8000-000000000000' }), 'file_not_found'],
    ['a name with a path in it', request('../../etc/passwd.txt', 'text'), 'invalid_file_name'],
  ] as const)('refuses %s, leaving no blob, record or job, and audits the refusal', async (_what, req, code) => {
    const t = intake();
    await expect(ingestUpload(t.deps, apiKey, ctx, req)).rejects.toMatchObject({ code });
    expect(t.blobs.objects.size).toBe(0);
    expect(t.state.versions.size).toBe(0);
    expect(t.state.jobs).toEqual([]);
    expect(t.state.audit).toEqual([expect.objectContaining({ action: 'file.upload', outcome: 'denied', detail: { code } })]);
    expect(t.stored).toEqual([]);
  });

  it('refuses a session without the upload scope', async () => {
    const t = intake();
    const caller: Principal = { kind: 'session', tenantId: TENANT, sessionId: 's', role: 'caller', scopes: ['read'], caller: {}, locale: 'en', expiresAt: new Date(Date.now() + 60_000) };
    await expect(ingestUpload(t.deps, caller, ctx, request('a.txt', 'text'))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('deletes the bytes when recording fails for certain (the transaction rolled back)', async () => {
    const t = intake();
    t.state.failNextWrite = new Error('constraint violated');
    await expect(ingestUpload(t.deps, apiKey, ctx, request('a.txt', 'text'))).rejects.toThrow(/constraint/);
    expect(t.blobs.objects.size).toBe(0);
    expect(t.state.audit).toEqual([expect.objectContaining({ outcome: 'error', detail: { code: 'internal' } })]);
  });

  it('keeps the bytes when the database became unreachable (the commit may have happened unseen; the sweep removes them if not)', async () => {
    const t = intake();
    t.state.failNextWrite = new DomainError('unavailable', 'The database is not reachable right now; please try again shortly.');
    await expect(ingestUpload(t.deps, apiKey, ctx, request('a.txt', 'text'))).rejects.toMatchObject({ code: 'unavailable' });
    expect(t.blobs.objects.size).toBe(1);
  });

  it('a client that goes away mid-upload gets upload_aborted and leaves nothing', async () => {
    const t = intake();
    const controller = new AbortController();
    const body = new Readable({ read() {} });
    body.push(Buffer.from('the first part of it'));
    const upload = ingestUpload(t.deps, apiKey, ctx, { name: 'a.txt', body, signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(upload).rejects.toMatchObject({ code: 'upload_aborted' });
    expect(t.blobs.objects.size).toBe(0);
    expect(t.state.versions.size).toBe(0);
  });

  it('stores the bytes under a key made from server-generated ids, never from the file name', async () => {
    const t = intake();
    const result = await ingestUpload(t.deps, apiKey, ctx, request('passwd.txt', 'text'));
    const [key] = [...t.blobs.objects.keys()];
    expect(key).toBe(`tenants/${TENANT}/blobs/${result.version.blobId}`);
    expect(key).not.toContain('passwd');
  });
});
