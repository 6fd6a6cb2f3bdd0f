import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clamdAvailable, startClamd, type TestClamd } from '../support/clamd.ts';
import { postgresAvailable } from '../support/services.ts';
import { offlineSpeechAvailable } from '../support/speech-tools.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { eicarBytes, fakePdfWith } from '../fixtures/eicar.ts';
import { encryptedPdf, manyPagePdf, reportPdf, truncatedPdf } from '../fixtures/generate/pdf.fixture.ts';
import { bombXlsx, encryptedXlsx, workbook } from '../fixtures/generate/sheet.fixture.ts';
import { corruptWav, manyRowCsv } from '../fixtures/generate/media.fixture.ts';

/**
 * Hostile input through the whole pipeline on a real server (Postgres server,
 * real clamd): each case ends in a named state with a reason, and a normal file
 * uploaded at the same time still becomes ready.
 */
const onServer = await postgresAvailable();
const withClamd = await clamdAvailable();
const withSpeech = withClamd && (await offlineSpeechAvailable());
let clamd: TestClamd;
let server: TestServer;
let tenant: { id: string; apiKey: string };

beforeAll(async () => {
  if (!withClamd) return;
  clamd = await startClamd();
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { CLAMAV_URL: clamd.url, JOB_RETRY_DELAY_SECONDS: '1', EXTRACT_TIMEOUT_SECONDS: '20' } });
  tenant = await server.createTenant('hostile');
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await clamd?.close();
});

async function processAlongsideNormal(name: string, body: Buffer): Promise<Record<string, unknown>> {
  const normalName = `normal-${name.replace(/[^a-z0-9]/gi, '')}.txt`;
  const [hostile, normal] = await Promise.all([server.upload(tenant.apiKey, name, body), server.upload(tenant.apiKey, normalName, `An ordinary note next to ${name}.`)]);
  expect(hostile.status, JSON.stringify(hostile.json)).toBe(201);
  expect(normal.status).toBe(201);
  const [settled, normalSettled] = await Promise.all([
    server.settled(tenant.apiKey, hostile.json.file_id as string, 60_000),
    server.settled(tenant.apiKey, normal.json.file_id as string, 60_000),
  ]);
  expect(normalSettled.status).toBe('ready');
  return settled;
}

const title = `pipeline on ${onServer ? 'the PostgreSQL server' : 'PGlite (PostgreSQL server not available)'} with a real clamd`;
describe.skipIf(!withClamd)(withClamd ? title : `${title} (skipped: clamd is not installed)`, () => {
  it('takes a real PDF to ready with its page count', async () => {
    const settled = await processAlongsideNormal('Quarterly Report.pdf', await reportPdf(3));
    expect(settled).toMatchObject({ status: 'ready', metadata: { pages: 3 } });
  });

  it('quarantines EICAR inside a PDF as infected with the signature name', async () => {
    const settled = await processAlongsideNormal('invoice.pdf', fakePdfWith(eicarBytes()));
    expect(settled.status).toBe('infected');
    expect(settled).toMatchObject({ status_reason: 'infected', status_message: expect.stringContaining('malware') });
    expect(String((settled.metadata as { scan?: { signature?: string } }).scan?.signature)).toMatch(/Eicar/i);
  });

  it('quarantines an EICAR text file named .txt; refuses it named .pdf at intake', async () => {
    const settled = await processAlongsideNormal('readme.txt', eicarBytes());
    expect(settled.status).toBe('infected');
    const named = await server.upload(tenant.apiKey, 'eicar.pdf', eicarBytes());
    expect(named.status).toBe(415);
    expect(named.json).toMatchObject({ error: { code: 'type_mismatch' } });
  });

  it.each([
    ['a truncated PDF', 'broken.pdf', async () => truncatedPdf(), 'corrupt'],
    ['an encrypted PDF', 'secret.pdf', async () => encryptedPdf(), 'encrypted'],
    ['a password-protected spreadsheet', 'locked.xlsx', async () => encryptedXlsx(), 'encrypted'],
    // clamd unpacks the zip first; with AlertExceedsMax its limits catch the bomb before extraction does.
    ['an xlsx decompression bomb', 'bomb.xlsx', async () => bombXlsx(256), /^(too_large_to_scan|decompression_bomb)$/],
    ['a PDF with twenty thousand pages', 'huge.pdf', async () => manyPagePdf(20_000), 'too_many_pages'],
    ['a WAV with a corrupt header', 'call.wav', async () => corruptWav(), 'corrupt'],
  ])('rejects %s (uploaded as %s)', async (_label, name, make, reason) => {
    const settled = await processAlongsideNormal(name, await make());
    expect(settled.status).toBe('rejected');
    expect(String(settled.status_reason)).toMatch(reason instanceof RegExp ? reason : new RegExp(`^${reason}$`));
  });

  it('extracts a spreadsheet with a million rows up to the row cap, marked truncated', async () => {
    const settled = await processAlongsideNormal('ledger.csv', manyRowCsv(1_000_000));
    expect(settled.status).toBe('ready');
    expect(settled.metadata).toMatchObject({ text_truncated: true });
  });

  it('indexes an ordinary workbook with its sheet names', async () => {
    const settled = await processAlongsideNormal('Sales Pipeline.xlsx', workbook('xlsx'));
    expect(settled.status).toBe('ready');
    expect(settled.metadata).toHaveProperty('sheets');
  });

  it('strips right-to-left override characters from a name and processes the file', async () => {
    const settled = await processAlongsideNormal('report\u202Etxt.pdf', await reportPdf(1));
    expect(settled).toMatchObject({ status: 'ready', name: 'reporttxt.pdf' });
  });

  it.skipIf(!withSpeech)(`transcribes a recording offline in its own job and keeps its duration${withSpeech ? '' : ' (skipped: pocketsphinx, sox or espeak-ng not installed)'}`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-speech-'));
    const wavPath = path.join(dir, 'message.wav');
    execFileSync('espeak-ng', ['-v', 'en+klatt', '-w', wavPath, 'the quarterly report is ready for the board meeting on monday']);
    const settled = await processAlongsideNormal('voicemail.wav', readFileSync(wavPath));
    rmSync(dir, { recursive: true, force: true });
    expect(settled).toMatchObject({ status: 'ready', metadata: { transcript: 'pocketsphinx' } });
    expect(Number((settled.metadata as Record<string, unknown>).durationSeconds)).toBeGreaterThan(1);
  });

  it('extracts the text of an RTF letter (its own reader since issue 11)', async () => {
    const settled = await processAlongsideNormal('letter.rtf', Buffer.from('{\\rtf1\\ansi Dear Mr Miller, thank you.}'));
    expect(settled).toMatchObject({ status: 'ready', metadata: { wordCount: 5 } });
  });

  it('does not rescan identical content under the same signatures', async () => {
    const content = `Scan me once: ${Date.now()}`;
    const first = await server.upload(tenant.apiKey, 'once.txt', content);
    expect((await server.settled(tenant.apiKey, first.json.file_id as string)).metadata).toMatchObject({ scan: { result: 'clean', cached: false } });
    const second = await server.upload(tenant.apiKey, 'twice.txt', content);
    expect(second.json.deduplicated).toBe(true);
    const settled = await server.settled(tenant.apiKey, second.json.file_id as string);
    expect(settled).toMatchObject({ status: 'ready', metadata: { scan: { result: 'clean', cached: true } } });
  });

  it('refuses an empty file and an executable renamed .pdf at intake, before the pipeline', async () => {
    expect((await server.upload(tenant.apiKey, 'empty.pdf', Buffer.alloc(0))).json).toMatchObject({ error: { code: 'empty_upload' } });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x40, 0, 0, 0]), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
    expect((await server.upload(tenant.apiKey, 'invoice.pdf', exe)).json).toMatchObject({ error: { code: 'type_mismatch' } });
  });
});
