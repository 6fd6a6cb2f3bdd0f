/**
 * An in-process S3 double (s3rver) for contract and integration tests: one
 * bucket, a temp data directory, a free port, and a cleanup that removes both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The slice of s3rver's (untyped, CommonJS) API used here. */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

export interface RunningS3rver {
  /** Base URL for `S3Client({ endpoint, forcePathStyle: true })`. */
  endpoint: string;
  bucket: string;
  region: string;
  /** The only credentials s3rver knows. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Stop the server and delete its data directory. */
  cleanup(): Promise<void>;
}

/** Start s3rver on 127.0.0.1 with a free port and a fresh bucket. */
export async function startS3rver(bucket = 'voicefiles-test'): Promise<RunningS3rver> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'voicefiles-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    region: 'us-east-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    async cleanup() {
      // Keep-alive sockets from the SDK's agent would otherwise hold close() open.
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
