import type { Readable } from 'node:stream';
import type { Extraction, Extractor } from '../../../src/ports/extractor.port.ts';

/**
 * An extractor for unit tests: the text is the content itself; content starting with
 * `ENCRYPTED` is refused as the real extractors refuse it, `CRASH` throws a retryable fault.
 */
export class FakeExtractor implements Extractor {
  readonly mimeTypes = ['text/plain', 'application/pdf', 'audio/mpeg'];
  calls = 0;

  async extract(body: Readable): Promise<Extraction> {
    this.calls++;
    let text = '';
    for await (const chunk of body) text += String(chunk);
    if (text.startsWith('ENCRYPTED')) throw Object.assign(new Error('the document is encrypted'), { code: 'rejected', reason: 'encrypted' });
    if (text.startsWith('CRASH')) throw new Error('the extractor crashed');
    return { text, truncated: false, metadata: { words: text.split(/\s+/).filter(Boolean).length } };
  }
}
