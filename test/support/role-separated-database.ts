/**
 * A scratch database on the shared PostgreSQL server set up as infra/postgres/init.sql sets up
 * a real one, with roles of its own (roles are cluster-wide, so their names are random): an
 * owner that runs the migrations and an application role that owns nothing. `drop()` removes the
 * database and both roles.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface RoleSeparatedDatabase {
  /** DATABASE_URL: the application role. */
  url: string;
  /** DATABASE_MIGRATION_URL: the owner. */
  migrationUrl: string;
  roles: { owner: string; app: string };
  drop(): Promise<void>;
}

export async function createRoleSeparatedDatabase(adminUrl: string, prefix: string): Promise<RoleSeparatedDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const name = `${prefix}_${suffix}`;
  const owner = `${prefix}_owner_${suffix}`;
  const app = `${prefix}_app_${suffix}`;
  const run = async (database: string, statements: string[]) => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  const adminDatabase = new URL(adminUrl).pathname.slice(1) || 'postgres';
  await run(adminDatabase, [
    `create role ${owner} login nosuperuser nobypassrls nocreaterole nocreatedb`,
    `create role ${app} login nosuperuser nobypassrls nocreaterole nocreatedb`,
    `create database ${name}`,
  ]);
  await run(name, [
    'create extension if not exists pg_trgm with schema public',
    'create extension if not exists unaccent with schema public',
    'create extension if not exists fuzzystrmatch with schema public',
    `grant create on database ${name} to ${owner}`,
    `create schema voicefiles authorization ${owner}`,
    `alter role ${owner} in database ${name} set search_path = voicefiles, public`,
    `alter role ${app} in database ${name} set search_path = voicefiles, public`,
  ]);
  const as = (role: string) => {
    const url = new URL(adminUrl);
    url.username = role;
    url.password = '';
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    url: as(app),
    migrationUrl: as(owner),
    roles: { owner, app },
    async drop() {
      await run(adminDatabase, [`drop database if exists ${name} with (force)`, `drop role if exists ${app}`, `drop role if exists ${owner}`]);
    },
  };
}
