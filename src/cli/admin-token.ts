import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { CliContext } from './context.ts';
import { readPrivateFile } from './private-file.ts';

/** The admin token could not be found. */
export class AdminTokenError extends Error {
  override readonly name = 'AdminTokenError';
}

/**
 * The admin token, found where the server keeps it: VOICEFILES_ADMIN_TOKEN, else
 * VOICEFILES_DATA_DIR/admin.token (default ./data), else the deprecated
 * VOICEFILES_MASTER_KEY. The CLI never creates one.
 */
export async function cliAdminToken(ctx: CliContext): Promise<string> {
  const config = loadConfig(ctx.env);
  if (config.adminToken !== null) return config.adminToken;
  const file = path.resolve(ctx.cwd, config.dataDir, 'admin.token');
  const stored = (await readPrivateFile(file))?.trim();
  if (stored) return stored;
  if (config.masterKey !== null) return config.masterKey;
  throw new AdminTokenError(`No admin token: set VOICEFILES_ADMIN_TOKEN, or point VOICEFILES_DATA_DIR at the server's data directory (looked for ${file}).`);
}
