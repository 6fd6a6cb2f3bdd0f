import path from 'node:path';
import { cliConfigDir } from '../config.ts';
import type { CliContext } from './context.ts';
import { readPrivateFile, writePrivateFile } from './private-file.ts';

/** A tenant API key the CLI made for itself, kept until it expires or is revoked. */
export interface StoredKey {
  key_id: string;
  api_key: string;
  expires_at: string | null;
}

interface CredentialFile {
  version: 1;
  /** By server base URL, then tenant slug. */
  servers: Record<string, Record<string, StoredKey>>;
}

export const CREDENTIALS_FILE = 'credentials.json';

/**
 * The CLI's own tenant API keys, in `<config dir>/credentials.json` (mode 0600,
 * directory 0700; see `cliConfigDir`), one per server and tenant. A file that is
 * unreadable JSON is treated as empty (and rewritten on the next save).
 */
export class CredentialStore {
  readonly file: string;

  constructor(ctx: CliContext) {
    this.file = path.join(path.resolve(ctx.cwd, cliConfigDir(ctx.env)), CREDENTIALS_FILE);
  }

  async get(server: string, slug: string): Promise<StoredKey | null> {
    return (await this.load()).servers[server]?.[slug] ?? null;
  }

  async put(server: string, slug: string, key: StoredKey): Promise<void> {
    const data = await this.load();
    (data.servers[server] ??= {})[slug] = key;
    await writePrivateFile(this.file, `${JSON.stringify(data, null, 2)}\n`);
  }

  async remove(server: string, slug: string): Promise<void> {
    const data = await this.load();
    if (!data.servers[server]?.[slug]) return;
    delete data.servers[server][slug];
    await writePrivateFile(this.file, `${JSON.stringify(data, null, 2)}\n`);
  }

  private async load(): Promise<CredentialFile> {
    const text = await readPrivateFile(this.file);
    if (text === null) return { version: 1, servers: {} };
    try {
      const parsed = JSON.parse(text) as Partial<CredentialFile>;
      if (parsed.version === 1 && typeof parsed.servers === 'object' && parsed.servers !== null) return { version: 1, servers: parsed.servers };
    } catch {
      // fall through: start afresh
    }
    return { version: 1, servers: {} };
  }
}
