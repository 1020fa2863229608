package dev.tierdeck.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The life cycle as a table ({@code policy/lifecycle.csv}): every state, with what its pending change does and
 * whether a version is in force, against every action, with the state it leads to or the refusal it meets.
 */
class PolicyLifecycleTest {

    private static final String TABLE = "/policy/lifecycle.csv";
    private static final PolicyRef REF = PolicyRef.namespaced("payments", "api");
    private static final Instant THEN = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @ParameterizedTest(name = "{0} ({1}, in force: {2}) + {3} -> {4}")
    @CsvFileSource(resources = TABLE)
    void everyStateAnswersEveryAction(
            PolicyState state, ChangeKind change, String inForce, PolicyAction action, String expected) {
        PolicyDraft draft = draft(state, change, inForce.equals("yes"));

        if (expected.startsWith("refused: ")) {
            String words = expected.substring("refused: ".length());
            assertThat(draft.allows(action)).isFalse();
            assertThat(draft.refusal(action))
                    .hasValueSatisfying(r -> assertThat(r).contains(words));
            assertThatThrownBy(() -> apply(draft, action))
                    .isInstanceOfSatisfying(PolicyTransitionException.class, e -> {
                        assertThat(e.getMessage()).contains(words);
                        assertThat(e.action()).isEqualTo(action);
                        assertThat(e.state()).isEqualTo(state);
                    });
            return;
        }
        assertThat(draft.allows(action)).isTrue();
        PolicyDraft next = apply(draft, action);
        if (expected.equals("forgotten")) {
            assertThat(next).isNull();
            return;
        }
        Objects.requireNonNull(next);
        assertThat(next.state() + "/" + next.change()).isEqualTo(expected);
        assertThat(next.revision()).isEqualTo(draft.revision() + 1);
        assertThat(next.updatedBy()).isEqualTo("bob");
        assertThat(next.updatedAt()).isEqualTo(NOW);
        assertThat(next.ref()).isEqualTo(REF);
    }

    @Test
    void theTableHasEveryActionForEveryStateItNames() throws IOException {
        List<String[]> rows = rows();
        Set<String> pairs = new HashSet<>();
        Set<PolicyState> states = new HashSet<>();
        for (String[] row : rows) {
            String variant = row[0] + " " + row[1] + " " + row[2];
            states.add(PolicyState.valueOf(row[0]));
            assertThat(pairs.add(variant + " " + row[3]))
                    .as("one row per pair: " + variant + " " + row[3])
                    .isTrue();
        }
        assertThat(states).containsExactlyInAnyOrder(PolicyState.values());
        long variants = rows.stream().map(r -> r[0] + r[1] + r[2]).distinct().count();
        assertThat(rows).hasSize((int) variants * PolicyAction.values().length);
    }

    @Test
    void anApprovalBelongsToTheRevisionItDecidedAndNewContentDropsIt() {
        PolicyDraft waiting = draft(PolicyState.AWAITING_APPROVAL, ChangeKind.EDIT, false);
        assertThat(waiting.concerns(40, waiting.revision())).isTrue();
        assertThat(waiting.concerns(40, waiting.revision() - 1)).isFalse();

        PolicyDraft approved = waiting.approved(40, "fine", "security", NOW);
        assertThat(approved.badge()).isEqualTo("approved");
        assertThat(approved.concerns(40, waiting.revision())).isTrue();
        assertThat(approved.concerns(39, waiting.revision())).isFalse();
        PolicyDraft enforced = approved.enforced(1, "alice", NOW);
        assertThat(enforced.approvalId()).isEqualTo(40L);
        assertThat(enforced.concerns(40, waiting.revision())).isTrue();

        PolicyDraft edited = enforced.edited(Policies.allowApi("payments", "api", 9090), "alice", NOW);
        assertThat(edited.approvalId()).isNull();
        assertThat(edited.concerns(40, waiting.revision()))
                .as("an old approval never stays above a newer draft nobody approved")
                .isFalse();
    }

    @Test
    void openProblemsComeFromTheLifeCycle() {
        PolicyProblem blocks = new PolicyProblem("spec.tier", "locked", null, true);
        PolicyProblem asks = new PolicyProblem("spec.ingress[0].source", "another team", "peer-namespaces", false);
        List<PolicyProblem> both = List.of(blocks, asks);

        assertThat(draft(PolicyState.DRAFT, ChangeKind.EDIT, false).openProblems(both))
                .containsExactly(blocks, asks);
        assertThat(draft(PolicyState.STAGED, ChangeKind.EDIT, false).openProblems(both))
                .containsExactly(blocks, asks);
        assertThat(draft(PolicyState.ENFORCED, ChangeKind.EDIT, true).openProblems(both))
                .as("an enforced policy needs no approval")
                .containsExactly(blocks);
        assertThat(draft(PolicyState.AWAITING_APPROVAL, ChangeKind.EDIT, false)
                        .approved(3, null, "security", NOW)
                        .openProblems(both))
                .containsExactly(blocks);
        PolicyDraft carried =
                draft(PolicyState.DRAFT, ChangeKind.ROLLBACK, true).staged("9", 12L, "alice", NOW);
        assertThat(carried.approvalCovers()).isTrue();
        assertThat(carried.openProblems(both)).containsExactly(blocks);
    }

    @Test
    void badgesNameAWithdrawal() {
        assertThat(draft(PolicyState.AWAITING_APPROVAL, ChangeKind.WITHDRAWAL, true)
                        .badge())
                .isEqualTo("withdrawal awaiting approval");
        assertThat(draft(PolicyState.APPROVED, ChangeKind.WITHDRAWAL, true).badge())
                .isEqualTo("withdrawal approved");
        assertThat(draft(PolicyState.REJECTED, ChangeKind.WITHDRAWAL, true).badge())
                .isEqualTo("withdrawal rejected");
        assertThat(draft(PolicyState.AWAITING_APPROVAL, ChangeKind.EDIT, true).badge())
                .isEqualTo("awaiting approval");
        assertThat(draft(PolicyState.WITHDRAWN, ChangeKind.WITHDRAWAL, false).badgeClass())
                .isEqualTo("state-withdrawn");
    }

    @Test
    void aWithdrawalKeepsItsReasonAndAnApprovedOneItsApproval() {
        PolicyDraft requested = draft(PolicyState.ENFORCED, ChangeKind.EDIT, true)
                .withdrawalRequested("The service moved.", "alice", NOW);
        PolicyDraft withdrawn = requested.approved(50, null, "security", NOW).withdrawn(null, "alice", NOW);
        assertThat(withdrawn.reason()).isEqualTo("The service moved.");
        assertThat(withdrawn.approvalId()).isEqualTo(50L);
        assertThat(withdrawn.enforcedVersion()).isNull();
        assertThat(withdrawn.stagedResourceVersion()).isNull();

        PolicyDraft direct = draft(PolicyState.ENFORCED, ChangeKind.EDIT, true).withdrawn("Not needed.", "alice", NOW);
        assertThat(direct.reason()).isEqualTo("Not needed.");
        assertThat(direct.approvalId()).isNull();
    }

    /** A draft in the state, at revision 5, with a staged object where the state implies one. */
    private static PolicyDraft draft(PolicyState state, ChangeKind change, boolean inForce) {
        boolean staged = state == PolicyState.STAGED
                || state == PolicyState.AWAITING_APPROVAL
                || state == PolicyState.APPROVED
                || state == PolicyState.REJECTED;
        Long approval = state == PolicyState.APPROVED || state == PolicyState.REJECTED ? 30L : null;
        return new PolicyDraft(
                REF,
                Policies.allowApi("payments", "api", 8080),
                state,
                5,
                "alice",
                THEN,
                inForce ? 2 : null,
                staged && change != ChangeKind.WITHDRAWAL ? "17" : null,
                state == PolicyState.REJECTED ? "Too wide" : null,
                change,
                approval,
                change == ChangeKind.EDIT ? null : "because");
    }

    /** The action's transition; null when the draft is forgotten. */
    private static @Nullable PolicyDraft apply(PolicyDraft draft, PolicyAction action) {
        PolicyVersion v1 =
                new PolicyVersion(REF, 1, Policies.allowApi("payments", "api", 7070), "alice", THEN, "p-1", "3", null);
        return switch (action) {
            case SAVE -> draft.edited(Policies.allowApi("payments", "api", 9090), "bob", NOW);
            case ROLL_BACK -> draft.rolledBack(v1, "9090 broke it", "bob", NOW);
            case STAGE -> draft.staged("18", null, "bob", NOW);
            case REQUEST_APPROVAL -> draft.submitted("bob", NOW);
            case APPROVE -> draft.approved(31, "fine", "bob", NOW);
            case REJECT -> draft.rejected(31, "too wide", "bob", NOW);
            case PROMOTE -> draft.enforced(3, "bob", NOW);
            case REQUEST_WITHDRAWAL -> draft.withdrawalRequested("not needed", "bob", NOW);
            case WITHDRAW -> draft.withdrawn("not needed", "bob", NOW);
            case DISCARD -> {
                draft.require(PolicyAction.DISCARD);
                yield null;
            }
        };
    }

    private static List<String[]> rows() throws IOException {
        try (InputStream in = Objects.requireNonNull(PolicyLifecycleTest.class.getResourceAsStream(TABLE))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line ->
                            Arrays.stream(line.split(",", 5)).map(String::strip).toArray(String[]::new))
                    .toList();
        }
    }
}
