package dev.tierdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Teams in embedded PostgreSQL, with the admin console's demo cluster (namespaces payments and catalog). */
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.cluster.demo.seed=classpath:tier/cluster.yaml",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=admin_console_test",
            "tierdeck.tier.initial.security.locked=true",
            "tierdeck.tier.initial.security.owners=tierdeck-security-admins",
            "tierdeck.tier.initial.security.purpose=Organisation-wide security rules"
        })
@AutoConfigureMockMvc
class DatabaseTenancyTest {

    private static final CurrentUser ALICE = user(Role.DEVELOPER, "tierdeck-developers", "team-payments");
    private static final CurrentUser BOB = user(Role.DEVELOPER, "tierdeck-developers", "team-catalog");
    private static final CurrentUser ADMIN = user(Role.PLATFORM_ADMIN, "tierdeck-platform-admins");

    @Autowired
    Tenancy tenancy;

    @Autowired
    Teams teams;

    @Autowired
    Permissions permissions;

    @Autowired
    TeamSeeding seeding;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void backToTheSeededTeams() {
        jdbc.sql("delete from team").update();
        seeding.seed();
    }

    @Test
    void theFirstStartSeedsTheDemoTeamsFromConfiguration() {
        assertThat(teams.all())
                .containsExactly(
                        new Team("catalog", "", List.of("team-catalog"), List.of("catalog"), List.of()),
                        new Team(
                                "payments",
                                "",
                                List.of("team-payments"),
                                List.of("payments", "checkout"),
                                List.of("tierdeck-security-admins")));
        assertThat(tenancy.teamsOf(ALICE)).containsExactly("payments");
        assertThat(tenancy.namespacesOf(ALICE)).containsExactly("checkout", "payments");
        assertThat(tenancy.namespacesOf(BOB)).containsExactly("catalog");
    }

    @Test
    void seedingLeavesATableWithTeamsAlone() {
        teams.update(new Team("payments", "edited", List.of("team-payments"), List.of("payments"), List.of()), "t");

        assertThat(seeding.seed()).isEmpty();
        assertThat(teams.find("payments").orElseThrow().description()).isEqualTo("edited");

        jdbc.sql("delete from team").update();
        assertThat(seeding.seed()).containsExactlyInAnyOrder("catalog", "payments");
    }

    @Test
    void aChangedPatternTakesEffectOnTheNextCall() {
        assertThat(permissions.allows(ALICE, Action.EDIT, Resource.namespace("catalog")))
                .isFalse();

        teams.update(new Team("payments", "", List.of("team-payments"), List.of("cat*"), List.of()), "test");

        assertThat(tenancy.namespacesOf(ALICE)).containsExactly("catalog");
        assertThat(permissions.allows(ALICE, Action.EDIT, Resource.namespace("catalog")))
                .isTrue();
        assertThat(permissions.allows(ALICE, Action.EDIT, Resource.namespace("payments")))
                .isFalse();
        // the glob also covers namespaces the cluster does not have yet
        assertThat(permissions.allows(ALICE, Action.EDIT, Resource.namespace("cat-new")))
                .isTrue();
    }

    @Test
    void membershipFollowsTheTeamsGroupsNotTheGroupName() {
        teams.update(new Team("payments", "", List.of("payments-developers"), List.of("payments"), List.of()), "test");

        assertThat(tenancy.teamsOf(ALICE)).isEmpty();
        assertThat(tenancy.namespacesOf(ALICE)).isEmpty();
        CurrentUser renamed = user(Role.DEVELOPER, "payments-developers");
        assertThat(tenancy.teamsOf(renamed)).containsExactly("payments");
    }

    @Test
    void aDeletedTeamsMembersLoseItsNamespacesAtOnce() {
        teams.delete("catalog");

        assertThat(tenancy.teamsOf(BOB)).isEmpty();
        assertThat(permissions.allows(BOB, Action.EDIT, Resource.namespace("catalog")))
                .isFalse();
    }

    @Test
    void approversApproveInTheirTeamsNamespacesAndAdminsEverywhere() {
        CurrentUser approver = user(Role.DEVELOPER, "payments-leads");
        assertThat(permissions.allows(approver, Action.APPROVE, Resource.namespace("payments")))
                .isFalse();

        teams.update(
                new Team(
                        "payments",
                        "",
                        List.of("team-payments"),
                        List.of("payments", "checkout"),
                        List.of("payments-leads")),
                "test");

        assertThat(permissions.allows(approver, Action.APPROVE, Resource.namespace("payments")))
                .isTrue();
        assertThat(permissions.allows(approver, Action.APPROVE, Resource.namespace("checkout")))
                .isTrue();
        assertThat(permissions.allows(approver, Action.APPROVE, Resource.namespace("catalog")))
                .isFalse();
        assertThat(permissions.allows(approver, Action.APPROVE, Resource.policy(null, "default")))
                .isFalse();
        assertThat(permissions.allows(ALICE, Action.APPROVE, Resource.namespace("payments")))
                .isFalse();
        assertThat(permissions.allows(ADMIN, Action.APPROVE, Resource.namespace("catalog")))
                .isTrue();
        assertThat(permissions.allows(ADMIN, Action.APPROVE, Resource.policy(null, "default")))
                .isTrue();
    }

    @Test
    void aTakenNameIsRejectedAtTheNameField() {
        assertThatThrownBy(() -> teams.create(
                        new Team("catalog", "", List.of("team-catalog"), List.of("catalog"), List.of()), "test"))
                .isInstanceOfSatisfying(
                        TeamRejectedException.class,
                        e -> assertThat(e.fields())
                                .containsExactly(new TeamField("name", "A team named catalog exists already.")));
    }

    @Test
    void accessNamesTheOwningTeamsTheirGroupsAndTheRolesThatReachEverything() {
        NamespaceAccess access = teams.access("checkout");

        assertThat(access.inCluster()).isFalse();
        assertThat(access.teams()).extracting(Team::name).containsExactly("payments");
        assertThat(access.memberGroups()).containsExactly("team-payments");
        assertThat(access.approverGroups()).containsExactly("tierdeck-security-admins");
        assertThat(access.everyNamespaceRoles()).containsExactly("platform-admin", "security-admin");
        assertThat(teams.access("catalog").inCluster()).isTrue();
    }

    private static CurrentUser user(Role role, String... groups) {
        return new CurrentUser("http://issuer", "sub", "someone", "Someone", Set.of(role), Set.of(groups));
    }
}
