import type { ChildProcess } from 'node:child_process';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

export interface ChildEnd {
  /** Exit code, null when killed by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started (ENOENT, EACCES). */
  spawnError?: Error;
}

/** Resolves once the process has exited and its output streams are closed. Call right after spawn. */
export function closed(child: ChildProcess): Promise<ChildEnd> {
  return new Promise((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
    // a failed spawn emits 'error' and is not guaranteed to emit 'close'
    child.once('error', (spawnError) => resolve({ code: null, signal: null, spawnError }));
  });
}

/** Keeps the last `limit` characters of a stream (stderr), for error messages. */
export function keepTail(stream: Readable | null, limit = 4_096): () => string {
  let tail = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-limit);
  });
  return () => tail;
}

/** Collects a whole stream as text. */
export function collectText(stream: Readable | null): () => string {
  const parts: string[] = [];
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => parts.push(chunk));
  return () => parts.join('');
}

/**
 * Counts every byte that flows in, passes on only the first `limit` bytes and
 * drops the rest, so the upstream producer can be drained to the end.
 */
export class ByteLimit extends Transform {
  bytesSeen = 0;
  private readonly limit: number;

  constructor(limit: number) {
    super();
    this.limit = limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const room = this.limit - this.bytesSeen;
    this.bytesSeen += chunk.length;
    if (room <= 0) return done();
    done(null, room >= chunk.length ? chunk : chunk.subarray(0, room));
  }
}
