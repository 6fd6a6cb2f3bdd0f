import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { DescribeDeps } from '../../../src/app/describe.use-case.ts';
import type { FileKind, VersionStatus } from '../../../src/domain/file.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import type { Describer, Description, DescriptionCache } from '../../../src/ports/describer.port.ts';
import { describeTool } from '../../../src/tools/describe.tool.ts';
import { ToolRunner } from '../../../src/tools/tool-runner.ts';
import type { ToolContext } from '../../../src/tools/tool.ts';
import { InputGate, toolArgumentGate } from '../../../src/transport/input-gate.ts';
import { ExtractiveDescriber } from '../../../adapters/describe/extractive.describer.ts';
import { MemoryCatalogState, MemoryFileCatalog, MemoryProcessingStore } from '../../support/fakes/memory.catalog.ts';
import { MemoryAuditLog } from '../fakes/memory.audit-log.ts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER_TENANT = '44444444-4444-4444-8444-444444444444';
const NOW = new Date('2025-06-10T12:00:00Z');
const LEASE = "LEASE AGREEMENT\n\n1. Parties\nThis lease is made between Acme Property GmbH and Jane Smith.\n\n2. Termination\nEither party may end the lease with three months' notice.";

const principal = (locale: 'en' | 'de' = 'en', tenantId = TENANT): Principal => ({
  kind: 'session', tenantId, sessionId: randomUUID(), role: 'staff', scopes: ['read'], caller: {}, locale, expiresAt: new Date(Date.now() + 3600_000),
});
const ctx = (locale: 'en' | 'de' = 'en', tenantId = TENANT): ToolContext => ({ principal: principal(locale, tenantId), requestId: 'r1', now: NOW });

interface Seed {
  name?: string;
  status?: VersionStatus;
  kind?: FileKind;
  mimeType?: string;
  metadata?: Record<string, unknown>;
  text?: string;
  tenantId?: string;
  versions?: number;
}

function world(overrides: Partial<DescribeDeps> = {}) {
  const state = new MemoryCatalogState();
  const extractive = new ExtractiveDescriber();
  const deps: DescribeDeps = {
    catalog: new MemoryFileCatalog(state),
    processing: new MemoryProcessingStore(state),
    describer: extractive,
    fallback: extractive,
    timeoutMs: 50,
    ...overrides,
  };
  const runner = new ToolRunner([describeTool(deps)], { audit: new MemoryAuditLog(), checkArguments: toolArgumentGate(new InputGate()), onFault: vi.fn() });
  const seed = (spec: Seed = {}): string => {
    const fileId = randomUUID();
    const tenantId = spec.tenantId ?? TENANT;
    const blobId = randomUUID();
    const versions = spec.versions ?? 1;
    const created = new Date('2025-05-23T09:00:00Z');
    state.blobs.set(blobId, { id: blobId, tenantId, sha256: 'a'.repeat(64), storageKey: `tenants/${tenantId}/blobs/${blobId}`, refCount: versions, quarantined: spec.status === 'infected' ? 'Eicar' : null });
    state.files.set(fileId, { id: fileId, tenantId, name: spec.name ?? 'Lease Hauptstrasse.pdf', title: null, customerId: null, visibility: 'internal', currentVersion: versions, createdAt: created, updatedAt: created });
    for (let v = 1; v <= versions; v++) {
      const id = randomUUID();
      state.versions.set(id, {
        id, tenantId, fileId, version: v, blobId, sha256: 'a'.repeat(64), size: 2_100_000, mimeType: spec.mimeType ?? 'application/pdf', extension: 'pdf',
        kind: spec.kind ?? 'document', status: spec.status ?? 'ready', statusReason: spec.status === 'infected' ? 'infected' : null,
        createdAt: v === versions ? new Date('2025-06-06T10:00:00Z') : created, metadata: spec.metadata ?? { pages: 4 }, text: spec.text ?? LEASE,
      });
    }
    return fileId;
  };
  return { state, deps, runner, seed, call: (fileId: unknown, locale: 'en' | 'de' = 'en', tenantId = TENANT) => runner.call('describe', { file_id: fileId }, ctx(locale, tenantId)) };
}

describe('describe on fakes: speech of at most two sentences and structured metadata', () => {
  it('describes a ready PDF: what it is, how long, from when, what it says; in the tenant language', async () => {
    const { seed, call } = world();
    const id = seed();
    const en = await call(id);
    expect(en.isError).toBeUndefined();
    expect(en.speech).toBe("The Lease Hauptstrasse is a PDF of four pages, uploaded on Friday. It says: This lease is made between Acme Property GmbH and Jane Smith.");
    expect(en.data).toMatchObject({ file_id: id, kind: 'document', pages: 4, version: 1, status: 'ready', ready: true, description: { source: 'extractive', headings: ['LEASE AGREEMENT', 'Parties', 'Termination'] } });
    const de = await call(id.toUpperCase(), 'de');
    expect(de.speech).toBe('Das PDF Lease Hauptstrasse hat vier Seiten und wurde am Freitag hochgeladen. Darin steht: This lease is made between Acme Property GmbH and Jane Smith.');
  });

  it('says the version number and its day when there are several versions', async () => {
    const { seed, call } = world();
    const result = await call(seed({ versions: 3 }));
    expect(result.speech).toMatch(/^The Lease Hauptstrasse is a PDF of four pages, version three, updated on Friday\./);
    expect(result.data).toMatchObject({ version: 3, version_count: 3 });
  });

  it('e-mails, attachments and OCR: what formats-ocr stored is said', async () => {
    const { seed, call } = world();
    const mail = seed({ name: 'Re_ Angebot.eml', mimeType: 'message/rfc822', metadata: { title: 'Angebot Dach', email: { subject: 'Angebot Dach', from: { name: 'Petra Schulz', address: 'petra@example.de' }, to: [], date: '2025-06-09T08:00:00Z', attachmentCount: 2, attachments: [{}, {}] } }, text: 'Subject: Angebot Dach\nFrom: Petra Schulz <petra@example.de>\n\nAnbei unser Angebot für die Sanierung des Dachs.' });
    expect((await call(mail)).speech).toBe('This is an e-mail from Petra Schulz about Angebot Dach, sent yesterday, with two attachments. It says: Anbei unser Angebot für die Sanierung des Dachs.');
    expect((await call(mail)).data).toMatchObject({ email: { from: 'Petra Schulz', subject: 'Angebot Dach', attachment_count: 2 } });
    const attached = seed({ name: 'Rechnung_4471.pdf', metadata: { pages: 2, attachment_of: { file_id: randomUUID(), from: 'Petra Schulz petra@example.de', date: '2025-06-09T08:00:00Z' } }, text: 'E-mail attachment: Petra Schulz\n\nRechnung Nr. 4471 über EUR 1,450 für Dacharbeiten im Mai.' });
    expect((await call(attached, 'de')).speech).toBe('Das PDF Rechnung 4471 hat zwei Seiten und kam gestern als Anhang einer E-Mail von Petra Schulz petra at example dot de. Darin steht: Rechnung Nr. 4471 über EUR 1,450 für Dacharbeiten im Mai.');
    const scanned = seed({ name: 'scan_0042.pdf', metadata: { pages: 3, scanned: true, ocr: { pages: 3, language: 'en', models: 'eng', confidence: 91.5, words: 300, ms: 900 } } });
    const ocr = await call(scanned);
    expect(ocr.speech).toMatch(/^The scan 0042 is a scanned PDF of three pages/);
    expect(ocr.data).toMatchObject({ ocr: { pages: 3, confidence: 91.5, language: 'en' } });
  });

  it.each<[string, VersionStatus, string, string]>([
    ['still scanning', 'scanning', "It's still being checked; I'll tell you when it's ready.", 'Die Datei wird noch geprüft; ich sage Ihnen Bescheid, sobald sie bereit ist.'],
    ['infected', 'infected', 'It was blocked because it contains a virus.', 'Die Datei wurde gesperrt, weil sie einen Virus enthält.'],
    ['rejected', 'rejected', "It wasn't accepted, so it can't be opened or shared.", 'Die Datei wurde nicht angenommen und kann nicht geöffnet oder geteilt werden.'],
  ])('a file %s: says so plainly and describes nothing of its content', async (_, status, en, de) => {
    const describer: Describer = { id: 'spy', describe: vi.fn(async () => ({ source: 'bedrock' as const, sentence: 'Secret.' })) };
    const { seed, call } = world({ describer });
    const id = seed({ status, metadata: {} });
    const result = await call(id);
    expect(result.isError).toBeUndefined();
    expect(result.speech).toBe(`The Lease Hauptstrasse is a PDF of about two megabytes, uploaded on Friday. ${en}`);
    expect((await call(id, 'de')).speech).toMatch(new RegExp(`${de.replace(/[.;]/g, '.')}$`));
    expect(result.data).toMatchObject({ status, ready: false, description: null });
    expect(describer.describe).not.toHaveBeenCalled();
  });

  it.each<[string, unknown]>([
    ['a malformed id', 'not-a-file-id'],
    ['an id of the right length that is no UUID', '------------------------------------'],
    ['an unknown id', '55555555-5555-4555-8555-555555555555'],
    ['a number', 4471],
    ['an id with a NUL', `5555555\u0000-5555-4555-8555-555555555555`],
  ])('%s: a spoken answer, never an internal error', async (_, fileId) => {
    const { call } = world();
    const result = await call(fileId);
    expect(result.isError).toBe(true);
    expect((result.data.error as { code: string }).code).not.toBe('internal');
    expect(result.speech).toMatch(/couldn't|didn't quite/);
    expect(result.speech).not.toMatch(/[0-9a-f]{8}-|internal/i);
  });

  it("another tenant's file sounds exactly like an unknown one", async () => {
    const { seed, call } = world();
    const theirs = seed({ tenantId: OTHER_TENANT });
    const mine = await call(theirs);
    const unknown = await call(randomUUID());
    expect(mine).toEqual(unknown);
    expect(mine.speech).toBe("I couldn't find that file. Could you tell me who sent it or roughly when?");
    expect((await call(theirs, 'de')).speech).toBe('Die Datei habe ich nicht gefunden. Wissen Sie, wer sie geschickt hat oder ungefähr wann?');
  });
});

describe('describe with a model describer: cache, timeout and fallback', () => {
  const modelSays: Description = { source: 'bedrock', sentence: "A lease between Acme Property and Jane Smith that either side may end with three months' notice." };

  function memoryCache(): DescriptionCache & { entries: Map<string, Description> } {
    const entries = new Map<string, Description>();
    return {
      entries,
      get: async (t, v, d, l) => entries.get([t, v, d, l].join('|')) ?? null,
      put: async (t, v, d, l, description) => void entries.set([t, v, d, l].join('|'), description),
    };
  }

  it("says the model's sentence and caches it per version, describer and locale", async () => {
    const cache = memoryCache();
    const describer: Describer = { id: 'bedrock/test', describe: vi.fn(async () => modelSays) };
    const { seed, call } = world({ describer, cache });
    const id = seed();
    const first = await call(id);
    expect(first.speech).toBe("The Lease Hauptstrasse is a PDF of four pages, uploaded on Friday. A lease between Acme Property and Jane Smith that either side may end with three months' notice.");
    expect(first.data).toMatchObject({ description: { source: 'bedrock' } });
    await call(id);
    expect(describer.describe).toHaveBeenCalledTimes(1);
    expect([...cache.entries.keys()][0]).toMatch(/\|bedrock\/test\|en$/);
  });

  it('answers with the extractive description when the model fails, and says nothing about the failure', async () => {
    const onFault = vi.fn();
    const describer: Describer = { id: 'bedrock/test', describe: async () => { throw new Error('ThrottlingException'); } };
    const { seed, call } = world({ describer, onFault });
    const result = await call(seed());
    expect(result.speech).toMatch(/It says: This lease is made between/);
    expect(result.data).toMatchObject({ description: { source: 'extractive' } });
    expect(onFault).toHaveBeenCalledOnce();
  });

  it('answers within the timeout with the extractive description, and a late answer still fills the cache', async () => {
    const cache = memoryCache();
    let finish: (d: Description) => void = () => undefined;
    let signal: AbortSignal | undefined;
    const describer: Describer = { id: 'bedrock/slow', describe: (_, options) => ((signal = options?.signal), new Promise((resolve) => (finish = resolve))) };
    const { seed, call } = world({ describer, cache, timeoutMs: 40 });
    const id = seed();
    const started = performance.now();
    const result = await call(id);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(35);
    expect(waited).toBeLessThan(400);
    expect(result.data).toMatchObject({ description: { source: 'extractive' } });
    expect(signal?.aborted).toBe(false);
    finish(modelSays);
    await vi.waitFor(() => expect(cache.entries.size).toBe(1));
    expect((await call(id)).data).toMatchObject({ description: { source: 'bedrock' } });
  });

  it('aborts a model call that runs past the background limit', async () => {
    let signal: AbortSignal | undefined;
    const describer: Describer = { id: 'bedrock/hung', describe: (_, options) => ((signal = options?.signal), new Promise(() => undefined)) };
    const { seed, call } = world({ describer, timeoutMs: 10, backgroundMs: 30 });
    await call(seed());
    await vi.waitFor(() => expect(signal?.aborted).toBe(true));
  });
});
