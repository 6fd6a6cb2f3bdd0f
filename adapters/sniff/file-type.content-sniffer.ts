import { fileTypeFromBuffer } from 'file-type';
import type { ContentSniffer, SniffedType } from '../../src/ports/content-sniffer.port.ts';

/** file-type's `reasonableDetectionSizeInBytes` (core.js; not in its typings): enough for the formats it knows. */
const FILE_TYPE_WINDOW = 4100;

/** Magic-byte sniffing with the `file-type` package, over its recommended window. */
export class FileTypeContentSniffer implements ContentSniffer {
  readonly windowBytes = FILE_TYPE_WINDOW;

  async sniff(head: Uint8Array): Promise<SniffedType | null> {
    const found = await fileTypeFromBuffer(head.subarray(0, this.windowBytes));
    return found ? { mime: found.mime, ext: found.ext } : null;
  }
}
