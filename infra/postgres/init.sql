-- One-time setup of a Voicefiles database, run as a superuser in that database (psql -d <db> -f,
-- or mounted into /docker-entrypoint-initdb.d/). The application's migrations
-- (adapters/postgres/migrations/) create everything else on start.
--
-- Two roles, so that row-level security is a real second line of defence:
--   voicefiles      owns the schema and its tables and runs the migrations: DATABASE_MIGRATION_URL.
--   voicefiles_app  serves requests and runs jobs: DATABASE_URL. It owns nothing, so the
--                   policies bind it and it cannot change them; at every start the service,
--                   as voicefiles, grants it the data (never the shape) of the current tables.
-- Superusers and BYPASSRLS roles skip row-level security: never use one for DATABASE_URL.
-- Set the passwords out of band:
--   alter role voicefiles password '...';  alter role voicefiles_app password '...';

-- Extensions are database-wide and live in `public`: the catalog's normalisation functions call
-- public.unaccent, and every schema finds them through a search_path ending in `public`. The
-- migrations create them too (IF NOT EXISTS); creating them here spares the owner that right.
create extension if not exists pg_trgm with schema public;
create extension if not exists unaccent with schema public;
create extension if not exists fuzzystrmatch with schema public;
create extension if not exists btree_gin with schema public;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'voicefiles') then
    create role voicefiles login nosuperuser nobypassrls nocreaterole nocreatedb;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'voicefiles_app') then
    create role voicefiles_app login nosuperuser nobypassrls nocreaterole nocreatedb;
  end if;
  -- The job queue (pg-boss) keeps its tables in a schema of its own, which the owner creates.
  execute format('grant create on database %I to voicefiles', current_database());
end
$$;

-- The owner's default search_path ("$user", public) puts its own schema first, so the
-- migrations create the tables there; the runtime role looks for them in the same place.
create schema if not exists voicefiles authorization voicefiles;
do $$
begin
  execute format('alter role voicefiles_app in database %I set search_path = voicefiles, public', current_database());
end
$$;
