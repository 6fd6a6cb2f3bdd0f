import type { Database } from '../../src/ports/database.port.ts';
import * as sql from './database-roles.queries.ts';

/** How a connection stands towards row-level security. */
export interface RolePosture {
  role: string;
  /** The schema its unqualified names resolve to (where the tables must be). */
  schema: string;
  /** A superuser or BYPASSRLS role: row-level security does not apply to it at all. */
  bypassesRls: boolean;
  /** It owns the tables: policies bind it (FORCE), but it could alter or drop them, and it passes the platform policy. */
  ownsTables: boolean;
}

/** The role the embedded database's requests run as (PgliteDatabase.assumeRole). */
export const PGLITE_RUNTIME_ROLE = 'voicefiles_app';

/** Who `db` runs as, as seen from inside it. */
export async function rolePosture(db: Database): Promise<RolePosture> {
  const { rows } = await db.query(sql.SELECT_POSTURE);
  const row = rows[0];
  if (!row) throw new Error('the database did not report the role of its connection');
  return {
    role: String(row.role),
    schema: String(row.schema),
    bypassesRls: row.superuser === true || row.bypasses_rls === true,
    ownsTables: row.owns_tables === true,
  };
}

/** As the owner (after migrating and installing the job queue's schema): grant `role` the data, never the shape. */
export async function grantRuntimeRole(owner: Database, role: string, queueSchema: string | null): Promise<void> {
  await owner.query(sql.GRANT_RUNTIME, [role, queueSchema]);
}

/** What is wrong with running requests as this role, in sentences; empty when nothing is. */
export function postureProblems(posture: RolePosture): string[] {
  const problems: string[] = [];
  if (posture.bypassesRls) {
    problems.push(`the database role "${posture.role}" is a superuser or has BYPASSRLS, so row-level security does not apply to it`);
  }
  if (posture.ownsTables) {
    problems.push(
      `the database role "${posture.role}" owns the tables, so it passes the platform policy and could turn row-level security off; ` +
        'run migrations as the owner (DATABASE_MIGRATION_URL) and the service as a role that owns nothing (DATABASE_URL), see infra/postgres/init.sql',
    );
  }
  return problems;
}
