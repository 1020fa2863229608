-- The portal's working copy of every managed policy: a Calico NetworkPolicy (namespace set) or a
-- GlobalNetworkPolicy (namespace ''), stored as the canonical YAML the engine writes, plus the columns the
-- portal queries by. revision grows by one on every change and guards against lost updates.
create table policy_draft (
    -- '' for a GlobalNetworkPolicy: names are unique per namespace whatever the tier (Calico 3.32)
    namespace               varchar(63)   not null,
    name                    varchar(253)  not null,
    kind                    varchar(40)   not null,
    tier                    varchar(63)   not null,
    state                   varchar(20)   not null,
    revision                bigint        not null,
    policy_yaml             text          not null,
    updated_by              varchar(300)  not null,
    updated_at              timestamptz   not null,
    -- the version in force, null when never promoted
    enforced_version        integer,
    -- the staged object's resourceVersion in the cluster, null when not staged
    staged_resource_version varchar(100),
    -- the last approver's comment (why it was rejected)
    note                    varchar(2000),
    constraint policy_draft_pk primary key (namespace, name),
    constraint policy_draft_kind_ck check (kind in ('NetworkPolicy', 'GlobalNetworkPolicy')),
    constraint policy_draft_scope_ck check ((kind = 'GlobalNetworkPolicy') = (namespace = '')),
    constraint policy_draft_state_ck
        check (state in ('DRAFT', 'STAGED', 'AWAITING_APPROVAL', 'REJECTED', 'ENFORCED')),
    constraint policy_draft_revision_ck check (revision > 0)
);

create index policy_draft_tier_ix on policy_draft (tier);
create index policy_draft_state_ix on policy_draft (state);
