import os from 'node:os';
import { cliAdminToken } from './admin-token.ts';
import type { CliContext } from './context.ts';
import { CredentialStore, type StoredKey } from './credential-store.ts';
import { ApiError, type ApiClient } from './http-client.ts';

/** Keys the CLI makes for itself live this long; one is replaced when it has less than RENEW_DAYS left. */
export const CLI_KEY_DAYS = 90;
const RENEW_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * A tenant API key for the CLI: the one it stored for this server and tenant,
 * when the server still accepts it and it is not about to expire; otherwise a new
 * one, made with the admin token (named `voicefiles-cli@<host>`, expiring in
 * CLI_KEY_DAYS days) and stored. A replaced key is revoked.
 */
export async function tenantApiKey(client: ApiClient, ctx: CliContext, slug: string): Promise<string> {
  const store = new CredentialStore(ctx);
  const stored = await store.get(client.baseUrl, slug);
  if (stored && !expiresSoon(stored) && (await stillAccepted(client, stored))) return stored.api_key;
  const adminToken = await cliAdminToken(ctx);
  const made = await client.request<{ key_id: string; api_key: string; expires_at: string | null }>('POST', `/v1/tenants/${encodeURIComponent(slug)}/keys`, {
    auth: adminToken,
    json: { name: `voicefiles-cli@${os.hostname()}`.slice(0, 100), expires_in_days: CLI_KEY_DAYS },
  });
  await store.put(client.baseUrl, slug, { key_id: made.key_id, api_key: made.api_key, expires_at: made.expires_at });
  if (stored) {
    await client.request('DELETE', `/v1/tenants/${encodeURIComponent(slug)}/keys/${encodeURIComponent(stored.key_id)}`, { auth: adminToken }).catch(() => undefined);
  }
  return made.api_key;
}

function expiresSoon(key: StoredKey): boolean {
  return key.expires_at !== null && Date.parse(key.expires_at) - Date.now() < RENEW_DAYS * DAY_MS;
}

/** One cheap request with the key: refused (revoked, expired, another server's) means make a new one. */
async function stillAccepted(client: ApiClient, key: StoredKey): Promise<boolean> {
  try {
    await client.request('GET', '/v1/files', { auth: key.api_key, query: { limit: 1 } });
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return false;
    throw error;
  }
}
