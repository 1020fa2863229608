-- The audit trail: one row per change, appended in the transaction of the change itself.
--
-- Tamper evidence. Every record carries the SHA-256 of its own canonical serialization (see
-- dev.tierdeck.audit.CanonicalRecord) which includes the hash of the record before it, so the records form
-- one chain in id order. The verifier recomputes the chain: an edited, deleted or reordered record breaks it.
-- audit_chain_head holds the newest id and hash; appends lock that row, so concurrent writers (several
-- replicas included) queue up and never fork the chain, and a cut-off tail is noticed as well.
--
-- Append-only, twice over:
-- 1. A trigger rejects UPDATE, DELETE and TRUNCATE on audit_record for everyone, including the single
--    role of the embedded default. Only the owner of the table (the role that runs these migrations) or a
--    superuser can disable or drop a trigger; the application role owns nothing (V2), so it cannot.
-- 2. When the application connects as its own role (placeholder application_role, see V2), that role keeps
--    only SELECT and INSERT on audit_record, whatever the default privileges granted it.

create sequence audit_record_id_seq;

create table audit_record (
    -- taken from audit_record_id_seq while the chain head is locked, so ids grow in chain order
    id                 bigint       not null,
    occurred_at        timestamptz  not null,
    -- who: the OIDC issuer and subject identify the person; the display name is what people read
    actor_issuer       text         not null,
    actor_subject      text         not null,
    actor_display_name text         not null,
    -- what, e.g. tier.created, policy.promoted
    action             text         not null,
    target_kind        text,
    -- the target's namespace; null for cluster-wide objects (tiers, global policies)
    namespace          text,
    target_name        text,
    tier               text,
    -- why: the comment given with the change
    reason             text,
    before_yaml        text,
    after_yaml         text,
    -- the impact evidence the user was shown when making the change
    impact             jsonb,
    correlation_id     text,
    previous_hash      char(64)     not null,
    hash               char(64)     not null,
    constraint audit_record_pk primary key (id),
    constraint audit_record_hash_uk unique (hash),
    constraint audit_record_action_ck check (action ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$')
);

-- the filters of the audit screen and API; results come newest first (by id)
create index audit_record_occurred_at_ix on audit_record (occurred_at);
create index audit_record_namespace_ix on audit_record (namespace, id);
create index audit_record_tier_ix on audit_record (tier, id);
create index audit_record_subject_ix on audit_record (actor_subject, id);
-- exact actions and action families (prefix "policy." for "policy")
create index audit_record_action_ix on audit_record (action text_pattern_ops);

create table audit_chain_head (
    chain     smallint  not null,
    last_id   bigint,
    last_hash char(64)  not null,
    constraint audit_chain_head_pk primary key (chain),
    constraint audit_chain_head_single_ck check (chain = 1)
);
-- the chain starts from 64 zeros
insert into audit_chain_head (chain, last_id, last_hash) values (1, null, repeat('0', 64));

create function audit_record_reject_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit records are append-only: % on audit_record is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_record_append_only
    before update or delete on audit_record
    for each row execute function audit_record_reject_change();

create trigger audit_record_no_truncate
    before truncate on audit_record
    for each statement execute function audit_record_reject_change();

-- The head only moves forward, to a record that exists with that hash; it is never removed.
create function audit_chain_head_guard() returns trigger
    language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'the audit chain head cannot be removed (%)', tg_op
            using errcode = 'insufficient_privilege';
    end if;
    if new.chain <> old.chain
        or new.last_id is null
        or (old.last_id is not null and new.last_id <= old.last_id)
        or not exists (select 1 from audit_record r where r.id = new.last_id and r.hash = new.last_hash) then
        raise exception 'the audit chain head may only advance to the newest record'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;

create trigger audit_chain_head_forward_only
    before update or delete on audit_chain_head
    for each row execute function audit_chain_head_guard();

create trigger audit_chain_head_no_truncate
    before truncate on audit_chain_head
    for each statement execute function audit_chain_head_guard();

do $migration$
declare
    app_role text := '${application_role}';
begin
    if app_role = '' or app_role = current_user then
        return;
    end if;
    execute format('revoke update, delete, truncate, references, trigger on audit_record from %I', app_role);
    execute format('grant select, insert on audit_record to %I', app_role);
    execute format('revoke insert, delete, truncate, references, trigger on audit_chain_head from %I', app_role);
    execute format('grant select, update on audit_chain_head to %I', app_role);
end
$migration$;
