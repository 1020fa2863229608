-- Changes a guardrail sent to an approver. One row per staged revision that needed approval; the evidence the
-- approver sees (diff, impact, the guardrails that asked) is kept as it was when the change was staged.
create table approval_request (
    id              bigserial     primary key,
    -- null for a GlobalNetworkPolicy
    namespace       varchar(63),
    policy_name     varchar(253)  not null,
    tier            varchar(63)   not null,
    -- the draft revision that was staged; an approval is for exactly this revision
    revision        bigint        not null,
    requested_by    varchar(300)  not null,
    requester_name  varchar(300)  not null,
    requested_at    timestamptz   not null,
    -- the enforced version's YAML (null when nothing is enforced yet) and the staged draft's YAML
    before_yaml     text,
    after_yaml      text          not null,
    impact_json     jsonb         not null,
    -- the non-blocking problems that asked for an approver: [{"field","message","guardrail"}]
    reasons_json    jsonb         not null,
    -- PENDING until decided; SUPERSEDED when the policy was staged again or deleted before a decision
    status          varchar(16)   not null,
    decided_by      varchar(300),
    decider_name    varchar(300),
    decided_at      timestamptz,
    comment         varchar(2000),
    constraint approval_request_status check (status in ('PENDING', 'APPROVED', 'REJECTED', 'SUPERSEDED')),
    constraint approval_request_decided check ((status in ('PENDING', 'SUPERSEDED')) = (decided_at is null)),
    constraint approval_request_reject_comment check (status <> 'REJECTED' or coalesce(comment, '') <> '')
);

create index approval_request_policy on approval_request (coalesce(namespace, ''), policy_name, id desc);
create index approval_request_pending on approval_request (status) where status = 'PENDING';

-- One row per promotion request key (the form's one-time key or the API's Idempotency-Key). The primary key makes
-- a second request with the same key wait for, then repeat, the first one's answer instead of promoting twice.
create table promotion_key (
    idempotency_key varchar(200)  primary key,
    namespace       varchar(63),
    policy_name     varchar(253)  not null,
    requested_by    varchar(300)  not null,
    created_at      timestamptz   not null,
    -- IN_PROGRESS while the first request runs; DONE with its result
    status          varchar(16)   not null,
    result_json     jsonb,
    constraint promotion_key_status check (status in ('IN_PROGRESS', 'DONE')),
    constraint promotion_key_result check ((status = 'DONE') = (result_json is not null))
);
