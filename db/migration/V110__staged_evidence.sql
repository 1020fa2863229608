-- When the staged content of a managed policy was written to the cluster: where its live evidence (Calico's pending
-- verdicts in the stored flows) starts. One row per policy, replaced on every staging; it speaks for the staged
-- object whose resourceVersion it names, and for nothing staged later.
create table policy_staging (
    -- '' for a GlobalNetworkPolicy, as in policy_draft
    namespace        varchar(63)  not null,
    name             varchar(253) not null,
    resource_version varchar(100) not null,
    staged_at        timestamptz  not null,
    constraint policy_staging_pk primary key (namespace, name)
);
