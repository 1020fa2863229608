-- Exceptions with an expiry: a developer asks the owners of a tier they cannot change to let one flow (or a
-- generalisation of it) through for a while; an owner grants it as a dedicated policy in that tier, and the portal
-- removes that policy again once the exception expires or is revoked. The row is the exception's whole state, so a
-- restart or a change of leader delays the removal but never loses it.
create table policy_exception (
    id bigserial primary key,
    state varchar(20) not null,
    -- the requesting end's namespace, for "a namespace's team sees theirs"
    namespace varchar(253) not null,
    -- the flow as asked, in the evaluation contract's shape, and what the request asks to let through
    flow_json varchar(4000) not null,
    scope_json varchar(4000) not null,
    -- the tier that denies the flow, and its owners when the request was made
    tier varchar(253) not null,
    tier_owners varchar(2000) not null,
    -- the denying policy as the requester may see it (withheld names stay withheld)
    denied_by varchar(1000) not null,
    reason varchar(2000) not null,
    requested_seconds bigint not null check (requested_seconds > 0),
    requester_issuer varchar(500) not null,
    requester_subject varchar(500) not null,
    requester varchar(253) not null,
    requester_name varchar(500) not null,
    requested_at timestamptz not null,
    -- the decision: who, when, why; the groups are those the approver's cluster writes impersonate
    decided_by varchar(253),
    decided_by_name varchar(500),
    decided_by_groups varchar(4000),
    decided_at timestamptz,
    decision_reason varchar(2000),
    granted_scope_json varchar(4000),
    expires_at timestamptz,
    policy_name varchar(253),
    -- reminded once, a configurable time before expiry
    reminded_at timestamptz,
    -- when the policy was confirmed gone from the cluster (expired or revoked); null while removal is owed
    removed_at timestamptz,
    removal_attempts integer not null default 0,
    last_removal_error varchar(2000),
    constraint policy_exception_state_ck
        check (state in ('PENDING', 'ACTIVE', 'REJECTED', 'EXPIRED', 'REVOKED')),
    constraint policy_exception_active_ck
        check (state not in ('ACTIVE', 'EXPIRED', 'REVOKED')
            or (expires_at is not null and policy_name is not null and decided_by is not null))
);

create index policy_exception_state_idx on policy_exception (state, expires_at);
create index policy_exception_namespace_idx on policy_exception (namespace);
-- removal is owed by expired and revoked exceptions until the cluster confirms it
create index policy_exception_removal_idx on policy_exception (id) where removed_at is null and state in ('EXPIRED', 'REVOKED');
