-- Every promoted version of a managed policy, kept for ever. Numbers start at 1 per policy and never repeat,
-- not even after the draft was deleted and created again (the rows outlive the draft).
create table policy_version (
    namespace        varchar(63)   not null,
    name             varchar(253)  not null,
    version          integer       not null,
    kind             varchar(40)   not null,
    tier             varchar(63)   not null,
    policy_yaml      text          not null,
    promoted_by      varchar(300)  not null,
    promoted_at      timestamptz   not null,
    -- the promotion that applied it; one version per promotion
    promotion_id     varchar(200)  not null,
    -- the enforced object's resourceVersion after the promotion, null when unknown
    cluster_revision varchar(100),
    constraint policy_version_pk primary key (namespace, name, version),
    constraint policy_version_promotion_uk unique (namespace, name, promotion_id),
    constraint policy_version_number_ck check (version > 0)
);
