import path from 'node:path';
import type { Config } from '../config.ts';
import type { BlobStore } from '../ports/blob-store.port.ts';
import { LocalBlobStore } from '../../adapters/storage/local.blob-store.ts';
import { S3BlobStore } from '../../adapters/storage/s3.blob-store.ts';

/** Blob storage: S3 when S3_BUCKET is set, else local disk in the data dir. */
export async function openStorage(config: Config, options: { signingKey: Buffer; publicBaseUrl: () => string; dataDir: string }): Promise<BlobStore> {
  if (config.s3) {
    return new S3BlobStore({
      bucket: config.s3.bucket,
      region: config.s3.region,
      ...(config.s3.endpoint ? { endpoint: config.s3.endpoint } : {}),
      forcePathStyle: config.s3.forcePathStyle,
    });
  }
  return new LocalBlobStore({ rootDir: path.join(options.dataDir, 'blobs'), publicBaseUrl: options.publicBaseUrl, signingKey: options.signingKey });
}
