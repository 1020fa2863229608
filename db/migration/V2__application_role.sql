-- Two database roles, when the operator provides them: the role that runs these migrations owns the
-- schema (spring.flyway.user), the application connects as a less privileged role
-- (spring.datasource.username, passed in as the placeholder application_role). The application role
-- gets plain data access to every table, now and in every later migration (default privileges), and
-- nothing else: no DDL, no ownership. That is what lets a later migration take UPDATE and DELETE on
-- the audit table away from the application alone.
--
-- With a single role (the embedded default, or a URL without separate migration credentials) the
-- placeholder is empty or names the migrating role itself, and there is nothing to grant.
do $migration$
declare
    app_role text := '${application_role}';
begin
    if app_role = '' or app_role = current_user then
        return;
    end if;
    if not exists (select 1 from pg_roles where rolname = app_role) then
        raise exception 'The application database role "%" does not exist; create it before migrating', app_role;
    end if;
    execute format('grant usage on schema %I to %I', current_schema(), app_role);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', current_schema(), app_role);
    execute format('grant usage, select on all sequences in schema %I to %I', current_schema(), app_role);
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I',
                   current_schema(), app_role);
    execute format('alter default privileges in schema %I grant usage, select on sequences to %I',
                   current_schema(), app_role);
end
$migration$;
