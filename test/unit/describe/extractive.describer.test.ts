import { describe, expect, it } from 'vitest';
import { describeExtractively, ExtractiveDescriber } from '../../../adapters/describe/extractive.describer.ts';

const doc = (text: string, metadata: Record<string, unknown> = {}) => describeExtractively({ kind: 'document', mimeType: 'application/pdf', metadata, text });

describe('the extractive describer (no network)', () => {
  it('finds headings (title lines, numbered, Markdown) and the first substantive sentence', () => {
    const lease = "LEASE AGREEMENT\n\n1. Parties\nThis lease is made between Acme Property GmbH and Jane Smith.\n\n2. Termination\nEither party may end the lease with three months' notice.";
    expect(doc(lease)).toEqual({ source: 'extractive', headings: ['LEASE AGREEMENT', 'Parties', 'Termination'], lead: 'This lease is made between Acme Property GmbH and Jane Smith.' });
    expect(doc('# Onboarding\n\nNew staff get a laptop and a badge on day one.\n\n## Week one\n\nMeet the team.')).toMatchObject({ headings: ['Onboarding', 'Week one'], lead: 'New staff get a laptop and a badge on day one.' });
  });

  it('skips e-mail header lines and short fragments, keeps abbreviations and German ordinals inside the sentence', () => {
    expect(doc('Subject: Angebot\nFrom: Petra <p@example.de>\n\nHallo. Anbei das Angebot Nr. 4471 von Dr. Weber vom 3. Juni für das Dach.').lead).toBe('Anbei das Angebot Nr. 4471 von Dr. Weber vom 3. Juni für das Dach.');
    expect(doc('E-mail attachment: Re: Rechnung · Petra\n\nDie Rechnung über die Dacharbeiten im Mai liegt bei.').lead).toBe('Die Rechnung über die Dacharbeiten im Mai liegt bei.');
  });

  it('cuts a transcript without sentence ends at thirty words', () => {
    const transcript = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const lead = describeExtractively({ kind: 'audio', mimeType: 'audio/mp4', metadata: {}, text: transcript }).lead!;
    expect(lead.split(' ')).toHaveLength(30);
    expect(lead.endsWith('word29.')).toBe(true);
  });

  it('finds key figures: amounts and percentages, at most three, each once', () => {
    expect(doc('Revenue rose 12% to $4.2 million. Costs were EUR 1,450 and 1.450 € again; margin 12%. Tax 19 Prozent.').figures).toEqual(['12%', '$4.2 million', 'EUR 1,450']);
    expect(doc('Nothing to count here at all, really.').figures).toBeUndefined();
  });

  it('spreadsheets: sheet names and their headers, no lead from cells', () => {
    const described = describeExtractively({
      kind: 'spreadsheet', mimeType: 'application/vnd.ms-excel',
      metadata: { sheets: ['Pipeline', 'Forecast'], sheetDetails: [{ name: 'Pipeline', header: ['Customer', 'Amount', '', 'Stage', 'Owner', 'Region', 'Notes'], rows: 40 }, { name: 'Forecast', header: [], rows: 0 }] },
      text: 'Customer\tAmount\tStage\nAcme Corporation Limited\t12400\tWon and signed last week\n',
    });
    expect(described).toEqual({ source: 'extractive', sheets: [{ name: 'Pipeline', columns: ['Customer', 'Amount', 'Stage', 'Owner', 'Region'] }, { name: 'Forecast', columns: [] }] });
    const csv = describeExtractively({ kind: 'spreadsheet', mimeType: 'text/csv', metadata: { header: ['Name', 'Phone'] }, text: 'Name,Phone\nJane Smith Anderson,0301234567\n' });
    expect(csv).toEqual({ source: 'extractive', sheets: [{ name: null, columns: ['Name', 'Phone'] }] });
  });

  it('takes any text: empty, NUL, control characters, a megabyte', async () => {
    expect(doc('')).toEqual({ source: 'extractive' });
    expect(doc('\u0000\u0007\n\n\t')).toEqual({ source: 'extractive' });
    const big = `Quarterly Report\n\n${'The quarter went well for every team in the company. '.repeat(20_000)}`;
    const started = performance.now();
    const described = await new ExtractiveDescriber().describe({ tenantId: 't', fileId: 'f', versionId: 'v', name: 'r.pdf', title: null, kind: 'document', mimeType: 'application/pdf', size: 1, locale: 'en', metadata: {}, text: big, spoken: { name: 'r', kind: 'a PDF', facts: '' } });
    expect(performance.now() - started).toBeLessThan(50);
    expect(described).toMatchObject({ headings: ['Quarterly Report'], lead: 'The quarter went well for every team in the company.' });
  });
});
