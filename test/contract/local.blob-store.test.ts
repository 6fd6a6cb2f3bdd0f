import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../../adapters/storage/local.blob-store.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import type { Clock } from '../../src/ports/clock.port.ts';
import { blobStoreContract, expectDomainError, newKey, readAll, stalledStream } from './blob-store.contract.ts';

/** Serves `/v1/blobs` links the way our HTTP server does: the signed query is the only credential. */
function serveLinks(store: LocalBlobStore): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void (async () => {
      const link = await store.verifyPresignedDownload(url.searchParams);
      const head = await store.head(link.key);
      if (!head) throw new Error('missing');
      res.writeHead(200, {
        'content-type': link.contentType ?? head.contentType ?? 'application/octet-stream',
        'content-length': head.size,
        ...(link.contentDisposition ? { 'content-disposition': link.contentDisposition } : {}),
      });
      await pipeline(await store.get(link.key), res);
    })().catch((error: unknown) => {
      // A client that hung up mid-body: nothing left to answer.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(isDomainError(error) ? error.status : 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: isDomainError(error) ? error.code : 'internal' }));
    });
  });
}

/** A store in a temp dir with a link server on a free port; the port is known only after listen. */
async function localFixture(clock?: Clock) {
  const rootDir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-blobs-'));
  let base = '';
  const store = new LocalBlobStore({ rootDir, publicBaseUrl: () => base, signingKey: randomBytes(32), ...(clock ? { clock } : {}) });
  const server = serveLinks(store);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    store,
    rootDir,
    async cleanup() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(rootDir, { recursive: true, force: true });
    },
  };
}

blobStoreContract('local disk', () => localFixture(), { memoryBudgetBytes: 8 * 1024 * 1024 });

describe('LocalBlobStore (local only)', () => {
  let now = new Date('2025-05-23T10:00:00Z');
  const clock: Clock = { now: () => now };
  let fixture: Awaited<ReturnType<typeof localFixture>>;
  beforeAll(async () => {
    fixture = await localFixture(clock);
  });
  afterAll(() => fixture.cleanup());

  async function link(options: { fileName?: string; contentType?: string; expiresInSeconds?: number } = {}) {
    const key = newKey();
    await fixture.store.put(key, Readable.from([Buffer.from('secret bytes')]));
    return { key, url: new URL(await fixture.store.presignDownload(key, options)) };
  }

  it('mints links under publicBaseUrl, signed over key, expiry, name and type', async () => {
    const { key, url } = await link({ fileName: 'a.pdf', contentType: 'application/pdf' });
    expect(`${url.origin}${url.pathname}`).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/blobs$/);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ k: key, e: String(now.getTime() / 1000 + 900), n: 'a.pdf', ct: 'application/pdf' });
    expect(await fixture.store.verifyPresignedDownload(url.searchParams)).toEqual({ key, fileName: 'a.pdf', contentType: 'application/pdf', contentDisposition: 'attachment; filename="a.pdf"' });
  });

  it('refuses every tampered, missing or repeated parameter as link_invalid', async () => {
    const { url } = await link({ fileName: 'a.pdf', contentType: 'application/pdf' });
    const other = newKey();
    const tamper = (edit: (p: URLSearchParams) => void) => {
      const params = new URLSearchParams(url.searchParams);
      edit(params);
      return fixture.store.verifyPresignedDownload(params);
    };
    const signature = url.searchParams.get('s') ?? '';
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const cases: Array<(p: URLSearchParams) => void> = [
      (p) => p.set('k', other),
      (p) => p.set('e', String(Number(p.get('e')) + 3600)),
      (p) => p.set('n', 'b.exe'),
      (p) => p.delete('n'),
      (p) => p.set('ct', 'text/html'),
      (p) => p.delete('ct'),
      (p) => p.set('s', flipped.toString('base64url')),
      (p) => p.set('s', `${signature}!`),
      (p) => p.set('s', signature.slice(0, -1)),
      (p) => p.delete('s'),
      (p) => p.delete('k'),
      (p) => p.set('e', 'soon'),
      (p) => p.append('k', other),
    ];
    for (const edit of cases) await expectDomainError(tamper(edit), 'link_invalid');
    await expect(tamper(() => undefined)).resolves.toMatchObject({ fileName: 'a.pdf' });
    const response = await fetch(new URL(`?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), k: other })}`, url));
    expect(response.status).toBe(403);
  });

  it('expires links by the injected clock, and a store with another key refuses them', async () => {
    const { url } = await link({ expiresInSeconds: 60 });
    now = new Date(now.getTime() + 60_000);
    expect((await fetch(url)).status).toBe(200);
    now = new Date(now.getTime() + 1_000);
    await expectDomainError(fixture.store.verifyPresignedDownload(url.searchParams), 'link_expired');
    expect((await fetch(url)).status).toBe(410);
    // An expired link that was also tampered with says only "invalid".
    await expectDomainError(fixture.store.verifyPresignedDownload(new URLSearchParams({ ...Object.fromEntries(url.searchParams), n: 'x' })), 'link_invalid');
    const stranger = new LocalBlobStore({ rootDir: fixture.rootDir, publicBaseUrl: () => 'http://x', signingKey: randomBytes(32), clock });
    now = new Date(now.getTime() - 61_000);
    await expectDomainError(stranger.verifyPresignedDownload(url.searchParams), 'link_invalid');
  });

  it('uses defaultExpirySeconds when the caller gives no lifetime', async () => {
    const store = new LocalBlobStore({ rootDir: fixture.rootDir, publicBaseUrl: () => 'http://files.example/', signingKey: randomBytes(32), clock, defaultExpirySeconds: 120 });
    const url = new URL(await store.presignDownload(newKey()));
    expect(url.pathname).toBe('/v1/blobs');
    expect(url.searchParams.get('e')).toBe(String(now.getTime() / 1000 + 120));
  });

  it('rejects keys that could leave rootDir or clash with its working folders', async () => {
    const { store, rootDir } = fixture;
    const bad = ['../escape', 'tenants/../../escape', '/etc/passwd', 'a\\..\\b', 'a\0b', 'a//b', '', 'a/', './a', '.incoming/x', '.meta/x', 'a/..'];
    for (const key of bad) {
      await expectDomainError(store.put(key, Readable.from([Buffer.from('x')])), 'bad_request');
      await expectDomainError(store.get(key), 'bad_request');
      await expectDomainError(store.head(key), 'bad_request');
      await expectDomainError(store.delete(key), 'bad_request');
      await expectDomainError(store.presignDownload(key), 'bad_request');
    }
    expect(existsSync(path.join(rootDir, '..', 'escape'))).toBe(false);
  });

  it('leaves no temp files behind after success, failure or abort', async () => {
    const { store, rootDir } = fixture;
    await store.put(newKey(), Readable.from([Buffer.from('ok')]));
    await store.put(newKey(), stalledStream(256 * 1024, new Error('boom')).stream).catch(() => undefined);
    const controller = new AbortController();
    const stalled = stalledStream(256 * 1024);
    const aborted = store.put(newKey(), stalled.stream, { signal: controller.signal }).catch(() => undefined);
    await stalled.consumed;
    controller.abort();
    await aborted;
    expect(readdirSync(path.join(rootDir, '.incoming'))).toEqual([]);
  });

  it('a failed write under an existing key leaves the old object intact', async () => {
    const key = newKey();
    await fixture.store.put(key, Readable.from([Buffer.from('version one')]), { contentType: 'text/plain' });
    await fixture.store.put(key, stalledStream(128 * 1024, new Error('cut')).stream, { contentType: 'application/pdf' }).catch(() => undefined);
    expect((await readAll(await fixture.store.get(key))).toString()).toBe('version one');
    expect(await fixture.store.head(key)).toMatchObject({ contentType: 'text/plain' });
  });

  it('writes blobs 0600 in directories 0700, whatever the umask', async () => {
    const previous = process.umask(0o000);
    try {
      const key = newKey();
      await fixture.store.put(key, Readable.from([Buffer.from('private')]), { contentType: 'text/plain' });
      const file = path.join(fixture.rootDir, ...key.split('/'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(fixture.rootDir, '.meta', ...key.split('/'))).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('removeIncomplete removes partial writes and orphaned type files older than the cutoff, nothing else', async () => {
    const { store, rootDir } = fixture;
    const kept = newKey();
    await store.put(kept, Readable.from([Buffer.from('complete')]), { contentType: 'text/plain' });
    const incoming = path.join(rootDir, '.incoming');
    mkdirSync(incoming, { recursive: true });
    const old = new Date(Date.now() - 3_600_000);
    writeFileSync(path.join(incoming, 'crashed-upload'), 'half of it');
    utimesSync(path.join(incoming, 'crashed-upload'), old, old);
    writeFileSync(path.join(incoming, 'upload-in-progress'), 'still coming');
    const orphanMeta = path.join(rootDir, '.meta', ...newKey().split('/'));
    mkdirSync(path.dirname(orphanMeta), { recursive: true });
    writeFileSync(orphanMeta, '{"contentType":"text/plain"}');
    utimesSync(orphanMeta, old, old);
    expect(await store.removeIncomplete(new Date(Date.now() - 60_000))).toBe(2);
    expect(readdirSync(incoming)).toEqual(['upload-in-progress']);
    expect(existsSync(orphanMeta)).toBe(false);
    expect(await store.head(kept)).toMatchObject({ size: 8, contentType: 'text/plain' });
    rmSync(path.join(incoming, 'upload-in-progress'));
  });

  it('needs a signing key of at least 32 bytes', () => {
    expect(() => new LocalBlobStore({ rootDir: fixture.rootDir, publicBaseUrl: () => '', signingKey: randomBytes(16) })).toThrow(/32 bytes/);
  });
});
