import { describe, expect, it } from 'vitest';
import { scrubForSpeech, speakableSentence, spokenFileName } from '../../../src/voice/spoken-text.ts';

describe('spokenFileName', () => {
  it.each([
    ['q2_financial-report.pdf', 'q2 financial report'],
    ['Q2 Financial Report.PDF', 'Q2 Financial Report'],
    ['Angebot_Müller_2024.docx', 'Angebot Müller 2024'],
    ['Q2FinancialReport.xlsx', 'Q2 Financial Report'],
    ['iPhone receipt.jpg', 'iPhone receipt'],
    ['budget.final.xlsx', 'budget final'],
    ['Q2.financial.report.pdf', 'Q2 financial report'],
    ['report v1.2.pdf', 'report v1.2'],
    ['report v1.2', 'report v1.2'],
    ['contract (1).pdf', 'contract'],
    ['notes.md', 'notes'],
    ['recording.m4a', 'recording'],
    ['scan_3f2a9c1e4b5d6a7f8e9d.pdf', 'scan'],
    ['invoice 123e4567-e89b-12d3-a456-426614174000.pdf', 'invoice'],
    ['123e4567-e89b-12d3-a456-426614174000.pdf', ''],
    ['see https://example.com/x?y=1 now.txt', 'see now'],
    ['one two three four five six seven eight nine ten.pdf', 'one two three four five six seven eight'],
    ['archive.tar.gz', 'archive tar gz'],
    ['__draft__.docx', 'draft'],
  ])('%s -> "%s"', (name, spoken) => {
    expect(spokenFileName(name)).toBe(spoken);
  });
});

describe('scrubForSpeech', () => {
  it('removes URLs, UUIDs and hashes but keeps words and plain numbers', () => {
    expect(scrubForSpeech('Call 4471 or see www.example.com and 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 for 123e4567-e89b-12d3-a456-426614174000.')).toBe(
      'Call 4471 or see and for .',
    );
    expect(scrubForSpeech('Order 20240523 from deadbeef')).toBe('Order 20240523 from deadbeef');
  });
});

describe('speakableSentence', () => {
  it.each([
    ['A quarterly report. It has charts.', 'A quarterly report.'],
    ['Ein Bericht vom 23. Mai über Umsätze. Zweiter Satz.', 'Ein Bericht vom 23. Mai über Umsätze.'],
    ['no full stop at the end', 'no full stop at the end.'],
    ['one two three four five six', 'one two three.'],
    ['Details at https://example.com/a', 'Details at.'],
    ['https://example.com/a', ''],
  ])('%s -> %s', (text, sentence) => {
    expect(speakableSentence(text, 3 + (text.startsWith('one') ? 0 : 20))).toBe(sentence);
  });
});
