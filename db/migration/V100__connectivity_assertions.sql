-- Connectivity assertions stated in the portal: facts about reachability that every change and the observed
-- traffic are checked against. Each row holds one assertion as one entry of an assertions file (the YAML the
-- command line reads), so the engine's reader is the one source of what an assertion means. A global assertion
-- has no namespace; a namespace's assertion belongs to the teams that own the namespace. Every change is audited
-- in the same transaction; the audit record keeps the text before and after.
create table connectivity_assertion (
    id          bigint        generated always as identity primary key,
    -- null: a global assertion, stated by the admins
    namespace   varchar(63),
    name        varchar(253)  not null,
    -- the assertion as YAML, with the fields name, source, destination, protocol, ports and expect
    definition  text          not null,
    -- grows by one with every change, for optimistic concurrency
    revision    integer       not null,
    created_by  varchar(300)  not null,
    created_at  timestamptz   not null,
    updated_by  varchar(300)  not null,
    updated_at  timestamptz   not null,
    constraint connectivity_assertion_revision_ck check (revision > 0),
    constraint connectivity_assertion_definition_ck check (length(definition) <= 16384)
);

-- name unique per scope: the global scope and each namespace
create unique index connectivity_assertion_name_uk on connectivity_assertion (coalesce(namespace, ''), name);
