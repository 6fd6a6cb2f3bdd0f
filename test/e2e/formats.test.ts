/**
 * Issue 11 end to end, on a real server (Postgres server when reachable), real
 * clamd, real Tesseract and antiword: a scanned contract, a photographed
 * delivery note, a business card, an e-mail with attachments, an .odt, an .rtf
 * and a .doc in German and English each become `ready` and are found by `find`
 * over the WebSocket from a phrase of their content; the hostile file of each
 * new family ends in a named state while the others in the same batch are ready.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolAvailable } from '../../adapters/extract/tool-process.ts';
import { outlookMsg, word97Doc } from '../fixtures/generate/cfb.fixture.ts';
import { bombOdt, eml, nestedEml, odp, odt, rtf } from '../fixtures/generate/formats.fixture.ts';
import { workbook } from '../fixtures/generate/sheet.fixture.ts';
import { hugeImagePdf, hugePng, manyPageTiff } from '../fixtures/generate/hostile-image.fixture.ts';
import { OCR_SUITE_SET, renderDocument } from '../fixtures/generate/ocr-corpus.fixture.ts';
import { layoutPdf, textImage } from '../fixtures/generate/ocr.fixture.ts';
import { encryptedPdf } from '../fixtures/generate/pdf.fixture.ts';
import { startClamd, type TestClamd } from '../support/clamd.ts';
import { McpTestClient } from '../support/mcp-client.ts';
import { postgresAvailable, serviceAvailable } from '../support/services.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const onServer = await postgresAvailable();
const tools = await serviceAvailable('tesseract, antiword and catdoc', async () => (await toolAvailable('tesseract')) && (await toolAvailable('antiword', '-h')) && toolAvailable('catdoc', '-V'));

let clamd: TestClamd;
let server: TestServer;
let de: { id: string; apiKey: string };
let en: { id: string; apiKey: string };

beforeAll(async () => {
  if (!tools) return;
  clamd = await startClamd();
  server = await startTestServer({ engine: onServer ? 'postgres' : 'pglite', env: { CLAMAV_URL: clamd.url, JOB_RETRY_DELAY_SECONDS: '1', EMAIL_MAX_DEPTH: '3' } });
  [de, en] = await Promise.all([server.createTenant('formate', 'de'), server.createTenant('formats', 'en')]);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await clamd?.close();
});

type Settled = Record<string, unknown> & { status: string; status_reason: string | null; metadata: Record<string, unknown> };

async function uploadAndSettle(apiKey: string, name: string, body: Buffer): Promise<Settled> {
  const uploaded = await server.upload(apiKey, name, body);
  expect(uploaded.status, `${name}: ${JSON.stringify(uploaded.json)}`).toBe(201);
  return (await server.settled(apiKey, uploaded.json.file_id as string, 120_000)) as Settled;
}

async function found(apiKey: string, query: string): Promise<string[]> {
  const client = await McpTestClient.connect(server.url, await server.sessionToken(apiKey, { role: 'staff' }));
  try {
    const result = await client.callTool('find', { query, limit: 5 });
    expect(result.isError, result.speech).toBe(false);
    return (result.data.results as Array<{ file_id: string }>).map((r) => r.file_id);
  } finally {
    await client.close();
  }
}

const CARD = ['Dr. Jens Krause', 'Vertriebsleiter', 'Nordlicht Logistik GmbH', 'Telefon +49 40 5551234', 'jens.krause@nordlicht.example'];

describe.runIf(tools)(`documents and e-mail on ${onServer ? 'the PostgreSQL server' : 'PGlite'} with real clamd and Tesseract`, () => {
  it('every kind of document in both languages becomes ready and is found by a phrase of its content', async () => {
    const [contract, note] = OCR_SUITE_SET.map((doc) => doc);
    const contractFile = await renderDocument(contract!, 'clean');
    const noteFile = await renderDocument(note!, 'degraded');
    const cases: Array<[tenant: typeof de, name: string, body: Buffer, query: string]> = [
      [de, contractFile.name, contractFile.data, contract!.phrase],
      [en, noteFile.name, noteFile.data, note!.phrase],
      [de, 'Visitenkarte Messe Hamburg.png', await textImage({ lines: CARD, size: [252, 144], fontSize: 11 }, { dpi: 300 }), 'Jens Krause Nordlicht'],
      [de, 'Angebot Büromöbel.odt', odt(['Angebot Nummer 17', 'Wir liefern zwanzig Schreibtischstühle nach Bremen.'], { title: 'Angebot' }), 'Schreibtischstühle Bremen'],
      [de, 'Kündigung.rtf', rtf(['Sehr geehrter Herr Krause,', 'hiermit kündigen wir den Mietvertrag für das Lager in Wedel.']), 'Mietvertrag Lager Wedel'],
      [de, 'Anfrage alt.doc', word97Doc(['Anfrage zur Reparatur der Rolltreppe', 'im Einkaufszentrum Alstertal.']), 'Reparatur Rolltreppe'],
      [en, 'old offer.doc', word97Doc(['Offer for the maintenance of the cooling towers', 'at the Bristol plant.']), 'cooling towers Bristol'],
      [en, 'Quarterly review.odp', odp([['Quarterly review'], ['Turnover of the Rotterdam depot doubled']]), 'Rotterdam depot'],
      [de, 'Umsatz alt.xls', workbook('biff8'), 'Müller GmbH'],
      [en, 'Site visit.msg', outlookMsg({ subject: 'Site visit on Thursday', from: { name: 'Anna Smith', address: 'anna@example.com' }, to: [{ name: 'Tom Baker', address: 'tom@example.com' }], body: 'The crane inspection is booked for Thursday.' }), 'crane inspection'],
    ];
    const settled = await Promise.all(cases.map(([tenant, name, body]) => uploadAndSettle(tenant.apiKey, name, body)));
    settled.forEach((file, i) => expect(file.status, `${cases[i]![1]}: ${file.status_reason}`).toBe('ready'));
    expect(settled[0]!.metadata).toMatchObject({ scanned: true, ocr: { pages: 1, language: 'de' } });
    expect(settled[2]!.metadata).toMatchObject({ ocr: { pages: 1 } });
    for (const [i, [tenant, name, , query]] of cases.entries()) {
      expect(await found(tenant.apiKey, query), `find "${query}" should offer ${name}`).toContain(settled[i]!.file_id);
    }
  });

  it('an e-mail: its attachments become files of their own, found through the sender; a bad one is refused alone', async () => {
    const invoice = await layoutPdf([{ lines: ['Rechnung 4471', 'Lieferung von zwanzig Aktenschränken', 'Betrag 3.200 Euro'] }]);
    const message = eml({
      subject: 'Rechnung März',
      from: 'Hans Müller <hans.mueller@example.de>',
      to: 'Petra Schulz <petra.schulz@example.de>',
      body: 'Guten Tag Frau Schulz, anbei die Rechnung für die Aktenschränke.',
      attachments: [
        { name: 'Rechnung 4471.pdf', contentType: 'application/pdf', data: invoice },
        { name: 'gesperrt.pdf', contentType: 'application/pdf', data: encryptedPdf() },
        { name: 'setup.exe', contentType: 'application/octet-stream', data: Buffer.from('MZ not really a program') },
      ],
    });
    const mail = await uploadAndSettle(de.apiKey, 'Rechnung per Mail.eml', message);
    expect(mail.status).toBe('ready');
    const email = mail.metadata.email as { attachments: Array<{ name: string; status: string; file_id?: string; reason?: string }> };
    expect(mail.metadata).toMatchObject({ email: { subject: 'Rechnung März', from: { name: 'Hans Müller' }, attachmentCount: 3 } });
    expect(email.attachments.map((a) => [a.name, a.status, a.reason])).toEqual([
      ['Rechnung 4471.pdf', 'stored', undefined],
      ['gesperrt.pdf', 'stored', undefined],
      ['setup.exe', 'refused', 'type_not_allowed'],
    ]);
    const [invoiceFile, locked] = (await Promise.all(email.attachments.slice(0, 2).map((a) => server.settled(de.apiKey, a.file_id!, 60_000)))) as [Settled, Settled];
    expect(invoiceFile).toMatchObject({ status: 'ready', name: 'Rechnung 4471.pdf', metadata: { attachment_of: { file_id: mail.file_id, subject: 'Rechnung März' } } });
    expect(locked).toMatchObject({ status: 'rejected', status_reason: 'encrypted' });
    // "die Rechnung, die Herr Müller per E-Mail geschickt hat": the attachment, and the message that names it.
    const hits = await found(de.apiKey, 'Rechnung Müller');
    expect(hits).toEqual(expect.arrayContaining([invoiceFile.file_id, mail.file_id]));
    expect(await found(de.apiKey, 'Aktenschränke 4471')).toContain(invoiceFile.file_id);
  });

  it('hostile files of each new family end in named states; the others in the same batch become ready', async () => {
    const truncatedJpeg = (await textImage({ lines: CARD }, { format: 'jpeg' })).subarray(0, 20_000);
    const batch: Array<[name: string, body: Buffer, expect: { status: string; reason?: RegExp }]> = [
      ['Angebot.odt', bombOdt(512), { status: 'rejected', reason: /^(too_large_to_scan|decompression_bomb)$/ }],
      // clamd unpacks nested MIME itself and stops at its MaxRecursion (16, infra/clamav): refused before extraction.
      ['Weitergeleitet.eml', nestedEml(50), { status: 'rejected', reason: /^unscannable$/ }],
      ['Weitergeleitet kurz.eml', nestedEml(6), { status: 'ready' }],
      ['Panorama.png', hugePng(30_000, 30_000), { status: 'rejected', reason: /^image_too_large$/ }],
      ['Fax.tif', manyPageTiff(10_000), { status: 'rejected', reason: /^too_many_pages$/ }],
      ['Foto.jpg', truncatedJpeg, { status: 'rejected', reason: /^corrupt$/ }],
      ['Plakate.pdf', hugeImagePdf(3, 20_000), { status: 'ready' }],
      ['Notiz.txt', Buffer.from('Eine ganz normale Notiz zum Rückruf bei Frau Yilmaz.'), { status: 'ready' }],
      ['Brief.odt', odt(['Ein normaler Brief', 'an die Nachbarn im Erdgeschoss.']), { status: 'ready' }],
    ];
    const settled = await Promise.all(batch.map(([name, body]) => uploadAndSettle(de.apiKey, name, body)));
    settled.forEach((file, i) => {
      const [name, , wanted] = batch[i]!;
      expect(file.status, `${name}: ${file.status_reason}`).toBe(wanted.status);
      if (wanted.reason) expect(String(file.status_reason), name).toMatch(wanted.reason);
    });
    expect(settled[6]!.metadata).toMatchObject({ ocr: { pages: 0, skipped: { image_too_large: 3 } } });

    // The message nested 6 deep is followed EMAIL_MAX_DEPTH (3) levels, each level its own ready file; the rest is listed.
    let level = settled[2]!;
    for (let depth = 1; depth <= 3; depth += 1) {
      const [next] = (level.metadata.email as { attachments: Array<{ status: string; file_id?: string }> }).attachments;
      expect(next, `level ${depth}`).toMatchObject({ status: 'stored' });
      level = (await server.settled(de.apiKey, next!.file_id!, 60_000)) as Settled;
      expect(level.status).toBe('ready');
    }
    expect((level.metadata.email as { attachments: unknown[] }).attachments).toEqual([expect.objectContaining({ status: 'refused', reason: 'too_deep' })]);
  });
});
