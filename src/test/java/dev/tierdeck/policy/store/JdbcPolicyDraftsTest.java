package dev.tierdeck.policy.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyAction;
import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyRejectedException;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.PolicyTransitionException;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.policy.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Drafts, their life cycle and versions in the real (embedded) PostgreSQL, with the audit rows they leave. */
@DeveloperLoopTest
class JdbcPolicyDraftsTest {

    private static final CurrentUser ALICE = TestUsers.ALICE.user();
    private static final CurrentUser BOB = TestUsers.BOB.user();
    private static final CurrentUser ADMIN = TestUsers.ADMIN.user();
    private static final PolicyRef API = PolicyRef.namespaced("checkout", "store-api");

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetTestPolicies() {
        jdbc.sql("delete from policy_draft where name like 'store-%'").update();
        jdbc.sql("delete from policy_version where name like 'store-%'").update();
        jdbc.sql("delete from policy_draft where name = 'legacy-api-ingress'").update();
    }

    @Test
    void createsADraftAtRevisionOneAndAuditsIt() {
        PolicyDraft draft = drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);

        assertThat(draft.ref()).isEqualTo(API);
        assertThat(draft.state()).isEqualTo(PolicyState.DRAFT);
        assertThat(draft.revision()).isEqualTo(1);
        assertThat(draft.updatedBy()).isEqualTo("alice");
        assertThat(drafts.find(API)).contains(draft);
        assertThat(drafts.list("checkout")).extracting(PolicyDraft::ref).contains(API);
        Map<String, Object> audit = lastAudit();
        assertThat(audit)
                .containsEntry("action", "policy.saved")
                .containsEntry("namespace", "checkout")
                .containsEntry("tier", "default")
                .containsEntry("target_kind", "NetworkPolicy")
                .containsEntry("target_name", "store-api")
                .containsEntry("actor_display_name", "Alice Developer")
                .containsEntry("before_yaml", null);
        assertThat((String) audit.get("after_yaml")).contains("kind: NetworkPolicy", "tier: default", "8080");
    }

    @Test
    void refusesToCreateANameThatIsTaken() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);

        assertThatThrownBy(() -> drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 9090), null))
                .isInstanceOf(PolicyConflictException.class)
                .hasMessageContaining("already exists in namespace checkout");
    }

    @Test
    void savingTheSameContentAgainChangesNothing() {
        PolicyDraft first = drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        long audits = auditCount();

        PolicyDraft again = drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), 1L);

        assertThat(again).isEqualTo(first);
        assertThat(auditCount()).isEqualTo(audits);
    }

    @Test
    void aChangeRaisesTheRevisionAndRecordsBeforeAndAfter() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);

        PolicyDraft changed = drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 9090), 1L);

        assertThat(changed.revision()).isEqualTo(2);
        Map<String, Object> audit = lastAudit();
        assertThat((String) audit.get("before_yaml")).contains("8080");
        assertThat((String) audit.get("after_yaml")).contains("9090");
    }

    @Test
    void aStaleRevisionIsAConflictAndSavesNothing() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 9090), 1L);

        assertThatThrownBy(() -> drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 7070), 1L))
                .isInstanceOf(PolicyConflictException.class)
                .hasMessageContaining("revision 1")
                .hasMessageContaining("now at 2");
        assertThat(drafts.find(API)
                        .orElseThrow()
                        .policy()
                        .ingress()
                        .getFirst()
                        .destination()
                        .ports()
                        .toString())
                .contains("9090");
    }

    @Test
    void blockingProblemsRejectTheSaveAndNothingIsStored() {
        assertThatThrownBy(() -> drafts.save(BOB, Policies.allowApi("checkout", "store-api", 8080), null))
                .isInstanceOfSatisfying(
                        PolicyRejectedException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("metadata.namespace"));
        assertThat(drafts.find(API)).isEmpty();
    }

    @Test
    void walksTheWholeLifeCycleToAnEnforcedVersion() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);

        PolicyDraft staged = drafts.markStaged(ALICE, API, 1, "41");
        assertThat(staged.state()).isEqualTo(PolicyState.STAGED);
        assertThat(staged.stagedResourceVersion()).isEqualTo("41");
        assertThat(lastAudit()).containsEntry("action", "policy.staged");

        PolicyDraft waiting = drafts.markAwaitingApproval(ALICE, API, 2);
        assertThat(waiting.state()).isEqualTo(PolicyState.AWAITING_APPROVAL);
        assertThat(lastAudit()).containsEntry("action", "policy.submitted");

        PolicyDraft rejected = drafts.markRejected(ADMIN, API, 3, 901, "Too wide: name the callers.");
        assertThat(rejected.state()).isEqualTo(PolicyState.REJECTED);
        assertThat(rejected.note()).isEqualTo("Too wide: name the callers.");
        assertThat(rejected.approvalId()).isEqualTo(901L);
        assertThat(lastAudit())
                .containsEntry("action", "policy.rejected")
                .containsEntry("reason", "Too wide: name the callers.")
                .containsEntry("actor_display_name", "Ada Admin");

        drafts.markStaged(ALICE, API, 4, "42");
        assertThat(drafts.find(API).orElseThrow().approvalId()).isNull();
        drafts.markAwaitingApproval(ALICE, API, 5);
        PolicyDraft approved = drafts.markApproved(ADMIN, API, 6, 902, "Named callers only, fine.");
        assertThat(approved.state()).isEqualTo(PolicyState.APPROVED);
        assertThat(approved.approvalId()).isEqualTo(902L);
        assertThat(approved.badge()).isEqualTo("approved");
        assertThat(lastAudit())
                .containsEntry("action", "policy.approved")
                .containsEntry("reason", "request 902: Named callers only, fine.");
        PolicyVersion v1 = drafts.markEnforced(ALICE, API, 7, "promotion-1", "43");
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.clusterRevision()).isEqualTo("43");
        assertThat(v1.approvalId()).as("the version remembers who accepted it").isEqualTo(902L);
        PolicyDraft enforced = drafts.find(API).orElseThrow();
        assertThat(enforced.state()).isEqualTo(PolicyState.ENFORCED);
        assertThat(enforced.enforcedVersion()).isEqualTo(1);
        assertThat(enforced.revision()).isEqualTo(8);
        assertThat(enforced.stagedResourceVersion()).isNull();
        assertThat(enforced.approvalId()).isEqualTo(902L);
        assertThat(lastAudit()).containsEntry("action", "policy.promoted").containsEntry("before_yaml", null);
    }

    @Test
    void versionsAreNumberedFromOnePerPolicyNewestFirst() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markEnforced(ALICE, API, 2, "p-1", null);
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 9090), 3L);
        assertThat(drafts.find(API).orElseThrow().state()).isEqualTo(PolicyState.DRAFT);
        assertThat(drafts.find(API).orElseThrow().enforcedVersion()).isEqualTo(1);
        drafts.markStaged(ALICE, API, 4, "2");
        PolicyVersion v2 = drafts.markEnforced(ALICE, API, 5, "p-2", "9");

        assertThat(v2.version()).isEqualTo(2);
        assertThat(drafts.versions(API)).extracting(PolicyVersion::version).containsExactly(2, 1);
        assertThat(drafts.version(API, 1)
                        .orElseThrow()
                        .policy()
                        .ingress()
                        .getFirst()
                        .destination()
                        .ports()
                        .toString())
                .contains("8080");
        assertThat((String) lastAudit().get("before_yaml")).contains("8080");
        assertThat((String) lastAudit().get("after_yaml")).contains("9090");
        PolicyRef other = PolicyRef.namespaced("payments", "store-api");
        drafts.save(ALICE, Policies.allowApi("payments", "store-api", 8080), null);
        drafts.markStaged(ALICE, other, 1, "1");
        assertThat(drafts.markEnforced(ALICE, other, 2, "p-3", null).version()).isEqualTo(1);
    }

    @Test
    void theSamePromotionReportedTwiceGivesOneVersion() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        PolicyVersion first = drafts.markEnforced(ALICE, API, 2, "p-1", null);

        PolicyVersion again = drafts.markEnforced(ALICE, API, 2, "p-1", null);

        assertThat(again).isEqualTo(first);
        assertThat(drafts.versions(API)).hasSize(1);
    }

    @Test
    void transitionsOutOfTheirStatesAreConflictsNamingTheState() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);

        assertThatThrownBy(() -> drafts.markAwaitingApproval(ALICE, API, 1))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("checkout/store-api is draft");
        assertThatThrownBy(() -> drafts.markRejected(ADMIN, API, 1, 1, "no"))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("does not wait for an approver (it is draft)");
        assertThatThrownBy(() -> drafts.markEnforced(ALICE, API, 1, "p-1", null))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("not staged yet");
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markEnforced(ALICE, API, 2, "p-1", null);
        assertThatThrownBy(() -> drafts.markStaged(ALICE, API, 3, "2"))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("in force as it is");
        assertThat(drafts.find(API).orElseThrow().revision()).isEqualTo(3);
    }

    @Test
    void changingAStagedDraftReturnsItToDraftAndKeepsTheStagedObjectsVersion() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "11");

        PolicyDraft changed = drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 9090), 2L);

        assertThat(changed.state()).isEqualTo(PolicyState.DRAFT);
        assertThat(changed.stagedResourceVersion()).isEqualTo("11");
        assertThat(changed.revision()).isEqualTo(3);
    }

    @Test
    void aRejectedDraftMayBeStagedAgainButNotPromoted() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markAwaitingApproval(ALICE, API, 2);
        drafts.markRejected(ADMIN, API, 3, 7, "Too wide");

        assertThatThrownBy(() -> drafts.markEnforced(ALICE, API, 4, "p-1", null))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("was rejected: Too wide");
        assertThatThrownBy(() -> drafts.markAwaitingApproval(ALICE, API, 4))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("Only a staged change is sent for approval");
        PolicyDraft staged = drafts.markStaged(ALICE, API, 4, "2");
        assertThat(staged.state()).isEqualTo(PolicyState.STAGED);
        assertThat(staged.note()).isNull();
    }

    @Test
    void aDraftAwaitingApprovalIsPromotedOnlyOnceApprovedNotStagedAgainDirectly() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markAwaitingApproval(ALICE, API, 2);

        assertThatThrownBy(() -> drafts.markStaged(ALICE, API, 3, "2"))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("waits for an approver");
        assertThatThrownBy(() -> drafts.markEnforced(ADMIN, API, 3, "p-1", null))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("promoted once approved");
        drafts.markApproved(ADMIN, API, 3, 5, null);
        assertThat(drafts.markEnforced(ADMIN, API, 4, "p-1", null).promotedBy()).isEqualTo("admin");
    }

    @Test
    void anApprovalBelongsToTheRevisionItApprovedAndNewContentClearsIt() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markAwaitingApproval(ALICE, API, 2);
        // the approval of revision 3 does not approve revision 4
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 9090), 3L);
        assertThatThrownBy(() -> drafts.markApproved(ADMIN, API, 3, 11, null))
                .isInstanceOf(PolicyConflictException.class)
                .hasMessageContaining("now at 4");
        assertThatThrownBy(() -> drafts.markApproved(ADMIN, API, 4, 11, null))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("does not wait for an approver (it is draft)");

        drafts.markStaged(ALICE, API, 4, "2");
        drafts.markAwaitingApproval(ALICE, API, 5);
        assertThat(drafts.markApproved(ADMIN, API, 6, 12, null).approvalId()).isEqualTo(12L);
        PolicyDraft edited = drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 7070), 7L);
        assertThat(edited.state()).isEqualTo(PolicyState.DRAFT);
        assertThat(edited.approvalId())
                .as("an approval never outlives the content it approved")
                .isNull();
        assertThat(edited.allows(PolicyAction.PROMOTE)).isFalse();
    }

    @Test
    void aWithdrawalWaitsForItsApprovalThenKeepsTheDraftWithdrawn() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markEnforced(ALICE, API, 2, "p-1", "31");

        assertThatThrownBy(() -> drafts.markWithdrawalRequested(ALICE, API, 3, " "))
                .isInstanceOfSatisfying(
                        PolicyRejectedException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("reason"));
        PolicyDraft requested =
                drafts.markWithdrawalRequested(ALICE, API, 3, "The checkout moves to the new namespace.");
        assertThat(requested.state()).isEqualTo(PolicyState.AWAITING_APPROVAL);
        assertThat(requested.change()).isEqualTo(ChangeKind.WITHDRAWAL);
        assertThat(requested.badge()).isEqualTo("withdrawal awaiting approval");
        assertThat(requested.enforcedVersion())
                .as("in force until the withdrawal is carried out")
                .isEqualTo(1);
        assertThat(lastAudit())
                .containsEntry("action", "policy.withdrawal-requested")
                .containsEntry("reason", "The checkout moves to the new namespace.");
        assertThatThrownBy(() -> drafts.markWithdrawn(ALICE, API, 4, null))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("carried out once approved");

        drafts.markApproved(ADMIN, API, 4, 21, null);
        PolicyDraft withdrawn = drafts.markWithdrawn(ALICE, API, 5, null);

        assertThat(withdrawn.state()).isEqualTo(PolicyState.WITHDRAWN);
        assertThat(withdrawn.enforcedVersion()).isNull();
        assertThat(withdrawn.approvalId()).isEqualTo(21L);
        assertThat(drafts.find(API)).contains(withdrawn);
        assertThat(drafts.versions(API)).hasSize(1);
        Map<String, Object> audit = lastAudit();
        assertThat(audit)
                .containsEntry("action", "policy.withdrawn")
                .containsEntry("reason", "approved in request 21: The checkout moves to the new namespace.")
                .containsEntry("after_yaml", null);
        assertThat((String) audit.get("before_yaml")).contains("8080");
    }

    @Test
    void aWithdrawalWithoutApprovalNeedsItsReasonNow() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markEnforced(ALICE, API, 2, "p-1", null);

        assertThatThrownBy(() -> drafts.markWithdrawn(ALICE, API, 3, null))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessageContaining("reason");
        PolicyDraft withdrawn = drafts.markWithdrawn(ALICE, API, 3, "Replaced by store-api-v2.");
        assertThat(withdrawn.reason()).isEqualTo("Replaced by store-api-v2.");
        assertThat(withdrawn.approvalId()).isNull();
        assertThat(lastAudit()).containsEntry("reason", "Replaced by store-api-v2.");
    }

    @Test
    void aRollbackSavesTheVersionAsTheDraftWithItsReason() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markEnforced(ALICE, API, 2, "p-1", null);
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 9090), 3L);
        drafts.markStaged(ALICE, API, 4, "2");
        drafts.markEnforced(ALICE, API, 5, "p-2", null);

        assertThatThrownBy(() -> drafts.rollBack(ALICE, API, 1, 6, ""))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessageContaining("Give a reason");
        PolicyDraft rolledBack = drafts.rollBack(ALICE, API, 1, 6, "9090 broke the checkout.");

        assertThat(rolledBack.state()).isEqualTo(PolicyState.DRAFT);
        assertThat(rolledBack.change()).isEqualTo(ChangeKind.ROLLBACK);
        assertThat(rolledBack.policy())
                .isEqualTo(drafts.version(API, 1).orElseThrow().policy());
        assertThat(rolledBack.enforcedVersion())
                .as("version 2 stays in force until promoted")
                .isEqualTo(2);
        Map<String, Object> audit = lastAudit();
        assertThat(audit)
                .containsEntry("action", "policy.rolled-back")
                .containsEntry("reason", "to version 1: 9090 broke the checkout.");
        assertThat((String) audit.get("before_yaml")).contains("9090");
        assertThat((String) audit.get("after_yaml")).contains("8080");
    }

    @Test
    void aPolicyInForceOutsideTierdeckIsTakenOverOnlyAsAnAdoptionWithAReason() {
        var legacy = Policies.allowApi("payments", "legacy-api-ingress", 8443);

        assertThatThrownBy(() -> drafts.save(ALICE, legacy, null))
                .isInstanceOfSatisfying(
                        PolicyRejectedException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("metadata.name");
                            assertThat(p.message()).contains("written outside Tierdeck", "adoption");
                        }));
        assertThatThrownBy(() -> drafts.adopt(ALICE, legacy, "  "))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> drafts.adopt(ALICE, Policies.allowApi("checkout", "store-api", 1), "why"))
                .isInstanceOf(PolicyRejectedException.class)
                .hasMessageContaining("nothing to adopt");
        assertThat(drafts.find(PolicyRef.namespaced("payments", "legacy-api-ingress")))
                .isEmpty();

        PolicyDraft adopted = drafts.adopt(ALICE, legacy, "The payments team owns this ingress now.");

        assertThat(adopted.change()).isEqualTo(ChangeKind.ADOPTION);
        assertThat(adopted.reason()).isEqualTo("The payments team owns this ingress now.");
        Map<String, Object> audit = lastAudit();
        assertThat(audit)
                .containsEntry("action", "policy.adopted")
                .containsEntry("reason", "The payments team owns this ingress now.");
        assertThat((String) audit.get("before_yaml")).contains("8080").doesNotContain("8443");
        assertThat((String) audit.get("after_yaml")).contains("8443");
        PolicyDraft edited =
                drafts.save(ALICE, Policies.allowApi("payments", "legacy-api-ingress", 8444), adopted.revision());
        assertThat(edited.change()).as("an adoption until promoted").isEqualTo(ChangeKind.ADOPTION);
    }

    @Test
    void aDraftThatIsGoneIsAConflictNamingIt() {
        assertThatThrownBy(() -> drafts.markStaged(ALICE, API, 1, "1"))
                .isInstanceOf(PolicyConflictException.class)
                .hasMessageContaining("checkout/store-api does not exist");
        assertThatThrownBy(() -> drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), 4L))
                .isInstanceOf(PolicyConflictException.class);
    }

    @Test
    void stagingAgainReplacesTheStagedResourceVersion() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");

        assertThat(drafts.markStaged(ALICE, API, 2, "5").stagedResourceVersion())
                .isEqualTo("5");
    }

    @Test
    void transitionsCheckTheRevision() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);

        assertThatThrownBy(() -> drafts.markStaged(ALICE, API, 7, "1"))
                .isInstanceOf(PolicyConflictException.class)
                .hasMessageContaining("revision 7");
        assertThatThrownBy(() -> drafts.delete(ALICE, API, 2, null)).isInstanceOf(PolicyConflictException.class);
    }

    @Test
    void anotherTeamMayNotMoveOrDeleteTheDraft() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);

        assertThatThrownBy(() -> drafts.markStaged(BOB, API, 1, "1")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> drafts.delete(BOB, API, 1, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> drafts.markRejected(BOB, API, 1, 1, "no")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> drafts.markApproved(BOB, API, 1, 1, null)).isInstanceOf(AccessDeniedException.class);
        assertThat(drafts.find(API).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void deletingForgetsAWithdrawnDraftKeepsItsVersionsAndNumbersOn() {
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 8080), null);
        drafts.markStaged(ALICE, API, 1, "1");
        drafts.markEnforced(ALICE, API, 2, "p-1", null);
        assertThatThrownBy(() -> drafts.delete(ALICE, API, 3, "tidy up"))
                .isInstanceOf(PolicyTransitionException.class)
                .hasMessageContaining("withdraw it rather than delete the draft");
        drafts.markWithdrawn(ALICE, API, 3, "not needed any more");

        drafts.delete(ALICE, API, 4, "tidy up");

        assertThat(drafts.find(API)).isEmpty();
        assertThat(lastAudit())
                .containsEntry("action", "policy.deleted")
                .containsEntry("reason", "tidy up")
                .containsEntry("after_yaml", null)
                .containsEntry("namespace", "checkout");
        assertThat(drafts.versions(API)).hasSize(1);
        drafts.save(ALICE, Policies.allowApi("checkout", "store-api", 9090), null);
        drafts.markStaged(ALICE, API, 1, "1");
        assertThat(drafts.markEnforced(ALICE, API, 2, "p-2", null).version()).isEqualTo(2);
    }

    @Test
    void globalPoliciesLiveApartFromNamespaces() {
        var global = Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: store-global}
                spec: {tier: default, selector: all(), ingress: [{action: Deny}]}
                """);
        drafts.save(ADMIN, global, null);

        assertThat(drafts.list(null)).extracting(d -> d.ref().name()).contains("store-global");
        assertThat(drafts.find(PolicyRef.global("store-global"))
                        .orElseThrow()
                        .ref()
                        .isGlobal())
                .isTrue();
        assertThat(lastAudit()).containsEntry("namespace", null).containsEntry("target_kind", "GlobalNetworkPolicy");
    }

    private Map<String, Object> lastAudit() {
        return jdbc.sql("select * from audit_record order by id desc limit 1")
                .query()
                .singleRow();
    }

    private long auditCount() {
        return jdbc.sql("select count(*) from audit_record").query(Long.class).single();
    }
}
