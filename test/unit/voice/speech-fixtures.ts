import type { DescribeFacts } from '../../../src/voice/describe-speech.ts';
import type { SpokenFile } from '../../../src/voice/speech.ts';

/** A fixed "now" for speech tests: June 10th, 2025, noon UTC. */
export const NOW = new Date('2025-06-10T12:00:00Z');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function file(overrides: Partial<SpokenFile> = {}): SpokenFile {
  return {
    name: 'q2_financial-report.pdf',
    title: null,
    kind: 'document',
    mimeType: 'application/pdf',
    size: 2_100_000,
    createdAt: new Date('2025-05-23T09:00:00Z'),
    versionCount: 1,
    status: 'ready',
    ...overrides,
  };
}

export function spreadsheet(overrides: Partial<SpokenFile> = {}): SpokenFile {
  return file({ name: 'Q2_sales_pipeline.xlsx', kind: 'spreadsheet', mimeType: XLSX, size: 340 * 1024, createdAt: new Date('2025-06-02T09:00:00Z'), ...overrides });
}

export function recording(overrides: Partial<SpokenFile> = {}): SpokenFile {
  return file({ name: 'call with acme.m4a', kind: 'audio', mimeType: 'audio/mp4', size: 5 * 1024 * 1024, createdAt: new Date('2025-06-10T08:00:00Z'), ...overrides });
}

/** The facts of a ready, single-version PDF uploaded on May 23rd, for describe speech. */
export function described(overrides: Partial<DescribeFacts> = {}): DescribeFacts {
  const { name, title, kind, mimeType, size, createdAt, status } = file();
  return { name, title, kind, mimeType, size, status, version: 1, uploadedAt: createdAt, ...overrides };
}

/** Counts sentences, not counting the full stop of a German ordinal ("23. Mai"). */
export function sentenceCount(speech: string): number {
  return speech.split(/(?<!\d)[.?!](?=\s|$)/).filter((s) => s.trim()).length;
}
