import { createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** Purpose-bound keys derived from the master key, so one leaked subkey does not expose the others. */
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

export function deriveKeys(masterKey: string): DerivedKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', masterKey, 'voicefiles', purpose, 32));
  return {
    sessionSigning: new Uint8Array(derive('session-signing')),
    apiKeyHashing: derive('api-key-hashing'),
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

/** Compare secrets without leaking their common prefix through timing. */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHmac('sha256', 'compare').update(a).digest();
  const right = createHmac('sha256', 'compare').update(b).digest();
  return timingSafeEqual(left, right);
}
