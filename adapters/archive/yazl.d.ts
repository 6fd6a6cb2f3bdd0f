// The part of yazl 3 (no bundled types) that yazl.archive-writer.ts uses.
declare module 'yazl' {
  import type { Readable } from 'node:stream';
  interface EntryOptions {
    mtime?: Date;
    mode?: number;
    compress?: boolean;
    size?: number;
  }
  export class ZipFile {
    readonly outputStream: Readable;
    addReadStreamLazy(metadataPath: string, options: EntryOptions, getReadStream: (cb: (error: Error | null, stream?: Readable) => void) => void): void;
    addBuffer(buffer: Buffer, metadataPath: string, options?: EntryOptions): void;
    end(options?: { forceZip64Format?: boolean }, calculatedTotalSizeCallback?: (size: number) => void): void;
  }
}
