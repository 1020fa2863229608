package dev.tierdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TeamTest {

    private final Team payments = new Team(
            "payments",
            "",
            List.of("team-payments"),
            List.of("payments", "payments-*", "checkout"),
            List.of("tierdeck-security-admins"));

    @Test
    void expandsGlobsAgainstTheClusterAndKeepsExactNamesThatDoNotExistYet() {
        assertThat(payments.namespacesAmong(Set.of("payments", "payments-eu", "payments-us", "catalog")))
                .containsExactly("checkout", "payments", "payments-eu", "payments-us");
    }

    @Test
    void ownsWhatAPatternMatchesEvenBeforeTheClusterHasIt() {
        assertThat(payments.owns("payments-new")).isTrue();
        assertThat(payments.owns("checkout")).isTrue();
        assertThat(payments.owns("catalog")).isFalse();
    }

    @Test
    void membersAndApproversComeFromTheirGroups() {
        assertThat(payments.hasMemberAmong(Set.of("tierdeck-developers", "team-payments")))
                .isTrue();
        assertThat(payments.hasMemberAmong(Set.of("team-catalog"))).isFalse();
        assertThat(payments.hasApproverAmong(Set.of("tierdeck-security-admins")))
                .isTrue();
        assertThat(payments.hasApproverAmong(Set.of("team-payments"))).isFalse();
    }

    @Test
    void validationNamesEveryBadFieldAndEntry() {
        Team bad = new Team(
                "Payments Team",
                "x".repeat(2001),
                List.of(),
                List.of("payments", "Pay$", "payments", "*"),
                List.of("ok-group", " ", "two words"));
        assertThat(TeamRules.problems(bad))
                .extracting(TeamField::field)
                .containsExactly(
                        "name",
                        "description",
                        "groups",
                        "approverGroups[1]",
                        "approverGroups[2]",
                        "namespacePatterns[1]",
                        "namespacePatterns[2]",
                        "namespacePatterns[3]");
        assertThat(TeamRules.problems(bad))
                .extracting(TeamField::message)
                .contains(
                        "A team needs at least one group: its members belong to the team (usually" + " team-<name>).",
                        "Empty group name: enter a group or remove the entry.",
                        "'payments' is listed twice.");
    }

    @Test
    void aTeamWithAGroupAndGoodPatternsPasses() {
        assertThat(TeamRules.problems(payments)).isEmpty();
    }
}
