import { createHash, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** Purpose-bound keys derived from the root key, so one leaked subkey does not expose the others. */
export interface DerivedKeys {
  /** Signs session tokens (HS256). */
  sessionSigning: Uint8Array;
  /** Keyed hash of API keys at rest. */
  apiKeyHashing: Buffer;
  /** Signs self-served (local) presigned blob URLs. */
  blobUrlSigning: Buffer;
  /** Keyed hash of spoken access codes at rest. */
  codeHashing: Buffer;
}

/** HKDF `info` of the API-key hashing key (also used to carry it over from a retired master key). */
export const API_KEY_HASHING_PURPOSE = 'api-key-hashing';

/**
 * Derive every purpose key from the root key, which never travels. The admin
 * token is not an input: knowing it signs and hashes nothing.
 */
export function deriveKeys(rootKey: string): DerivedKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', rootKey, 'voicefiles', purpose, 32));
  return {
    sessionSigning: new Uint8Array(derive('session-signing')),
    apiKeyHashing: derive(API_KEY_HASHING_PURPOSE),
    blobUrlSigning: derive('blob-url-signing'),
    codeHashing: derive('code-hashing'),
  };
}

const API_KEY_PREFIX = 'vf_';

/** A new tenant API key: shown once, stored only as `hash`. */
export function newApiKey(hashingKey: Buffer): { id: string; key: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { id: randomUUID(), key, hash: hashApiKey(hashingKey, key) };
}

export function hashApiKey(hashingKey: Buffer, key: string): string {
  return createHmac('sha256', hashingKey).update(key).digest('hex');
}

export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX) && token.length > 40 && token.length < 100;
}

/** Whether `bearer` is the secret (admin token, metrics token) whose sha256 is `expectedSha256`, compared in constant time. */
export function matchesSecretHash(expectedSha256: Buffer, bearer: string): boolean {
  const actual = createHash('sha256').update(bearer, 'utf8').digest();
  return actual.length === expectedSha256.length && timingSafeEqual(actual, expectedSha256);
}
