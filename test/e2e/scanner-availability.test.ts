/**
 * Scanning fails closed. With CLAMAV_URL set the policy is `required` by default: a clamd that
 * is not up yet at boot does not turn scanning off; files wait in `scanning` until it answers
 * (the scanner is pinged every SCAN_PROBE_SECONDS), however long that is (their scan retries
 * may run out meanwhile), and when it goes away and comes back the same holds. Real clamd, a
 * real server (PGlite), real uploads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eicarBytes } from '../fixtures/eicar.ts';
import { clamdAvailable, startClamd, type TestClamd } from '../support/clamd.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const withClamd = await clamdAvailable();
let clamd: TestClamd;
let server: TestServer;
let apiKey: string;

beforeAll(async () => {
  if (!withClamd) return;
  clamd = await startClamd();
  // Down before the server starts: the late clamd.
  await clamd.stop();
  server = await startTestServer({
    // No retries: a scan that finds clamd away is dead-lettered at once, and must still wait.
    env: { CLAMAV_URL: clamd.url, SCAN_PROBE_SECONDS: '1', JOB_RETRY_LIMIT: '0', JOB_RETRY_DELAY_SECONDS: '1', JOB_MAINTENANCE_SECONDS: '1' },
  });
  apiKey = (await server.createTenant('scanning')).apiKey;
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await clamd?.close();
});

async function upload(name: string, body: string | Buffer): Promise<string> {
  const res = await server.upload(apiKey, name, body);
  expect(res.status).toBe(201);
  return String(res.json.file_id);
}

async function status(id: string): Promise<string> {
  const res = await fetch(`${server.url}/v1/files/${id}`, { headers: { authorization: `Bearer ${apiKey}` } });
  return String(((await res.json()) as { status: string }).status);
}

async function scannerCheck(): Promise<unknown> {
  const res = await fetch(`${server.url}/health/ready`);
  return ((await res.json()) as { checks: Record<string, unknown> }).checks.scanner;
}

/** Long enough for the scan to fail (polling 1 s) and be dead-lettered (its queue polled too). */
const pastTheRetries = () => new Promise((resolve) => setTimeout(resolve, 3_000));

describe.skipIf(!withClamd)(withClamd ? 'scanning fails closed (real clamd)' : 'scanning fails closed (skipped: clamd is not installed)', () => {
  it('a clamd that starts late: files wait in scanning (never unscanned), then are scanned once it answers', async () => {
    const clean = await upload('minutes.txt', 'minutes of the annual meeting');
    const infected = await upload('eicar.txt', eicarBytes());
    await pastTheRetries();
    expect([await status(clean), await status(infected)]).toEqual(['scanning', 'scanning']);
    expect(await scannerCheck()).toBe(false);
    // Readiness does not hang on the scanner: requests are still served while files wait.
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);

    await clamd.start();
    expect((await server.settled(apiKey, clean)).status).toBe('ready');
    expect(await server.settled(apiKey, infected)).toMatchObject({ status: 'infected', status_reason: 'infected', metadata: { scan: { signature: expect.stringMatching(/^Voicefiles\.Test\.EICAR/) } } });
    expect(await scannerCheck()).toBe(true);
  }, 60_000);

  it('a clamd that goes away and comes back: files uploaded meanwhile wait, then are scanned', async () => {
    await clamd.stop();
    const clean = await upload('budget.txt', 'budget for the next quarter');
    // Other bytes than before (the same content would be known infected without asking clamd).
    const infected = await upload('eicar-again.txt', Buffer.concat([eicarBytes(), Buffer.from('\nanother copy')]));
    await pastTheRetries();
    expect([await status(clean), await status(infected)]).toEqual(['scanning', 'scanning']);
    expect(await scannerCheck()).toBe(false);

    await clamd.start();
    expect((await server.settled(apiKey, clean)).status).toBe('ready');
    expect((await server.settled(apiKey, infected)).status).toBe('infected');
  }, 60_000);
});
