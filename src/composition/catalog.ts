import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { AuditLog } from '../ports/audit-log.port.ts';
import type { Database } from '../ports/database.port.ts';
import type { FileCatalog } from '../ports/file-catalog.port.ts';
import type { SearchIndex } from '../ports/search-index.port.ts';
import type { TenantStore } from '../ports/tenant-store.port.ts';
import { PgDatabase } from '../../adapters/postgres/pg.database.ts';
import { PgliteDatabase } from '../../adapters/postgres/pglite.database.ts';
import { migrate } from '../../adapters/postgres/migrate.ts';
import { PostgresTenantStore } from '../../adapters/postgres/postgres.tenant-store.ts';
import { PostgresFileCatalog } from '../../adapters/postgres/postgres.file-catalog.ts';
import { PostgresAuditLog } from '../../adapters/postgres/postgres.audit-log.ts';
import { PostgresSearchIndex } from '../../adapters/search/postgres.search-index.ts';

export interface OpenCatalog {
  engine: Database['engine'];
  db: Database;
  tenants: TenantStore;
  files: FileCatalog;
  audit: AuditLog;
  search: SearchIndex;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The database (a Postgres server when DATABASE_URL is set, else PGlite in the data dir), migrated, with its stores. */
export async function openCatalog(config: Config, logger: Logger): Promise<OpenCatalog> {
  const db: Database = config.databaseUrl
    ? new PgDatabase({
        connectionString: config.databaseUrl,
        maxConnections: config.database.poolSize,
        connectTimeoutMs: config.database.connectTimeoutMs,
        onIdleError: (error) => logger.warn({ err: error }, 'an idle database connection failed; the pool replaces it'),
      })
    : await PgliteDatabase.open(path.join(path.resolve(config.dataDir), 'pglite'));
  const applied = await migrate(db);
  logger.info({ engine: db.engine, applied }, 'database ready');
  return {
    engine: db.engine,
    db,
    tenants: new PostgresTenantStore(db),
    files: new PostgresFileCatalog(db),
    audit: new PostgresAuditLog(db),
    search: new PostgresSearchIndex(db),
    ping: () => db.query('select 1').then(() => true, () => false),
    close: () => db.close(),
  };
}
