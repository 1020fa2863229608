-- Webhooks configured by admins, and their deliveries. A delivery row is the outbox: it is written in the transaction
-- of the change it reports (so a rolled-back change leaves none), and a worker on one replica sends it, retrying with
-- backoff. Every attempt is kept with its outcome until the delivery is older than the retention.
create table webhook (
    id          bigint generated always as identity primary key,
    name        varchar(100)  not null,
    url         varchar(2000) not null,
    -- 'json' (a generic JSON document) or 'slack' (Slack-compatible {"text": ...})
    format      varchar(10)   not null,
    event_types text[]        not null,
    -- the key of the HMAC-SHA256 signature; needed in clear to sign, never shown again
    secret      varchar(200)  not null,
    enabled     boolean       not null,
    created_at  timestamptz   not null,
    created_by  varchar(300)  not null,
    updated_at  timestamptz   not null,
    updated_by  varchar(300)  not null,
    constraint webhook_name_uk unique (name),
    constraint webhook_format_ck check (format in ('json', 'slack')),
    constraint webhook_events_ck check (cardinality(event_types) > 0)
);

create table webhook_delivery (
    id               bigint generated always as identity primary key,
    webhook_id       bigint        not null references webhook (id) on delete cascade,
    event_id         uuid          not null,
    event_type       varchar(60)   not null,
    body             text          not null,
    created_at       timestamptz   not null,
    -- PENDING until a 2xx answer (DELIVERED) or the last attempt failed (FAILED)
    status           varchar(10)   not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz,
    last_status_code integer,
    last_error       varchar(500),
    finished_at      timestamptz,
    constraint webhook_delivery_status_ck check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    constraint webhook_delivery_event_uk unique (webhook_id, event_id)
);
create index webhook_delivery_due_ix on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_webhook_ix on webhook_delivery (webhook_id, id desc);

create table webhook_attempt (
    id           bigint generated always as identity primary key,
    delivery_id  bigint       not null references webhook_delivery (id) on delete cascade,
    attempted_at timestamptz  not null,
    status_code  integer,
    error        varchar(500),
    duration_ms  integer      not null
);
create index webhook_attempt_delivery_ix on webhook_attempt (delivery_id);

-- Drift already reported, so that each drift is announced once although the reconciler finds it on every run.
create table drift_notice (
    drift_id    varchar(600) primary key,
    detected_at timestamptz  not null,
    noticed_at  timestamptz  not null
);
