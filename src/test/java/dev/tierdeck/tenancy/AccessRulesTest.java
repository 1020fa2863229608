package dev.tierdeck.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision table of {@link Permissions}, cell by cell, on fixed teams and tiers: payments (namespaces payments and
 * checkout, approvers payments-approvers) and catalog; the locked tiers security and platform, the developer tier
 * default, the confidential tier compliance and the admins' unlocked tier shared.
 */
class AccessRulesTest {

    static final List<Team> TEAMS = List.of(
            new Team("catalog", "", List.of("team-catalog"), List.of("catalog"), List.of()),
            new Team(
                    "payments",
                    "",
                    List.of("team-payments"),
                    List.of("payments", "checkout"),
                    List.of("payments-approvers")));

    static final Map<String, TierFacts.Facts> TIERS = Map.of(
            "security", new TierFacts.Facts(true, List.of("tierdeck-security-admins"), false, false),
            "platform", new TierFacts.Facts(true, List.of("tierdeck-platform-admins"), false, false),
            "default", new TierFacts.Facts(false, List.of(), true, false),
            "compliance", new TierFacts.Facts(false, List.of(), false, true),
            "shared", new TierFacts.Facts(false, List.of(), false, false));

    static final Map<String, CurrentUser> USERS = Map.of(
            "ada", user("ada", Set.of(Role.PLATFORM_ADMIN), "tierdeck-platform-admins"),
            "sam", user("sam", Set.of(Role.SECURITY_ADMIN), "tierdeck-security-admins"),
            "alice", user("alice", Set.of(Role.DEVELOPER), "tierdeck-developers", "team-payments"),
            "bob", user("bob", Set.of(Role.DEVELOPER), "tierdeck-developers", "team-catalog"),
            "vic", user("vic", Set.of(Role.VIEWER), "tierdeck-viewers"),
            "tess", user("tess", Set.of(Role.DEVELOPER), "tierdeck-developers", "payments-approvers"),
            "val", user("val", Set.of(Role.VIEWER), "tierdeck-viewers", "payments-approvers"),
            "nobody", user("nobody", Set.of(), "team-payments"));

    /**
     * user, action, resource, expected. Resources: {@code ns:NAME}, {@code policy:NAMESPACE:TIER} (namespace {@code -}
     * for a global policy), {@code change:NAMESPACE:TIER:AUTHOR}, {@code tier:NAME}, {@code flow:SRC:DST} ({@code -}
     * for an address), {@code portal}.
     */
    static final String TABLE = """
            # reading
            ada    READ       policy:catalog:compliance      yes
            vic    READ       policy:catalog:default         yes
            vic    READ       policy:payments:compliance     no    The tier compliance is confidential: only platform and security admins read its policies.
            vic    READ       policy:-:security              yes
            alice  READ       policy:payments:default        yes
            alice  READ       policy:checkout:platform       yes
            alice  READ       policy:catalog:default         no    The namespace catalog belongs to team catalog, not to one of your teams.
            alice  READ       policy:-:security              yes
            alice  READ       policy:-:compliance            no
            alice  READ       policy:payments:compliance     no
            bob    READ       policy:payments:default        no
            alice  READ       ns:payments                    yes
            alice  READ       ns:catalog                     no
            alice  READ       ns:sandbox                     no    No team owns the namespace sandbox; only admins work in it.
            vic    READ       ns:catalog                     yes
            tess   READ       ns:payments                    yes
            tess   READ       policy:checkout:default        yes
            tess   READ       ns:catalog                     no
            val    READ       ns:catalog                     yes
            tess   EXPLAIN    flow:sandbox:payments          yes
            nobody READ       ns:payments                    no    You have no Tierdeck role; ask for membership of one of the portal's role groups.
            alice  READ       tier:default                   no
            ada    READ       tier:security                  yes
            alice  READ       portal                         no    Only platform and security admins use the admin console.
            # changing: edit, stage, promote, withdraw
            alice  EDIT       policy:payments:default        yes
            alice  STAGE      policy:checkout:default        yes
            alice  PROMOTE    policy:payments:default        yes
            alice  WITHDRAW   policy:payments:default        yes
            alice  EDIT       policy:catalog:default         no    The namespace catalog belongs to team catalog, not to one of your teams.
            bob    PROMOTE    policy:payments:default        no
            alice  EDIT       policy:payments:security       no    The tier security is locked; only members of tierdeck-security-admins may change its policies.
            alice  STAGE      policy:payments:shared         no    The tier shared is not a developer tier: developers stage their policies in the developer tiers only.
            alice  EDIT       policy:payments:compliance     no    The tier compliance is confidential: only platform and security admins change its policies.
            alice  EDIT       policy:-:default               no    Only platform and security admins change global policies.
            vic    EDIT       policy:payments:default        no    Viewers read and preview; they change nothing.
            vic    WITHDRAW   ns:payments                    no    Viewers read and preview; they change nothing.
            tess   EDIT       policy:payments:default        no
            nobody EDIT       policy:payments:default        no
            ada    EDIT       policy:catalog:default         yes
            ada    EDIT       policy:-:shared                yes
            ada    EDIT       policy:payments:compliance     yes
            ada    EDIT       policy:-:security              no    The tier security is locked; only members of tierdeck-security-admins may change its policies.
            sam    PROMOTE    policy:-:security              yes
            sam    WITHDRAW   policy:payments:platform       no
            ada    WITHDRAW   policy:payments:platform       yes
            alice  EDIT       ns:checkout                    yes
            alice  EDIT       ns:catalog                     no
            # previewing
            vic    PREVIEW    policy:catalog:default         yes
            vic    PREVIEW    policy:-:security              yes
            vic    PREVIEW    policy:payments:compliance     no
            alice  PREVIEW    policy:payments:default        yes
            alice  PREVIEW    policy:catalog:default         no
            alice  PREVIEW    policy:-:security              no    Only admins and viewers preview global policies: their preview replays the flows of every namespace.
            ada    PREVIEW    policy:-:compliance            yes
            # approving
            tess   APPROVE    change:payments:default:alice  yes
            tess   APPROVE    change:checkout:default:alice  yes
            tess   APPROVE    change:catalog:default:bob     no    You are in none of the approver groups of the teams that own the namespace catalog.
            tess   APPROVE    change:payments:security:sam   no
            tess   APPROVE    change:payments:compliance:ada no
            tess   APPROVE    change:-:default:ada           no    Only platform and security admins decide changes to global policies.
            tess   APPROVE    change:payments:default:tess   no    Nobody approves their own change; another approver decides it.
            val    APPROVE    change:payments:default:alice  no
            alice  APPROVE    change:payments:default:bob    no
            ada    APPROVE    change:catalog:default:bob     yes
            ada    APPROVE    change:payments:default:ada    no    Nobody approves their own change; another approver decides it.
            ada    APPROVE    change:-:security:sam          no
            sam    APPROVE    change:-:security:ada          yes
            tess   APPROVE    ns:payments                    yes
            tess   APPROVE    portal                         yes
            val    APPROVE    portal                         no
            bob    APPROVE    portal                         no    Only admins and members of a team's approver groups decide changes.
            # explaining
            bob    EXPLAIN    flow:catalog:checkout          yes
            bob    EXPLAIN    flow:checkout:catalog          yes
            bob    EXPLAIN    flow:payments:checkout         no    You may explain flows with at least one end in one of your teams' namespaces; neither payments nor checkout is.
            bob    EXPLAIN    flow:-:payments                no    You may explain flows with at least one end in one of your teams' namespaces; this flow's only namespace, payments, is not one of them.
            bob    EXPLAIN    flow:-:-                       no    You may explain flows with at least one end in one of your teams' namespaces; both ends of this flow are outside the cluster.
            bob    EXPLAIN    flow:catalog:-                 yes
            vic    EXPLAIN    flow:payments:checkout         yes
            ada    EXPLAIN    flow:-:-                       yes
            nobody EXPLAIN    flow:payments:payments         no
            alice  EXPLAIN    portal                         yes
            alice  EDIT       flow:payments:payments         no
            # exporting and administering
            ada    EXPORT     portal                         yes
            sam    EXPORT     ns:payments                    yes
            vic    EXPORT     portal                         no    Only platform and security admins export the audit trail.
            alice  EXPORT     ns:payments                    no
            ada    ADMINISTER portal                         yes
            ada    ADMINISTER tier:shared                    yes
            ada    ADMINISTER tier:security                  no    The tier security is locked; only members of tierdeck-security-admins may change it.
            sam    ADMINISTER tier:security                  yes
            ada    ADMINISTER policy:-:security              no
            alice  ADMINISTER tier:default                   no    Only platform and security admins change tiers.
            vic    ADMINISTER portal                         no
            alice  ADMINISTER ns:payments                    no
            # exceptions: asked by a team of one end, decided by the tier's owners, never one's own
            alice  REQUEST_EXCEPTION flow:checkout:-         yes
            alice  REQUEST_EXCEPTION flow:catalog:-          no
            bob    REQUEST_EXCEPTION ns:payments             no    The namespace payments belongs to team payments, not to one of your teams.
            vic    REQUEST_EXCEPTION flow:checkout:-         no    Viewers read and preview; they change nothing.
            ada    REQUEST_EXCEPTION flow:-:-                yes
            sam    GRANT_EXCEPTION change:-:security:alice   yes
            ada    GRANT_EXCEPTION change:-:security:alice   no    The tier security is locked; only members of tierdeck-security-admins grant exceptions in it.
            sam    GRANT_EXCEPTION change:-:security:sam     no    Nobody grants their own exception; an owner of the tier decides it.
            alice  GRANT_EXCEPTION change:-:security:bob     no    Only platform and security admins grant exceptions, as the tier's owners.
            ada    GRANT_EXCEPTION change:-:shared:alice     yes
            sam    GRANT_EXCEPTION tier:security             yes
            alice  GRANT_EXCEPTION ns:payments               no
            # connectivity assertions (namespace - for a global one)
            alice  READ       assertion:-                    yes
            alice  READ       assertion:checkout             yes
            bob    READ       assertion:payments             no    The namespace payments belongs to team payments, not to one of your teams.
            vic    READ       assertion:payments             yes
            alice  EDIT       assertion:payments             yes
            alice  WITHDRAW   assertion:checkout             yes
            bob    EDIT       assertion:payments             no    The namespace payments belongs to team payments, not to one of your teams.
            alice  EDIT       assertion:-                    no    Only platform and security admins change global assertions.
            vic    EDIT       assertion:payments             no    Viewers read and preview; they change nothing.
            vic    EDIT       assertion:-                    no
            tess   EDIT       assertion:payments             no
            ada    EDIT       assertion:-                    yes
            sam    WITHDRAW   assertion:catalog              yes
            alice  PROMOTE    assertion:payments             no    'promote' does not apply to an assertion.
            nobody READ       assertion:-                    no
            """;

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (String line : TABLE.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+", 5);
            out.add(Arguments.of(
                    parts[0],
                    Action.valueOf(parts[1]),
                    parts[2],
                    parts[3].equals("yes"),
                    parts.length > 4 ? parts[4] : null));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @MethodSource("cells")
    void decidesEveryCellOfTheTable(String who, Action action, String resource, boolean allowed, String reason) {
        Decision decision = rules(who).decide(action, resource(resource));

        assertThat(decision.allowed()).as(who + " " + action + " " + resource).isEqualTo(allowed);
        if (allowed) {
            assertThat(decision.cause()).isNull();
        } else {
            assertThat(decision.reason()).isNotBlank();
            assertThat(decision.cause()).isNotNull();
        }
        if (reason != null) {
            assertThat(decision.reason()).isEqualTo(reason);
        }
    }

    @Test
    void aRefusalSaysWhatCausedIt() {
        assertThat(rules("alice")
                        .decide(Action.EDIT, Resource.policy("payments", "security"))
                        .cause())
                .isEqualTo(Decision.Cause.TIER);
        assertThat(rules("alice")
                        .decide(Action.EDIT, Resource.policy("catalog", "default"))
                        .cause())
                .isEqualTo(Decision.Cause.OWNERSHIP);
        assertThat(rules("alice")
                        .decide(Action.EDIT, Resource.policy(null, "default"))
                        .cause())
                .isEqualTo(Decision.Cause.ROLE);
        assertThat(rules("tess")
                        .decide(Action.APPROVE, Resource.change("payments", "default", "tess"))
                        .cause())
                .isEqualTo(Decision.Cause.AUTHOR);
    }

    @Test
    void holdingSeveralRolesGivesWhatEachAllows() {
        CurrentUser both = user("dana", Set.of(Role.DEVELOPER, Role.VIEWER), "team-catalog");
        AccessRules rules = new AccessRules(both, TEAMS, TIERS::get);

        assertThat(rules.decide(Action.READ, Resource.policy("payments", "default"))
                        .allowed())
                .isTrue();
        assertThat(rules.decide(Action.EDIT, Resource.policy("catalog", "default"))
                        .allowed())
                .isTrue();
        assertThat(rules.decide(Action.EDIT, Resource.policy("payments", "default"))
                        .allowed())
                .isFalse();
    }

    @Test
    void anUnknownTierIsTreatedAsLockedAndConfidentialWhenNobodyCanSay() {
        AccessRules rules = new AccessRules(USERS.get("ada"), TEAMS, tier -> TierFacts.Facts.UNKNOWN);

        assertThat(rules.decide(Action.EDIT, Resource.policy("payments", "default"))
                        .allowed())
                .isFalse();
        assertThat(new AccessRules(USERS.get("vic"), TEAMS, tier -> TierFacts.Facts.UNKNOWN)
                        .decide(Action.READ, Resource.policy("payments", "default"))
                        .allowed())
                .isFalse();
    }

    @Test
    void tierFactsAreLookedUpOncePerTier() {
        List<String> asked = new ArrayList<>();
        AccessRules rules = new AccessRules(USERS.get("alice"), TEAMS, tier -> {
            asked.add(tier);
            return TIERS.get(tier);
        });
        for (int i = 0; i < 3; i++) {
            rules.decide(Action.READ, Resource.policy("payments", "default"));
            rules.decide(Action.EDIT, Resource.policy("payments", "security"));
        }

        assertThat(asked).containsExactly("default", "security");
    }

    @Test
    void disclosureNamesWhatTheReaderMayReadAndTheOwnerOfTheRest() {
        PolicyDisclosure bob = permissions().disclosureTo(USERS.get("bob"));

        assertThat(bob.shows("catalog", "default")).isTrue();
        assertThat(bob.shows(null, "security")).isTrue();
        assertThat(bob.shows("checkout", "default")).isFalse();
        assertThat(bob.shows("catalog", "compliance")).isFalse();
        assertThat(bob.owner("checkout", "default")).isEqualTo("team payments");
        assertThat(bob.owner("sandbox", "default")).isEqualTo("no team (namespace sandbox)");
        assertThat(bob.owner(null, "security")).isEqualTo("the owners of tier security, tierdeck-security-admins");
        assertThat(bob.owner(null, "compliance")).isEqualTo("the platform and security admins");

        PolicyDisclosure admin = permissions().disclosureTo(USERS.get("ada"));
        assertThat(admin.shows("checkout", "compliance")).isTrue();
    }

    @Test
    void evidenceNamesOnlyWhatEveryoneWhoSeesItMayRead() {
        PolicyDisclosure payments = permissions().disclosureToReadersOf(List.of("payments"));

        assertThat(payments.shows("payments", "default")).isTrue();
        assertThat(payments.shows(null, "platform")).isTrue();
        assertThat(payments.shows("checkout", "default")).isFalse();
        assertThat(payments.shows("payments", "compliance")).isFalse();

        PolicyDisclosure global = permissions().disclosureToReadersOf(null);
        assertThat(global.shows(null, "platform")).isTrue();
        assertThat(global.shows("catalog", "default")).isFalse();
        assertThat(global.shows(null, "compliance")).isFalse();
    }

    @Test
    void readableNamespacesAreTheTeamsForDevelopersAndAllForViewers() {
        List<String> all = List.of("payments", "checkout", "catalog", "sandbox");

        assertThat(permissions().readableNamespaces(USERS.get("alice"), all)).containsExactly("checkout", "payments");
        assertThat(permissions().readableNamespaces(USERS.get("vic"), all)).hasSize(4);
        assertThat(permissions().readableNamespaces(USERS.get("nobody"), all)).isEmpty();
        assertThat(permissions().readsEveryNamespace(USERS.get("vic"))).isTrue();
        assertThat(permissions().readsEveryNamespace(USERS.get("bob"))).isFalse();
    }

    private static AccessRules rules(String who) {
        return new AccessRules(USERS.get(who), TEAMS, TIERS::get);
    }

    private static Permissions permissions() {
        return FixedTeams.permissions(TEAMS, TIERS::get);
    }

    private static Resource resource(String text) {
        String[] p = text.split(":");
        return switch (p[0]) {
            case "ns" -> Resource.namespace(p[1]);
            case "policy" -> Resource.policy(dash(p[1]), p[2]);
            case "change" -> Resource.change(dash(p[1]), p[2], p[3]);
            case "tier" -> Resource.tier(p[1]);
            case "flow" -> Resource.flow(dash(p[1]), dash(p[2]));
            case "assertion" -> Resource.assertion(dash(p[1]));
            case "portal" -> Resource.PORTAL;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }

    private static CurrentUser user(String name, Set<Role> roles, String... groups) {
        return new CurrentUser("http://issuer", name, name, name, roles, Set.of(groups));
    }
}
