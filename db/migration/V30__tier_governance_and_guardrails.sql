-- Governance of Calico tiers. The tiers themselves (order, default action) live in the cluster; this is what
-- Tierdeck adds: who may change a tier, whether developers write in it, and what it is for. A tier without a row
-- is unlocked, has no owners and is a developer tier only when configured as one (tierdeck.tier.developer-tiers).
create table tier_governance (
    tier_name      varchar(63)   primary key,
    locked         boolean       not null,
    -- groups of the groups claim whose members may change the tier while it is locked
    owner_groups   text[]        not null,
    developer_tier boolean       not null,
    purpose        varchar(2000) not null,
    -- developers see a summary of the tier's policies, never their YAML
    confidential   boolean       not null,
    updated_at     timestamptz   not null,
    updated_by     varchar(300)  not null,
    constraint tier_governance_locked_has_owners check (not locked or cardinality(owner_groups) > 0)
);

-- Every saved set of guardrails, newest version highest. Rows are only ever added: a change is a new version.
create table guardrail_version (
    version    integer       primary key,
    rules      jsonb         not null,
    created_at timestamptz   not null,
    created_by varchar(300)  not null,
    comment    varchar(2000) not null
);
