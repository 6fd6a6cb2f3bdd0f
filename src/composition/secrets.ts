import { createHash, hkdfSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { API_KEY_HASHING_PURPOSE } from '../app/keys.ts';
import { newSecret, readOrCreateSecretFile, readSecretFile, SecretFileError } from './secret-files.ts';

/** Files in the data dir. */
export const SECRET_FILES = {
  /** Root of every derived key (session and link signing, code hashing); never sent anywhere. */
  root: 'root.key',
  /** The admin bearer token (tenant administration); the server keeps only its hash. */
  admin: 'admin.token',
  /** Upgraded data dirs only: the API-key hashing key of the retired master key, so existing API keys keep working. */
  apiKeyHashing: 'api-key-hashing.key',
  /** Before the split: admin bearer and root at once. Retired (deleted) by the first start that finds it. */
  legacyMaster: 'master.key',
} as const;

/** Not `vfa_`: that is the agent keys' prefix. */
export const ADMIN_TOKEN_PREFIX = 'vfadmin_';

export interface ServerSecrets {
  rootKey: string;
  /** sha256 of the admin bearer token (null for workers, which administer nothing). */
  adminTokenSha256: Buffer | null;
  /** The API-key hashing key when it does not come from the root (data dirs from before the split). */
  apiKeyHashing: Buffer | null;
  /** What was generated, migrated or is deprecated, for the start log. */
  notes: Array<{ level: 'info' | 'warn'; message: string }>;
}

/**
 * The server's secrets, kept apart so that the credential that travels (the admin
 * token, sent as `Authorization`) derives nothing: the root key signs and hashes,
 * the admin token only opens tenant administration and is compared by hash.
 *
 * Upgrading a data dir that has `master.key` (the old single secret): the old
 * key's API-key hashing key is kept in `api-key-hashing.key` (existing API keys
 * keep working; it can sign nothing), a new `root.key` and `admin.token` are
 * generated, and `master.key` is deleted, so a leaked old admin header can forge
 * nothing and open nothing. Session tokens and download links from before the
 * upgrade stop working (they are short-lived). `VOICEFILES_MASTER_KEY` set in the
 * environment is handled the same way, except that, being the operator's, it stays
 * accepted as the admin token until VOICEFILES_ADMIN_TOKEN(_SHA256) replaces it.
 */
export async function resolveServerSecrets(config: Config, options: { role: 'server' | 'worker' }): Promise<ServerSecrets> {
  const dataDir = path.resolve(config.dataDir);
  const file = (name: string) => path.join(dataDir, name);
  const create = options.role === 'server';
  const notes: ServerSecrets['notes'] = [];
  const legacyFile = await readSecretFile(file(SECRET_FILES.legacyMaster));
  // A data dir that already has its own root was split before without a master key: its API keys
  // hash under the root, and a master key that turns up later must not change that.
  const splitBefore = config.rootKey === null && (await readSecretFile(file(SECRET_FILES.root))) !== null;
  const legacy = splitBefore ? null : (config.masterKey ?? legacyFile);

  const apiKeyHashing = await resolveApiKeyHashing(file(SECRET_FILES.apiKeyHashing), legacy, create);
  const rootKey = await resolveRoot(config, file(SECRET_FILES.root), create, notes);
  const adminTokenSha256 = options.role === 'server' ? await resolveAdmin(config, file(SECRET_FILES.admin), notes) : null;

  if (create && legacyFile !== null) {
    await fs.unlink(file(SECRET_FILES.legacyMaster));
    notes.push({ level: 'warn', message: `retired ${file(SECRET_FILES.legacyMaster)}: it is no longer the admin credential nor the root of any key; existing API keys keep working` });
  }
  if (config.masterKey !== null) {
    notes.push({ level: 'warn', message: 'VOICEFILES_MASTER_KEY is deprecated: it now only verifies API keys created before the upgrade and, until VOICEFILES_ADMIN_TOKEN or VOICEFILES_ADMIN_TOKEN_SHA256 is set, opens tenant administration' });
  }
  return { rootKey, adminTokenSha256, apiKeyHashing, notes };
}

async function resolveApiKeyHashing(file: string, legacy: string | null, create: boolean): Promise<Buffer | null> {
  const kept = await readSecretFile(file);
  if (kept !== null) return Buffer.from(kept, 'base64url');
  if (legacy === null) return null;
  const derived = Buffer.from(hkdfSync('sha256', legacy, 'voicefiles', API_KEY_HASHING_PURPOSE, 32));
  if (create) await readOrCreateSecretFile(file, () => derived.toString('base64url'));
  return derived;
}

async function resolveRoot(config: Config, file: string, create: boolean, notes: ServerSecrets['notes']): Promise<string> {
  if (config.rootKey !== null) return config.rootKey;
  const existing = await readSecretFile(file);
  if (existing !== null) return existing;
  if (!create) throw new SecretFileError(`No root key: set VOICEFILES_ROOT_KEY, or point VOICEFILES_DATA_DIR at the server's data directory (looked for ${file}).`);
  if (config.nodeEnv === 'production' && config.databaseUrl !== null) {
    throw new SecretFileError('VOICEFILES_ROOT_KEY is required in production with DATABASE_URL: every node must share the same root key, and a key generated into one node\'s data dir would not be shared.');
  }
  const { value, created } = await readOrCreateSecretFile(file, () => newSecret());
  if (created) notes.push({ level: 'warn', message: `generated a root key at ${file}; keep it secret and never send it anywhere` });
  return value;
}

async function resolveAdmin(config: Config, file: string, notes: ServerSecrets['notes']): Promise<Buffer> {
  if (config.adminTokenSha256 !== null) return Buffer.from(config.adminTokenSha256, 'hex');
  const configured = config.adminToken ?? config.masterKey;
  if (configured !== null) return sha256(configured);
  const { value, created } = await readOrCreateSecretFile(file, () => newSecret(ADMIN_TOKEN_PREFIX));
  if (created) notes.push({ level: 'warn', message: `generated an admin token at ${file}; it opens tenant administration (voicefiles tenant create, key create)` });
  return sha256(value);
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
