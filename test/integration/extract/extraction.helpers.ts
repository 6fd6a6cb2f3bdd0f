/** Shared by the isolated-extractor tests: call helpers and the normal file run next to hostile ones. */
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { Extractor, Extraction } from '../../../src/ports/extractor.port.ts';
import { reportPdf } from '../../fixtures/generate/pdf.fixture.ts';

export const MIB = 1024 * 1024;
export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function extract(x: Extractor, data: Buffer | Readable, mimeType: string, maxTextBytes = MIB): Promise<Extraction> {
  const body = Buffer.isBuffer(data) ? Readable.from([data]) : data;
  return x.extract(body, { mimeType, size: Buffer.isBuffer(data) ? data.length : 0, maxTextBytes });
}

/** Await a promise that must reject with a policy refusal; returns the refusal. */
export async function rejection(promise: Promise<unknown>): Promise<{ reason?: string; retryable?: boolean; message?: string }> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error, 'expected a refusal').toMatchObject({ code: 'rejected' });
  return error as { reason?: string; retryable?: boolean };
}

let normal: Buffer | undefined;
/** The normal file: a two-page report PDF. */
export async function normalPdf(): Promise<Buffer> {
  normal ??= await reportPdf(2);
  return normal;
}

/** Extract the normal file and check it came back complete. */
export async function expectNormal(x: Extractor): Promise<void> {
  const result = await extract(x, await normalPdf(), PDF);
  expect(result.metadata).toMatchObject({ pages: 2, title: 'Q2 Financial Report' });
  expect(result.text).toContain('The report for the second quarter');
}

export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Poll `condition` every 20 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(condition: () => boolean, timeoutMs = 2000): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
