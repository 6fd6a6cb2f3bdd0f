-- One-time setup of a Voicefiles database, run as a superuser (psql -f, or mounted into
-- /docker-entrypoint-initdb.d/). The application's migrations (adapters/postgres/migrations/)
-- create everything else on start.

-- Extensions are database-wide and live in `public`: the catalog's normalisation functions call
-- public.unaccent, and every schema (production or one per test file) finds them through a
-- search_path ending in `public`. The migrations create them too (IF NOT EXISTS), which needs
-- CREATE on `public`; creating them here lets the application role do without it.
create extension if not exists pg_trgm with schema public;
create extension if not exists unaccent with schema public;
create extension if not exists fuzzystrmatch with schema public;

-- The application role. Row-level security is the catalog's second line of defence, and
-- superusers and BYPASSRLS roles skip it: connect as this ordinary role. It owns its schema and
-- tables (FORCE ROW LEVEL SECURITY binds owners too). Set its password out of band:
--   alter role voicefiles password '...';
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'voicefiles') then
    create role voicefiles login nosuperuser nobypassrls nocreaterole nocreatedb;
  end if;
end
$$;

-- The default search_path ("$user", public) puts the role's own schema first, so the
-- migrations create the tables there.
create schema if not exists voicefiles authorization voicefiles;
