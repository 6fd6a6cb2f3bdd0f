import { createHmac } from 'node:crypto';

/** What a presigned POST allows: one key, one content type, a size range, until `expiresAt`. */
export interface PostPolicyInput {
  bucket: string;
  key: string;
  contentType: string;
  maxBytes: number;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  signingDate: Date;
  expiresAt: Date;
}

/**
 * The form fields of an S3 browser POST (Signature Version 4): a base64 policy whose
 * conditions S3 enforces (the exact key, its tenant prefix, the content type, a
 * content-length-range, the signing fields) and its signature.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html
 */
export function postPolicyFields(input: PostPolicyInput): Record<string, string> {
  const amzDate = input.signingDate.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const credential = `${input.credentials.accessKeyId}/${day}/${input.region}/s3/aws4_request`;
  const prefix = input.key.slice(0, input.key.lastIndexOf('/') + 1);
  const fields: Record<string, string> = {
    key: input.key,
    'Content-Type': input.contentType,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': credential,
    'x-amz-date': amzDate,
    ...(input.credentials.sessionToken ? { 'x-amz-security-token': input.credentials.sessionToken } : {}),
  };
  const policy = {
    expiration: input.expiresAt.toISOString(),
    conditions: [
      { bucket: input.bucket },
      ['starts-with', '$key', prefix],
      ['eq', '$key', input.key],
      ['eq', '$Content-Type', input.contentType],
      ['content-length-range', 1, input.maxBytes],
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': credential },
      { 'x-amz-date': amzDate },
      ...(input.credentials.sessionToken ? [{ 'x-amz-security-token': input.credentials.sessionToken }] : []),
    ],
  };
  const encoded = Buffer.from(JSON.stringify(policy)).toString('base64');
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${input.credentials.secretAccessKey}`, day), input.region), 's3'), 'aws4_request');
  return { ...fields, policy: encoded, 'x-amz-signature': createHmac('sha256', signingKey).update(encoded).digest('hex') };
}
