package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.preview.ImpactPreview;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Approval requests in the real (embedded) PostgreSQL. */
@PromotionTest
class ApprovalStoreTest {

    private static final PolicyRef REF = PolicyRef.namespaced("payments", "store-approvals");
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @Autowired
    ApprovalStore store;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forget() {
        jdbc.sql("delete from approval_request where policy_name like 'store-%'")
                .update();
    }

    private Approval open(long revision) {
        ImpactPreview impact = ScriptedPreviews.result(AT.minus(1, ChronoUnit.DAYS), AT, 4);
        return store.open(
                REF,
                "default",
                revision,
                "alice",
                "Alice Developer",
                AT,
                null,
                "kind: NetworkPolicy\n",
                impact,
                List.of(new Approval.Reason("spec.ingress[0].source", "another team's namespace", "peer-namespaces")),
                ChangeKind.EDIT,
                null);
    }

    @Test
    void keepsTheEvidenceAsItWasWhenTheChangeWasStaged() {
        Approval opened = open(3);

        Approval read = store.find(opened.id()).orElseThrow();
        assertThat(read.pending()).isTrue();
        assertThat(read.ref()).isEqualTo(REF);
        assertThat(read.revision()).isEqualTo(3);
        assertThat(read.before()).isNull();
        assertThat(read.after()).isEqualTo("kind: NetworkPolicy\n");
        assertThat(read.impact().newlyDenied()).isEqualTo(4);
        assertThat(read.impact().changes())
                .singleElement()
                .satisfies(c -> assertThat(c.after()).isEqualTo("Deny"));
        assertThat(read.reasons()).extracting(Approval.Reason::guardrail).containsExactly("peer-namespaces");
        assertThat(store.pending()).extracting(Approval::id).contains(opened.id());
        assertThat(store.latest(REF)).map(Approval::id).contains(opened.id());
    }

    @Test
    void aNewRequestSupersedesThePendingOneOfTheSamePolicy() {
        Approval first = open(3);
        Approval second = open(5);

        assertThat(store.find(first.id()).orElseThrow().status()).isEqualTo(Approval.Status.SUPERSEDED);
        assertThat(store.latest(REF)).map(Approval::id).contains(second.id());
        assertThat(store.pending())
                .extracting(Approval::id)
                .contains(second.id())
                .doesNotContain(first.id());
    }

    @Test
    void aRequestIsDecidedOnceOnly() {
        Approval opened = open(3);

        assertThat(store.decide(opened.id(), Approval.Status.APPROVED, "admin", "Ada Admin", AT, null))
                .isTrue();
        assertThat(store.decide(opened.id(), Approval.Status.REJECTED, "security", "Sam Security", AT, "no"))
                .isFalse();

        Approval decided = store.find(opened.id()).orElseThrow();
        assertThat(decided.status()).isEqualTo(Approval.Status.APPROVED);
        assertThat(decided.deciderName()).isEqualTo("Ada Admin");
    }

    @Test
    void aWithdrawalKeepsItsReasonAndHasNothingAfterIt() {
        ImpactPreview impact = ScriptedPreviews.result(AT.minus(1, ChronoUnit.DAYS), AT, 0);
        Approval opened = store.open(
                REF,
                "default",
                4,
                "alice",
                "Alice Developer",
                AT,
                "kind: NetworkPolicy\n",
                null,
                impact,
                List.of(new Approval.Reason("spec", "newly allows 2 connections", "loosening")),
                ChangeKind.WITHDRAWAL,
                "The service is gone.");

        Approval read = store.find(opened.id()).orElseThrow();
        assertThat(read.withdrawal()).isTrue();
        assertThat(read.changeWords()).isEqualTo("withdrawal");
        assertThat(read.reason()).isEqualTo("The service is gone.");
        assertThat(read.after()).isNull();
        assertThat(read.diff().rows())
                .allSatisfy(row -> assertThat(row.kind()).isEqualTo(dev.tierdeck.system.LineDiff.Kind.REMOVED));
    }

    @Test
    void theRequestThatBelongsWithADraftIsTheOneForItsRevisionOrTheOneThatDecidedIt() {
        Approval old = open(3);
        store.decide(old.id(), Approval.Status.APPROVED, "admin", "Ada Admin", AT, null);
        Approval pending = open(6);

        assertThat(store.concerning(draft(PolicyState.AWAITING_APPROVAL, 6, null)))
                .map(Approval::id)
                .contains(pending.id());
        assertThat(store.concerning(draft(PolicyState.AWAITING_APPROVAL, 7, null)))
                .as("a request for another revision is not this draft's")
                .isEmpty();
        assertThat(store.concerning(draft(PolicyState.ENFORCED, 9, old.id())))
                .map(Approval::id)
                .contains(old.id());
        assertThat(store.concerning(draft(PolicyState.DRAFT, 9, null)))
                .as("an old approval never shows above a newer draft nobody approved")
                .isEmpty();
    }

    private static PolicyDraft draft(PolicyState state, long revision, @Nullable Long approval) {
        return new PolicyDraft(
                REF,
                Policies.allowApi("payments", REF.name(), 8080),
                state,
                revision,
                "alice",
                AT,
                null,
                null,
                null,
                ChangeKind.EDIT,
                approval,
                null);
    }
}
