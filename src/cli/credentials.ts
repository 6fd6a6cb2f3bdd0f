import path from 'node:path';
import { loadConfig } from '../config.ts';
import { resolveMasterKey } from '../master-key.ts';
import type { CliContext } from './context.ts';
import type { ApiClient } from './http-client.ts';

/**
 * The master key, found as the server finds it: VOICEFILES_MASTER_KEY, else
 * VOICEFILES_DATA_DIR/master.key (default ./data). The CLI never creates one.
 */
export async function cliMasterKey(ctx: CliContext): Promise<string> {
  const config = loadConfig(ctx.env);
  const resolved = await resolveMasterKey({ configured: config.masterKey, dataDir: path.resolve(ctx.cwd, config.dataDir), create: false });
  return resolved.key;
}

/**
 * A fresh API key for the tenant, minted with the master key. Kept in memory for
 * this one command; nothing is cached on disk.
 */
export async function tenantApiKey(client: ApiClient, ctx: CliContext, slug: string): Promise<string> {
  const masterKey = await cliMasterKey(ctx);
  const minted = await client.request<{ api_key: string }>('POST', `/v1/tenants/${encodeURIComponent(slug)}/keys`, { auth: masterKey, json: {} });
  return minted.api_key;
}
