-- Each promotion's prediction, and what the cluster then did: for a while after the promotion, the flows the promoted
-- policy actually denies are compared with the flows its impact preview said it would deny. One row per version.
create table promotion_check (
    -- '' for a GlobalNetworkPolicy, as in policy_draft
    namespace        varchar(63)   not null,
    name             varchar(253)  not null,
    version          integer       not null,
    promotion_id     varchar(200)  not null,
    tier             varchar(63)   not null,
    promoted_at      timestamptz   not null,
    promoted_by      varchar(300)  not null,
    -- who approved it, null when nobody had to
    approved_by      varchar(300),
    watch_until      timestamptz   not null,
    -- the flows the preview predicted it would newly deny: [{source, destination, protocol, port}], bounded
    predicted        jsonb         not null,
    predicted_count  bigint        not null,
    seen_denied      bigint        not null default 0,
    unexpected_count bigint        not null default 0,
    -- some of the denied flows the prediction did not name, with their connections
    unexpected       jsonb         not null default '[]',
    checked_at       timestamptz,
    finished         boolean       not null default false,
    constraint promotion_check_pk primary key (namespace, name, version)
);
create index promotion_check_open_ix on promotion_check (watch_until) where not finished;
