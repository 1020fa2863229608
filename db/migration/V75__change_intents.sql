-- Changes made outside PostgreSQL (in the cluster) from the admin console: tiers and drift restores. Before the
-- cluster is touched, the change is recorded here with the audit record it will get; once the cluster has answered,
-- the record joins the audit trail and this row goes, in one transaction with the rest of the change. A row that
-- stays (the process died, the database failed after the cluster changed, the cluster's answer never came) is
-- settled later by reading the cluster back: the change happened (its record is written) or it did not (the row
-- goes). So a change either has its audit record or did not happen.
create table change_intent (
    id           uuid          primary key,
    -- the audit action the change will be recorded as, e.g. tier.created
    action       varchar(100)  not null,
    -- the audit entry to append once the change is confirmed (see dev.tierdeck.audit.JdbcAuditIntents)
    entry_json   jsonb         not null,
    -- what the module needs to confirm and complete the change (the tier's governance, the drift's id)
    payload_json jsonb         not null,
    recorded_at  timestamptz   not null
);

create index change_intent_action_ix on change_intent (action text_pattern_ops, recorded_at);
