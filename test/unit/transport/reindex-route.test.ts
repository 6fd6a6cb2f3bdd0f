/**
 * POST /v1/reindex over real HTTP (the route in the server's own HTTP stack on loopback), with
 * the catalog and index in memory: progress lines arrive while the rebuild is still running,
 * the counts at the end are right, and `voicefiles reindex` shows the progress as it comes.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReindexTenant } from '../../../src/app/reindex.use-case.ts';
import type { FileCatalog, ListFilesOptions } from '../../../src/ports/file-catalog.port.ts';
import type { SearchDocument } from '../../../src/ports/search-index.port.ts';
import { AuthThrottle } from '../../../src/transport/auth-throttle.ts';
import { createHttpServer } from '../../../src/transport/http/http-server.ts';
import { Router } from '../../../src/transport/http/router.ts';
import { reindexRoutes } from '../../../src/transport/http/routes/reindex.routes.ts';
import { InputGate } from '../../../src/transport/input-gate.ts';
import { Metrics } from '../../../src/transport/metrics.ts';
import { MemoryCatalogState, MemoryFileCatalog, MemoryProcessingStore } from '../../support/fakes/memory.catalog.ts';
import { MemorySearchIndex } from '../../support/fakes/memory.services.ts';
import { runInProcess } from '../cli/cli-harness.ts';

const ADMIN_TOKEN = 'admin-token-for-the-reindex-route-test';
const BIG = 450;

/** The memory catalog lists everything at once; the real one pages (200 a page in the rebuild). */
class PagedCatalog implements Pick<FileCatalog, 'listFiles'> {
  constructor(private readonly inner: MemoryFileCatalog) {}
  async listFiles(tenantId: string, options: ListFilesOptions) {
    const all = (await this.inner.listFiles(tenantId, { ...options, limit: Number.MAX_SAFE_INTEGER })).files;
    const from = Number(options.cursor ?? 0);
    const to = from + options.limit;
    return { files: all.slice(from, to), nextCursor: to < all.length ? String(to) : null };
  }
}

/** An index whose writes wait once `held` documents are in, until `release()`: the rebuild is caught mid-way. */
class HeldIndex extends MemorySearchIndex {
  private gate: Promise<void> | null = null;
  private open: () => void = () => {};
  holdAfter(held: number) {
    this.held = held;
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release() {
    this.open();
    this.gate = null;
  }
  private held = Number.POSITIVE_INFINITY;
  override async upsert(doc: SearchDocument) {
    if (this.gate && this.documents.size >= this.held) await this.gate;
    await super.upsert(doc);
  }
  async clear(tenantId: string) {
    for (const key of [...this.documents.keys()]) if (key.startsWith(`${tenantId}:`)) this.documents.delete(key);
  }
}

const state = new MemoryCatalogState();
const search = new HeldIndex();
const tenants: ReindexTenant[] = [
  { id: randomUUID(), slug: 'big-tenant', locale: 'en' },
  { id: randomUUID(), slug: 'small-tenant', locale: 'de' },
];
let server: Server;
let url: string;

async function seed(tenantId: string, count: number) {
  const catalog = new MemoryFileCatalog(state);
  for (let i = 0; i < count; i++) {
    const { version } = await catalog.recordIntake({
      tenantId, name: `file ${i}.txt`, customerId: null, visibility: 'internal', mimeType: 'text/plain', extension: 'txt', kind: 'text',
      blob: { id: randomUUID(), sha256: randomUUID(), size: 5, storageKey: `k/${tenantId}/${i}` },
    });
    state.versions.set(version.id, { ...state.versions.get(version.id)!, status: 'ready', text: `text of file ${i}` });
  }
}

beforeAll(async () => {
  await seed(tenants[0]!.id, BIG);
  await seed(tenants[1]!.id, 3);
  const gate = new InputGate();
  const router = new Router(gate);
  reindexRoutes(router, {
    search,
    catalog: new PagedCatalog(new MemoryFileCatalog(state)),
    texts: new MemoryProcessingStore(state),
    tenants: { listTenants: async () => tenants, getTenantBySlug: async (slug) => tenants.find((t) => t.slug === slug) ?? null },
    quotas: {
      usage: async (tenantId) => ({ bytes: 0, files: [...state.files.values()].filter((f) => f.tenantId === tenantId).length, quota: { bytes: null, files: null }, lastWarning: null }),
    },
    adminTokenSha256: createHash('sha256').update(ADMIN_TOKEN).digest(),
  });
  server = createHttpServer(router, { logger: pino({ level: 'silent' }), metrics: new Metrics(), gate, throttle: new AuthThrottle({ burst: 100, perMinute: 100 }) }, {
    maxConnections: 100, jsonBodyTimeoutSeconds: 5, minBytesPerSecond: 0, rateWindowSeconds: 5, trustProxyHops: 0,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

function post(body: unknown, accept?: string) {
  return fetch(`${url}/v1/reindex`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', ...(accept ? { accept } : {}) },
    body: JSON.stringify(body),
  });
}

/** Lines of an NDJSON body as they arrive. */
async function* lines(response: Response): AsyncGenerator<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body!) {
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      yield JSON.parse(buffered.slice(0, end)) as Record<string, unknown>;
      buffered = buffered.slice(end + 1);
    }
  }
}

describe('POST /v1/reindex', () => {
  it('streams progress while the rebuild runs (caught mid-way), then the right counts', async () => {
    search.holdAfter(250);
    const response = await post({}, 'application/x-ndjson');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const events: Array<Record<string, unknown>> = [];
    for await (const event of lines(response)) {
      events.push(event);
      // The first page (200 files) is reported while the index still holds writes at 250: the
      // line reached us before the rebuild could possibly have finished.
      if (event.event === 'progress' && event.seen === 200) {
        expect(search.documents.size).toBeLessThanOrEqual(250);
        search.release();
      }
    }
    expect(events[0]).toEqual({ event: 'start', tenants: [{ slug: 'big-tenant', total: BIG }, { slug: 'small-tenant', total: 3 }] });
    expect(events.filter((e) => e.event === 'progress')).toEqual([
      { event: 'progress', tenant: 'big-tenant', seen: 200, indexed: 200, total: BIG, finished: false },
      { event: 'progress', tenant: 'big-tenant', seen: 400, indexed: 400, total: BIG, finished: false },
      { event: 'progress', tenant: 'big-tenant', seen: BIG, indexed: BIG, total: BIG, finished: true },
      { event: 'progress', tenant: 'small-tenant', seen: 3, indexed: 3, total: 3, finished: true },
    ]);
    expect(events.at(-1)).toEqual({ event: 'done', tenants: [{ slug: 'big-tenant', indexed: BIG }, { slug: 'small-tenant', indexed: 3 }], indexed: BIG + 3 });
    expect(search.documents.size).toBe(BIG + 3);
  });

  it('still answers one JSON object without the NDJSON accept header, and 404 for an unknown tenant before any stream', async () => {
    const plain = await post({ tenant: 'small-tenant' });
    expect(plain.headers.get('content-type')).toContain('application/json');
    expect(await plain.json()).toEqual({ tenants: [{ slug: 'small-tenant', indexed: 3 }], indexed: 3 });
    const unknown = await post({ tenant: 'no-such-tenant' }, 'application/x-ndjson');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('tenant_not_found');
  });
});

describe('voicefiles reindex', () => {
  const env = () => ({ VOICEFILES_URL: url, VOICEFILES_ADMIN_TOKEN: ADMIN_TOKEN });

  it('prints a progress line per tenant when stderr is not a terminal, and the counts on stdout', async () => {
    const run = await runInProcess(['reindex', '--all'], env());
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`big-tenant  ${BIG}/${BIG} files, ${BIG} indexed`);
    expect(run.stderr).toMatch(/small-tenant {2}3\/3 files, 3 indexed {2}\d+ files\/s \(finished\)/);
    expect(run.stderr).not.toContain('\r');
    expect(run.stdout).toContain(`big-tenant: ${BIG} files indexed`);
    expect(run.stdout).toContain('small-tenant: 3 files indexed');
    expect(run.stdout).toContain(`Done: ${BIG + 3} files`);
  });

  it('draws a bar redrawn in place on a terminal; --json prints the counts', async () => {
    const run = await runInProcess(['reindex', '--tenant', 'big-tenant', '--json'], env(), { tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`\r\x1b[2K[${'#'.repeat(24)}] big-tenant  ${BIG}/${BIG} files`);
    expect(JSON.parse(run.stdout)).toEqual({ tenants: [{ slug: 'big-tenant', indexed: BIG }], indexed: BIG });
  });

  it('names an unknown tenant and fails', async () => {
    const run = await runInProcess(['reindex', '--tenant', 'no-such-tenant'], env());
    expect(run.code).not.toBe(0);
    expect(run.stderr.toLowerCase()).toContain('tenant');
  });
});
