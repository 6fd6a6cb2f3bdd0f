import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeFile, type DescribeDeps } from '../../../src/app/describe.use-case.ts';
import type { FileKind } from '../../../src/domain/file.ts';
import type { Principal } from '../../../src/domain/principal.ts';
import { blobKeyFor, type BlobStore } from '../../../src/ports/blob-store.port.ts';
import type { Description, DescriptionCache } from '../../../src/ports/describer.port.ts';
import { describePrompt } from '../../../src/composition/describe.ts';
import { acceptsS3Location, BedrockDescriber } from '../../../adapters/describe/bedrock.describer.ts';
import { ExtractiveDescriber } from '../../../adapters/describe/extractive.describer.ts';
import { LocalBlobStore } from '../../../adapters/storage/local.blob-store.ts';
import { S3BlobStore } from '../../../adapters/storage/s3.blob-store.ts';
import { MemoryCatalogState, MemoryFileCatalog, MemoryProcessingStore } from '../../support/fakes/memory.catalog.ts';
import { startS3rver, type RunningS3rver } from '../../support/s3rver.ts';
import { loadConverseFixture, startConverseReplay, type ConverseFixture, type RecordedRequest } from './bedrock-replay.server.ts';

/*
 * AWS cannot be reached from this machine, so these are wire-contract tests: the real
 * BedrockRuntimeClient (SigV4 signing, restJson1 serialisation of Converse, base64 of
 * document bytes, error parsing) talks over HTTP/1.1 (a NodeHttpHandler; production uses
 * the SDK's default) to a local server that replays responses written from the Bedrock API
 * reference (test/fixtures/bedrock-converse) and records the requests, which must match the
 * recorded ones. Documents come from the real storage adapters: S3 (s3rver) and local disk.
 */

const TENANT = '11111111-1111-4111-8111-111111111111';
const S3_BLOB = '0b5c0d36-2f5c-4a55-9d8e-3f0f1f9e2a10';
const REGION = 'eu-central-1';
const LEASE = "LEASE AGREEMENT\n\n1. Parties\nThis lease is made between Acme Property GmbH and Jane Smith.\n\n2. Termination\nEither party may end the lease with three months' notice.";
const PROMPTS = { en: describePrompt('en'), de: describePrompt('de') };

const principal = (locale: 'en' | 'de'): Principal => ({ kind: 'session', tenantId: TENANT, sessionId: randomUUID(), role: 'staff', scopes: ['read'], caller: {}, locale, expiresAt: new Date(Date.now() + 3600_000) });

let s3: RunningS3rver;
let s3Store: S3BlobStore;
let localDir: string;
let localStore: LocalBlobStore;
beforeAll(async () => {
  s3 = await startS3rver('voicefiles');
  s3Store = new S3BlobStore({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
  localDir = await mkdtemp(path.join(os.tmpdir(), 'vf-bedrock-'));
  localStore = new LocalBlobStore({ rootDir: localDir, publicBaseUrl: () => 'http://127.0.0.1', signingKey: randomBytes(32) });
});
afterAll(async () => {
  await s3Store.close();
  await s3.cleanup();
  await rm(localDir, { recursive: true, force: true });
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function replaying(fixtures: ConverseFixture[], modelId = fixtures[0]!.modelId) {
  const replay = await startConverseReplay(fixtures);
  const client = new BedrockRuntimeClient({
    region: REGION, endpoint: replay.endpoint, requestHandler: new NodeHttpHandler(), maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDWIRECONTRACT', secretAccessKey: 'wire-contract-secret' },
  });
  cleanups.push(async () => {
    client.destroy();
    await replay.close();
  });
  return { replay, describer: new BedrockDescriber({ client, region: REGION, modelId, prompts: PROMPTS }) };
}

interface FileSpec {
  name: string;
  kind?: FileKind;
  mimeType?: string;
  metadata?: Record<string, unknown>;
  text?: string;
  blobId?: string;
}

/** A ready file in the memory catalog whose blob is `content` in `blobs`, and describe deps around it. */
async function fileIn(blobs: BlobStore, spec: FileSpec, content: Buffer, deps: Partial<DescribeDeps> & Pick<DescribeDeps, 'describer'>) {
  const state = new MemoryCatalogState();
  const blobId = spec.blobId ?? randomUUID();
  const storageKey = blobKeyFor(TENANT, blobId);
  await blobs.put(storageKey, Readable.from([content]));
  const fileId = randomUUID();
  const versionId = randomUUID();
  const created = new Date('2025-06-06T10:00:00Z');
  state.blobs.set(blobId, { id: blobId, tenantId: TENANT, sha256: 'b'.repeat(64), storageKey, refCount: 1, quarantined: null });
  state.files.set(fileId, { id: fileId, tenantId: TENANT, name: spec.name, title: null, customerId: null, visibility: 'internal', currentVersion: 1, createdAt: created, updatedAt: created });
  state.versions.set(versionId, {
    id: versionId, tenantId: TENANT, fileId, version: 1, blobId, sha256: 'b'.repeat(64), size: content.length, mimeType: spec.mimeType ?? 'application/pdf', extension: 'pdf',
    kind: spec.kind ?? 'document', status: 'ready', statusReason: null, createdAt: created, metadata: spec.metadata ?? {}, text: spec.text ?? LEASE,
  });
  const extractive = new ExtractiveDescriber();
  const full: DescribeDeps = { catalog: new MemoryFileCatalog(state), processing: new MemoryProcessingStore(state), fallback: extractive, blobs, timeoutMs: 5_000, backgroundMs: 0, ...deps };
  return { fileId, versionId, describe: (locale: 'en' | 'de' = 'en') => describeFile(full, principal(locale), fileId) };
}

/** The recorded request body with the prompt files' system texts and the document's base64 put in. */
function expectedBody(fixture: ConverseFixture, document?: Buffer): unknown {
  const text = JSON.stringify(fixture.request.body)
    .replaceAll('"{{prompt:en:system}}"', JSON.stringify(PROMPTS.en.system))
    .replaceAll('"{{prompt:de:system}}"', JSON.stringify(PROMPTS.de.system))
    .replaceAll('"{{document:base64}}"', JSON.stringify(document?.toString('base64') ?? ''));
  return JSON.parse(text);
}

/** Method, path, a SigV4 signature for bedrock in the region, JSON, and (when recorded) the exact body. */
function expectWire(request: RecordedRequest | undefined, fixture: ConverseFixture, document?: Buffer): void {
  expect(request?.method).toBe(fixture.request.method);
  expect(request?.path).toBe(fixture.request.path);
  expect(request?.headers['content-type']).toBe('application/json');
  expect(request?.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=AKIDWIRECONTRACT/\\d{8}/${REGION}/bedrock/aws4_request, SignedHeaders=[^ ]+, Signature=[0-9a-f]{64}$`));
  if (fixture.request.body) expect(JSON.parse(request!.body)).toEqual(expectedBody(fixture, document));
}

describe('Bedrock describer: wire-contract tests on recorded Converse exchanges (AWS cannot be reached here)', () => {
  it('wire contract: Amazon Nova and a blob in S3 get an s3Location document source from the S3 storage adapter', async () => {
    const fixture = loadConverseFixture('nova-s3-location');
    const { replay, describer } = await replaying([fixture]);
    const file = await fileIn(s3Store, { name: 'Lease Hauptstrasse.pdf', metadata: { pages: 4 }, blobId: S3_BLOB }, Buffer.from('%PDF-1.4 lease'), { describer });
    const described = await file.describe();
    expectWire(replay.recorded[0], fixture);
    expect(described.via).toBe(describer.id);
    expect(described.description).toEqual({ source: 'bedrock', sentence: "A lease between Acme Property GmbH and Jane Smith for the flat at Hauptstrasse 4, which either side may end with three months' notice." });
    expect(acceptsS3Location('eu.amazon.nova-pro-v1:0')).toBe(true);
    expect(acceptsS3Location('anthropic.claude-3-haiku-20240307-v1:0')).toBe(false);
  });

  it('wire contract: another model, or a blob on local disk, gets the bytes inline (base64 on the wire); German prompt; the answer cut to two plain sentences', async () => {
    const fixture = loadConverseFixture('claude-bytes-de');
    const { replay, describer } = await replaying([fixture]);
    const docx = Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(2000)]);
    const file = await fileIn(localStore, { name: 'Angebot Dach Schäfer.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', metadata: { pages: 2 } }, docx, { describer });
    const described = await file.describe('de');
    expectWire(replay.recorded[0], fixture, docx);
    expect(described.description).toEqual({ source: 'bedrock', sentence: 'Ein Angebot der Schäfer GmbH für die Sanierung des Dachs über 12.400 Euro, gültig bis zum 14. Juli. Es umfasst Gerüst, Dämmung und Ziegel.' });
  });

  it('wire contract: a recording is described from its transcript, sent as text', async () => {
    const fixture = loadConverseFixture('recording-transcript');
    const { replay, describer } = await replaying([fixture]);
    const transcript = 'hello this is john from acme calling about the delivery on friday we need to move it to monday';
    const file = await fileIn(localStore, { name: 'call with acme.m4a', kind: 'audio', mimeType: 'audio/mp4', metadata: { durationSeconds: 262 }, text: transcript }, randomBytes(64), { describer });
    const described = await file.describe();
    expectWire(replay.recorded[0], fixture);
    expect(described.description?.sentence).toBe("A call from John at Acme asking to move Friday's delivery to Monday.");
  });

  it('wire contract: a document above the 4.5 MB inline limit is refused by the storage adapter, and its extracted text goes instead', async () => {
    const fixture = { ...loadConverseFixture('nova-s3-location'), modelId: 'anthropic.claude-3-haiku-20240307-v1:0', request: { method: 'POST', path: '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse' } };
    const { replay, describer } = await replaying([fixture]);
    const file = await fileIn(localStore, { name: 'Big scan.pdf', metadata: { pages: 300 } }, Buffer.alloc(4_600_000, 0x20), { describer });
    await file.describe();
    expectWire(replay.recorded[0], fixture);
    const content = (JSON.parse(replay.recorded[0]!.body) as { messages: Array<{ content: Array<Record<string, unknown>> }> }).messages[0]!.content;
    expect(content.map((block) => Object.keys(block)[0])).toEqual(['text', 'text']);
    expect(content[0]!.text).toMatch(/^<document>\nLEASE AGREEMENT/);
    expect(replay.recorded[0]!.body.length).toBeLessThan(20_000);
  });

  it('wire contract: ThrottlingException (429) rejects once, without SDK retries; describe answers with the extractive description', async () => {
    const fixture = loadConverseFixture('throttled');
    const { replay, describer } = await replaying([fixture, fixture]);
    const onFault = vi.fn();
    const file = await fileIn(localStore, { name: 'Lease.pdf' }, randomBytes(100), { describer, onFault });
    const described = await file.describe();
    expect(replay.recorded).toHaveLength(1);
    expect(described.via).toBe('extractive/1');
    expect(described.description).toMatchObject({ source: 'extractive', lead: 'This lease is made between Acme Property GmbH and Jane Smith.' });
    expect(onFault.mock.calls[0]?.[0]).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
  });

  it('wire contract: a model that cannot tell ("unknown") is not spoken; the extractive description is', async () => {
    const { describer } = await replaying([loadConverseFixture('model-unknown')]);
    const file = await fileIn(localStore, { name: 'Lease.pdf' }, randomBytes(100), { describer });
    expect((await file.describe()).description).toMatchObject({ source: 'extractive' });
  });

  it('wire contract: a slow model: describe answers at DESCRIBE_TIMEOUT_MS with the extractive description; the late answer fills the cache', async () => {
    const fixture = loadConverseFixture('slow');
    const { replay, describer } = await replaying([fixture]);
    const entries = new Map<string, Description>();
    const cache: DescriptionCache = { get: async (...key) => entries.get(key.join('|')) ?? null, put: async (t, v, d, l, description) => void entries.set([t, v, d, l].join('|'), description) };
    const file = await fileIn(localStore, { name: 'Lease.pdf' }, randomBytes(100), { describer, cache, timeoutMs: 200, backgroundMs: 10_000 });
    const started = performance.now();
    const first = await file.describe();
    const waited = performance.now() - started;
    expect(first.description?.source).toBe('extractive');
    expect(waited).toBeGreaterThanOrEqual(195);
    expect(waited).toBeLessThan(1_000);
    await vi.waitFor(() => expect(entries.size).toBe(1), { timeout: 5_000 });
    const second = await file.describe();
    expect(second).toMatchObject({ via: 'cache', description: { source: 'bedrock', sentence: 'A lease between Acme Property GmbH and Jane Smith.' } });
    expect(replay.recorded).toHaveLength(1);
    console.info(`describe fell back to extractive after ${waited.toFixed(0)} ms (DESCRIBE_TIMEOUT_MS 200, model answer at ${fixture.response.delayMs} ms)`);
  });

  it('wire contract: past the background limit the request is aborted on the wire', async () => {
    const { replay, describer } = await replaying([loadConverseFixture('slow')]);
    const file = await fileIn(localStore, { name: 'Lease.pdf' }, randomBytes(100), { describer, timeoutMs: 100, backgroundMs: 300 });
    await file.describe();
    await vi.waitFor(() => expect(replay.abandoned()).toBe(1), { timeout: 3_000 });
  });
});
