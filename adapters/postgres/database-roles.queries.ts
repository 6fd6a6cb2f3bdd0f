/** SQL of database-roles.ts: who the connection runs as, and the grants the owner gives the runtime role. */

/** The role of this connection, whether row-level security applies to it, and whether it owns the catalog's tables. */
export const SELECT_POSTURE = `
select current_user::text as role,
       r.rolsuper as superuser,
       r.rolbypassrls as bypasses_rls,
       current_schema()::text as schema,
       coalesce((select pg_has_role(current_user, c.relowner, 'USAGE')
                 from pg_class c
                 where c.oid = to_regclass('files')), false) as owns_tables
from pg_roles r
where r.rolname = current_user`;

/** Grant the runtime role what it needs (function of migration 003); run as the owner. */
export const GRANT_RUNTIME = 'select vf_grant_runtime($1::name, $2::name)';

/** Create a login-less role if it does not exist (PGlite's runtime role; the embedded superuser runs it). */
export const CREATE_ROLE_IF_MISSING = `
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'voicefiles_app') then
    create role voicefiles_app nologin nosuperuser nobypassrls nocreaterole nocreatedb;
  end if;
end
$$`;
