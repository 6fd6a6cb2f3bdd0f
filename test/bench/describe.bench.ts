/**
 * `npm run bench -- --only=describe`: what describe costs. The extractive describer through the
 * describe use case on in-memory ports (a four-page lease and a 1 MB text); the Bedrock path's
 * fallback when the model is slow (a local replay server: AWS cannot be reached here); and how
 * many HTTP requests the Meilisearch adapter makes per write and per search (a local replay
 * server: no Meilisearch here). Reports numbers, asserts nothing.
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describeFile, type DescribeDeps } from '../../src/app/describe.use-case.ts';
import type { Principal } from '../../src/domain/principal.ts';
import { describePrompt } from '../../src/composition/describe.ts';
import { speakFileDescription } from '../../src/voice/describe-speech.ts';
import { describeData, describeFacts } from '../../src/tools/describe-summary.ts';
import { BedrockDescriber } from '../../adapters/describe/bedrock.describer.ts';
import { ExtractiveDescriber } from '../../adapters/describe/extractive.describer.ts';
import { MeilisearchSearchIndex } from '../../adapters/search/meilisearch.search-index.ts';
import { MemoryCatalogState, MemoryFileCatalog, MemoryProcessingStore } from '../support/fakes/memory.catalog.ts';
import { loadConverseFixture, startConverseReplay } from '../integration/describe/bedrock-replay.server.ts';
import { enqueued, searchResult, startMeiliReplay, taskState, type MeiliExchange } from '../unit/search/meili-replay.server.ts';
import { summarize } from './bench-kit.ts';

const TENANT = '11111111-1111-4111-8111-111111111111';
const principal: Principal = { kind: 'session', tenantId: TENANT, sessionId: randomUUID(), role: 'staff', scopes: ['read'], caller: {}, locale: 'en', expiresAt: new Date(Date.now() + 3600_000) };
const LEASE = `LEASE AGREEMENT\n\n1. Parties\nThis lease is made between Acme Property GmbH and Jane Smith.\n\n2. Rent\nThe rent is EUR 1,450 a month.\n\n3. Termination\nEither party may end the lease with three months' notice.\n\n${'The tenant keeps the flat in good order. '.repeat(200)}`;

function world(text: string, extra: Partial<DescribeDeps> = {}) {
  const state = new MemoryCatalogState();
  const fileId = randomUUID();
  const versionId = randomUUID();
  const blobId = randomUUID();
  const at = new Date('2025-06-06T10:00:00Z');
  state.blobs.set(blobId, { id: blobId, tenantId: TENANT, sha256: 'c'.repeat(64), storageKey: `tenants/${TENANT}/blobs/${blobId}`, refCount: 1, quarantined: null });
  state.files.set(fileId, { id: fileId, tenantId: TENANT, name: 'Lease Hauptstrasse.pdf', title: null, customerId: null, visibility: 'internal', currentVersion: 1, createdAt: at, updatedAt: at });
  state.versions.set(versionId, { id: versionId, tenantId: TENANT, fileId, version: 1, blobId, sha256: 'c'.repeat(64), size: 2_000_000, mimeType: 'application/pdf', extension: 'pdf', kind: 'document', status: 'ready', statusReason: null, createdAt: at, metadata: { pages: 4 }, text });
  const extractive = new ExtractiveDescriber();
  const deps: DescribeDeps = { catalog: new MemoryFileCatalog(state), processing: new MemoryProcessingStore(state), describer: extractive, fallback: extractive, timeoutMs: 200, ...extra };
  return async () => {
    const { detail, description } = await describeFile(deps, principal, fileId);
    return { speech: speakFileDescription('en', describeFacts(detail, description), new Date()), data: describeData(detail, description) };
  };
}

async function timed(run: () => Promise<unknown>, n: number): Promise<ReturnType<typeof summarize>> {
  for (let i = 0; i < 20; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples.sort((a, b) => a - b));
}

export async function benchDescribe(): Promise<Record<string, number | string>> {
  const lease = await timed(world(LEASE), 2000);
  const huge = await timed(world(`Quarterly Report\n\n${'Revenue grew in every region of the company this quarter. '.repeat(18_000)}`), 500);

  const slow = loadConverseFixture('slow');
  const replay = await startConverseReplay(Array.from({ length: 10 }, () => slow));
  const client = new BedrockRuntimeClient({ region: 'eu-central-1', endpoint: replay.endpoint, requestHandler: new NodeHttpHandler(), maxAttempts: 1, credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' } });
  const bedrock = new BedrockDescriber({ client, region: 'eu-central-1', modelId: slow.modelId, prompts: { en: describePrompt('en'), de: describePrompt('de') } });
  const fallbacks: number[] = [];
  for (let i = 0; i < 10; i++) {
    const run = world(LEASE, { describer: bedrock, timeoutMs: 200, backgroundMs: 0 });
    const started = performance.now();
    await run();
    fallbacks.push(performance.now() - started);
  }
  client.destroy();
  await replay.close();

  const writes: MeiliExchange[] = [
    { request: { method: 'PATCH', path: '/indexes/voicefiles_files/settings' }, response: enqueued('settingsUpdate') }, taskState('succeeded', 'settingsUpdate'),
  ];
  for (let i = 0; i < 2; i++) {
    writes.push({ request: { method: 'POST', path: '/indexes/voicefiles_files/documents?primaryKey=id' }, response: enqueued('documentAdditionOrUpdate') }, taskState('succeeded', 'documentAdditionOrUpdate'));
    writes.push({ request: { method: 'POST', path: '/indexes/voicefiles_files/documents/delete' }, response: enqueued('documentDeletion') }, taskState('succeeded', 'documentDeletion'));
    writes.push({ request: { method: 'POST', path: '/indexes/voicefiles_files/search' }, response: searchResult([]) });
  }
  writes.push({ request: { method: 'POST', path: '/indexes/voicefiles_files/search' }, response: searchResult([]) });
  const meili = await startMeiliReplay(writes);
  const index = new MeilisearchSearchIndex({ host: meili.url, index: 'voicefiles_files', pollMs: 1 });
  const doc = { tenantId: TENANT, fileId: randomUUID(), versionId: randomUUID(), version: 2, name: 'a.pdf', title: null, kind: 'document' as const, mimeType: 'application/pdf', customerId: null, visibility: 'internal' as const, createdAt: new Date(), text: 'x' };
  await index.upsert(doc);
  const firstWrite = meili.seen.length;
  await index.upsert({ ...doc, fileId: randomUUID() });
  const laterWrite = meili.seen.length - firstWrite;
  await index.search({ text: 'lease', visibility: { tenantId: TENANT, customerScope: null }, limit: 3 });
  const search = meili.seen.length - firstWrite - laterWrite;
  await meili.close();

  return {
    'extractive describe, 4-page lease: p50 ms': Number(lease.median.toFixed(3)),
    'extractive describe, 4-page lease: p95 ms': Number(lease.p95.toFixed(3)),
    'extractive describe, 1 MB text: p50 ms': Number(huge.median.toFixed(3)),
    'extractive describe, 1 MB text: p95 ms': Number(huge.p95.toFixed(3)),
    'bedrock slow (1500 ms), DESCRIBE_TIMEOUT_MS 200: answered after, median ms': Number(summarize(fallbacks.sort((a, b) => a - b)).median.toFixed(1)),
    'meilisearch requests, first write (settings + its poll included)': firstWrite,
    'meilisearch requests, later write of a numbered version': laterWrite,
    'meilisearch requests, one search': search,
  };
}
