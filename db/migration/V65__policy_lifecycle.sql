-- One life cycle for a managed policy: an approval moves the draft to APPROVED (and belongs to the revision it
-- approved), a withdrawal keeps the draft as WITHDRAWN, and the draft says what its pending change does.
alter table policy_draft drop constraint policy_draft_state_ck;
alter table policy_draft add constraint policy_draft_state_ck
    check (state in ('DRAFT', 'STAGED', 'AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'ENFORCED', 'WITHDRAWN'));

-- what the pending change does: an edit, the adoption of a policy written outside Tierdeck, a rollback, a withdrawal
alter table policy_draft add column change_kind varchar(20) not null default 'EDIT';
alter table policy_draft add constraint policy_draft_change_ck
    check (change_kind in ('EDIT', 'ADOPTION', 'ROLLBACK', 'WITHDRAWAL'));
-- the approval request that decided the current content or withdrawal; cleared by any new content
alter table policy_draft add column approval_id bigint;
-- why the requester adopts, rolls back or withdraws it
alter table policy_draft add column change_reason varchar(2000);

-- the approval request whose approver accepted this version, null when it needed none
alter table policy_version add column approval_id bigint;

alter table approval_request add column change_kind varchar(20) not null default 'EDIT';
alter table approval_request add constraint approval_request_change_ck
    check (change_kind in ('EDIT', 'ADOPTION', 'ROLLBACK', 'WITHDRAWAL'));
alter table approval_request add column reason varchar(2000);
-- a withdrawal has nothing after it
alter table approval_request alter column after_yaml drop not null;
alter table approval_request add constraint approval_request_after_ck
    check ((change_kind = 'WITHDRAWAL') = (after_yaml is null));

-- Rows written before: a draft still awaiting approval of its exact revision, where that request was approved, is
-- approved; a version promoted after an approval of the same content carries it, and so does its enforced draft.
update policy_draft d
set state = 'APPROVED', approval_id = a.id
from approval_request a
where d.state = 'AWAITING_APPROVAL'
  and a.namespace is not distinct from nullif(d.namespace, '')
  and a.policy_name = d.name
  and a.revision = d.revision
  and a.status = 'APPROVED';

update policy_version v
set approval_id = (
    select max(a.id) from approval_request a
    where coalesce(a.namespace, '') = v.namespace
      and a.policy_name = v.name
      and a.status = 'APPROVED'
      and a.decided_at <= v.promoted_at
      and regexp_replace(a.after_yaml, '^---\n', '') = regexp_replace(v.policy_yaml, '^---\n', ''));

update policy_draft d
set approval_id = v.approval_id
from policy_version v
where d.state = 'ENFORCED'
  and v.namespace = d.namespace
  and v.name = d.name
  and v.version = d.enforced_version;
