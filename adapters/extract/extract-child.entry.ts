/**
 * Entry of an extraction child process (see isolated.extractor.ts). Buffers one
 * job's chunks, runs the in-process extractors, reports the outcome. It exits
 * when the parent disconnects; crashes and kills are the parent's to classify.
 */
import { Readable } from 'node:stream';
import { ExtractionRejected } from './extraction-errors.ts';
import type { ChildExtraction, ChildMessage, ParentMessage } from './extract-child.protocol.ts';
import { attachmentFilesOf } from './attachment-files.ts';
import { createInProcessExtractor } from './in-process.extractor.ts';

interface PendingJob {
  message: Extract<ParentMessage, { type: 'job' }>;
  chunks: Buffer[];
  bytes: number;
}

/** OCR stops this long before the parent's hard limit, to send back what it has read. */
const OCR_MARGIN_MS = 5000;

let pending: PendingJob | undefined;

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function run(job: PendingJob): Promise<void> {
  const { id, mimeType, size, maxTextBytes, limits, locale, scratchDir, ocrBudgetMs } = job.message;
  let deadline: number | undefined;
  const beginOcr = (): number => {
    if (deadline === undefined) {
      deadline = Date.now() + Math.max(1000, ocrBudgetMs - OCR_MARGIN_MS);
      send({ type: 'ocr', id });
    }
    return deadline;
  };
  try {
    const data = job.chunks.length === 1 ? job.chunks[0]! : Buffer.concat(job.chunks, job.bytes);
    job.chunks.length = 0;
    const info = { mimeType, size, maxTextBytes, scratchDir, beginOcr, ...(locale === undefined ? {} : { locale }) };
    const { attachments, release: _release, ...rest } = await createInProcessExtractor(limits).extract(Readable.from([data]), info);
    const extraction: ChildExtraction = attachments === undefined ? rest : { ...rest, attachmentFiles: attachmentFilesOf(attachments) };
    send({ type: 'result', id, extraction });
  } catch (error) {
    if (error instanceof ExtractionRejected) send({ type: 'rejected', id, reason: error.reason, message: error.message });
    else send({ type: 'failed', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

process.on('message', (message: ParentMessage) => {
  switch (message.type) {
    case 'job':
      pending = { message, chunks: [], bytes: 0 };
      break;
    case 'chunk':
      if (pending?.message.id !== message.id) return;
      pending.chunks.push(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
      pending.bytes += message.data.byteLength;
      break;
    case 'cancel':
      if (pending?.message.id === message.id) pending = undefined;
      break;
    case 'end': {
      const job = pending;
      pending = undefined;
      if (job?.message.id === message.id) void run(job);
      break;
    }
  }
});

process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
