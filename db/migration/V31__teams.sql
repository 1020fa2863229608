-- Teams: who belongs to a team (groups of the groups claim), which namespaces it owns (exact names or globs with
-- '*', expanded against the cluster's namespaces on every request) and which groups approve the changes a
-- guardrail flags in those namespaces. Read on every request, so a change takes effect on the next one.
create table team (
    name             varchar(63)   primary key,
    description      varchar(2000) not null,
    -- a user belongs to the team when their groups claim holds one of these
    member_groups    text[]        not null,
    namespace_patterns text[]      not null,
    approver_groups  text[]        not null,
    updated_at       timestamptz   not null,
    updated_by       varchar(300)  not null,
    constraint team_has_member_groups check (cardinality(member_groups) > 0)
);
