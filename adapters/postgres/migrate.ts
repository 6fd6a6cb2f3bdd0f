import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../src/ports/database.port.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Advisory lock key shared by every process migrating this database (any schema). */
const MIGRATION_LOCK_KEY = 7_263_911_045;

/** A numbered SQL migration, e.g. `001_catalog.sql`. */
export interface Migration {
  name: string;
  sql: string;
}

/** The migrations shipped with the code, in the order they apply. */
export function bundledMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((name) => ({ name, sql: readFileSync(`${MIGRATIONS_DIR}${name}`, 'utf8') }));
}

/**
 * Apply pending migrations in order, each in its own transaction, and record them in
 * `schema_migrations` (created on first use in the first schema of the search_path).
 * Running it again applies nothing; concurrent starts wait on an advisory lock, so each
 * migration runs once. Resolves to the names applied by this call.
 */
export async function migrate(db: Database, migrations: Migration[] = bundledMigrations()): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.query(
        'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
      );
      const done = await tx.query('select 1 from schema_migrations where name = $1', [migration.name]);
      if (done.rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) {
        await tx.query(statement).catch((error: unknown) => {
          throw new MigrationError(migration.name, statement, error);
        });
      }
      await tx.query('insert into schema_migrations (name) values ($1)', [migration.name]);
      return true;
    });
    if (ran) applied.push(migration.name);
  }
  return applied;
}

/** A migration statement failed; the transaction was rolled back. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(migration: string, statement: string, cause: unknown) {
    super(`migration ${migration} failed at: ${statement.slice(0, 120)}`, { cause });
  }
}

/**
 * Split a SQL script into statements at top-level semicolons, respecting quotes,
 * dollar-quoted bodies and comments. The Database port runs one statement per
 * query (PGlite uses the extended protocol), and a transaction has no `exec`.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else if (ch === "'" || ch === '"') {
      const end = sql.indexOf(ch, i + 1);
      // A doubled quote ('' or "") is an escaped quote: the scan simply resumes after it.
      i = end === -1 ? sql.length : end + 1;
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const end = sql.indexOf(tag, i + tag.length);
        i = end === -1 ? sql.length : end + tag.length;
      } else {
        i += 1;
      }
    } else if (ch === ';') {
      statements.push(sql.slice(start, i));
      i += 1;
      start = i;
    } else {
      i += 1;
    }
  }
  statements.push(sql.slice(start));
  return statements.map((s) => s.trim()).filter((s) => stripComments(s) !== '');
}

function stripComments(statement: string): string {
  return statement.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim();
}
