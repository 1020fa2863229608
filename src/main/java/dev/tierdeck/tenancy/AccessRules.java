package dev.tierdeck.tenancy;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The decision table that {@link Permissions} documents, for one user, as a plain function of their roles and
 * groups, the teams and the tiers' governance: no database and no Spring here, so every cell can be tested directly.
 * Tier facts are looked up once per tier per instance (an instance lives for one request at most).
 */
final class AccessRules {

    /** More distinct tiers than any cluster has; beyond it facts are looked up again rather than kept. */
    static final int TIER_MEMO_LIMIT = 256;

    private final CurrentUser user;
    private final List<Team> teams;
    private final Function<String, TierFacts.Facts> tierFacts;
    private final Map<String, TierFacts.Facts> tiers = new HashMap<>();

    AccessRules(CurrentUser user, List<Team> teams, Function<String, TierFacts.Facts> tierFacts) {
        this.user = user;
        this.teams = List.copyOf(teams);
        this.tierFacts = tierFacts;
    }

    Decision decide(Action action, Resource resource) {
        if (user.roles().isEmpty()) {
            return Decision.refused(
                    Decision.Cause.ROLE,
                    "You have no Tierdeck role; ask for membership of one of the portal's role groups.");
        }
        return switch (resource) {
            case Resource.Portal p -> portal(action);
            case Resource.Tier t -> tier(action, t.name());
            case Resource.Namespace n -> namespace(action, n.name());
            case Resource.Policy p -> policy(action, p);
            case Resource.Flow f -> flow(action, f);
            case Resource.Assertion a -> assertion(action, a);
        };
    }

    TierFacts.Facts facts(String tier) {
        TierFacts.Facts known = tiers.get(tier);
        if (known != null) {
            return known;
        }
        TierFacts.Facts facts = tierFacts.apply(tier);
        if (tiers.size() < TIER_MEMO_LIMIT) {
            tiers.put(tier, facts);
        }
        return facts;
    }

    List<Team> teams() {
        return teams;
    }

    private Decision portal(Action action) {
        return switch (action) {
            case READ, EDIT, ADMINISTER ->
                admin()
                        ? Decision.ALLOWED
                        : Decision.refused(
                                Decision.Cause.ROLE, "Only platform and security admins use the admin console.");
            case EXPORT -> admin() ? Decision.ALLOWED : exportRefused();
            case APPROVE ->
                admin() || decides() && teams.stream().anyMatch(t -> t.hasApproverAmong(user.groups()))
                        ? Decision.ALLOWED
                        : Decision.refused(
                                Decision.Cause.ROLE,
                                "Only admins and members of a team's approver groups decide changes.");
            // the explain page itself; which flows is asked per flow
            case EXPLAIN -> Decision.ALLOWED;
            // the exceptions page itself; each request and decision is checked on its namespace and tier
            case REQUEST_EXCEPTION, GRANT_EXCEPTION -> Decision.ALLOWED;
            case PREVIEW, STAGE, PROMOTE, WITHDRAW -> notApplicable(action, "the portal as a whole");
        };
    }

    private Decision tier(Action action, String tier) {
        return switch (action) {
            case READ ->
                admin()
                        ? Decision.ALLOWED
                        : Decision.refused(
                                Decision.Cause.ROLE,
                                "Only platform and security admins see the tier " + tier + " in the console.");
            case EXPORT -> admin() ? Decision.ALLOWED : exportRefused();
            case EDIT, ADMINISTER -> {
                if (!admin()) {
                    yield Decision.refused(Decision.Cause.ROLE, "Only platform and security admins change tiers.");
                }
                TierFacts.Facts facts = facts(tier);
                yield facts.locked() && !owner(facts)
                        ? Decision.refused(
                                Decision.Cause.TIER,
                                "The tier " + tier + " is locked; only members of " + owners(facts) + " may change it.")
                        : Decision.ALLOWED;
            }
            case GRANT_EXCEPTION -> grantException(tier, null);
            case PREVIEW, STAGE, PROMOTE, APPROVE, WITHDRAW, EXPLAIN, REQUEST_EXCEPTION ->
                notApplicable(action, "a tier");
        };
    }

    private Decision namespace(Action action, String namespace) {
        return switch (action) {
            case READ, PREVIEW, EXPLAIN -> readsNamespace(namespace) ? Decision.ALLOWED : notYours(namespace);
            case EDIT, STAGE, PROMOTE, WITHDRAW -> {
                if (admin() || member(namespace)) {
                    yield Decision.ALLOWED;
                }
                yield developer() ? notYours(namespace) : viewerOnly();
            }
            case APPROVE ->
                admin() || approver(namespace)
                        ? Decision.ALLOWED
                        : Decision.refused(
                                Decision.Cause.OWNERSHIP,
                                "You are in none of the approver groups of the teams that own the namespace "
                                        + namespace + ".");
            case EXPORT -> admin() ? Decision.ALLOWED : exportRefused();
            case ADMINISTER ->
                admin()
                        ? Decision.ALLOWED
                        : Decision.refused(
                                Decision.Cause.ROLE,
                                "Only platform and security admins administer the teams of the namespace " + namespace
                                        + ".");
            case REQUEST_EXCEPTION -> {
                if (admin() || member(namespace)) {
                    yield Decision.ALLOWED;
                }
                yield developer() ? notYours(namespace) : viewerOnly();
            }
            case GRANT_EXCEPTION -> notApplicable(action, "a namespace");
        };
    }

    private Decision policy(Action action, Resource.Policy policy) {
        TierFacts.Facts facts = facts(policy.tier());
        return switch (action) {
            case READ, EXPLAIN -> read(policy, facts);
            case PREVIEW -> {
                Decision read = read(policy, facts);
                if (!read.allowed() || !policy.global() || readsEveryNamespace()) {
                    yield read;
                }
                yield Decision.refused(
                        Decision.Cause.ROLE,
                        "Only admins and viewers preview global policies: their preview replays the"
                                + " flows of every namespace.");
            }
            case EDIT, STAGE, PROMOTE, WITHDRAW -> change(action, policy, facts);
            case APPROVE -> approve(policy, facts);
            case EXPORT -> admin() ? Decision.ALLOWED : exportRefused();
            case ADMINISTER -> tier(Action.ADMINISTER, policy.tier());
            case GRANT_EXCEPTION -> grantException(policy.tier(), policy.author());
            case REQUEST_EXCEPTION -> notApplicable(action, "a policy");
        };
    }

    private Decision flow(Action action, Resource.Flow flow) {
        return switch (action) {
            case READ, EXPLAIN -> {
                if (readsEveryNamespace()) {
                    yield Decision.ALLOWED;
                }
                if (readsNamespace(flow.source()) || readsNamespace(flow.destination())) {
                    yield Decision.ALLOWED;
                }
                yield Decision.refused(
                        Decision.Cause.OWNERSHIP,
                        "You may " + action.verb() + " flows with at least one end in one of your"
                                + " teams' namespaces; " + ends(flow) + ".");
            }
            case REQUEST_EXCEPTION -> {
                if (admin() || member(flow.source()) || member(flow.destination())) {
                    yield Decision.ALLOWED;
                }
                if (!developer()) {
                    yield viewerOnly();
                }
                yield Decision.refused(
                        Decision.Cause.OWNERSHIP,
                        "You may " + action.verb() + " flows with at least one end in one of your"
                                + " teams' namespaces; " + ends(flow) + ".");
            }
            case EDIT, PREVIEW, STAGE, PROMOTE, APPROVE, WITHDRAW, EXPORT, ADMINISTER, GRANT_EXCEPTION ->
                notApplicable(action, "a flow");
        };
    }

    /**
     * Global assertions are everyone's to read (they are checked against every change) and the admins' to state; a
     * namespace's assertions are read like the namespace and stated by the developers of the teams that own it, as
     * they write its policies. Removing one is a change like any other.
     */
    private Decision assertion(Action action, Resource.Assertion assertion) {
        String namespace = assertion.namespace();
        return switch (action) {
            case READ -> namespace == null || readsNamespace(namespace) ? Decision.ALLOWED : notYours(namespace);
            case EDIT, WITHDRAW -> {
                if (admin()) {
                    yield Decision.ALLOWED;
                }
                if (!developer()) {
                    yield viewerOnly();
                }
                if (namespace == null) {
                    yield Decision.refused(
                            Decision.Cause.ROLE,
                            "Only platform and security admins " + action.verb() + " global assertions.");
                }
                yield member(namespace) ? Decision.ALLOWED : notYours(namespace);
            }
            case PREVIEW, STAGE, PROMOTE, APPROVE, EXPLAIN, EXPORT, ADMINISTER, REQUEST_EXCEPTION, GRANT_EXCEPTION ->
                notApplicable(action, "an assertion");
        };
    }

    private Decision read(Resource.Policy policy, TierFacts.Facts facts) {
        if (admin()) {
            return Decision.ALLOWED;
        }
        if (facts.confidential()) {
            return Decision.refused(
                    Decision.Cause.TIER,
                    "The tier " + policy.tier() + " is confidential: only platform and security admins"
                            + " read its policies.");
        }
        if (user.hasRole(Role.VIEWER) || policy.global()) {
            return Decision.ALLOWED;
        }
        // approvers read what they are asked to approve
        return readsNamespace(policy.namespace()) ? Decision.ALLOWED : notYours(policy.namespace());
    }

    private Decision change(Action action, Resource.Policy policy, TierFacts.Facts facts) {
        if (admin()) {
            return facts.locked() && !owner(facts) ? locked(action, policy.tier(), facts) : Decision.ALLOWED;
        }
        if (!developer()) {
            return viewerOnly();
        }
        if (policy.global()) {
            return Decision.refused(
                    Decision.Cause.ROLE, "Only platform and security admins " + action.verb() + " global policies.");
        }
        if (!member(policy.namespace())) {
            return notYours(policy.namespace());
        }
        if (facts.locked()) {
            return locked(action, policy.tier(), facts);
        }
        if (facts.confidential()) {
            return Decision.refused(
                    Decision.Cause.TIER,
                    "The tier " + policy.tier() + " is confidential: only platform and security" + " admins "
                            + action.verb() + " its policies.");
        }
        if (!facts.developerTier()) {
            return Decision.refused(
                    Decision.Cause.TIER,
                    "The tier " + policy.tier() + " is not a developer tier: developers " + action.verb()
                            + " their policies in the developer tiers only.");
        }
        return Decision.ALLOWED;
    }

    private Decision approve(Resource.Policy policy, TierFacts.Facts facts) {
        if (user.username().equals(policy.author())) {
            return Decision.refused(
                    Decision.Cause.AUTHOR, "Nobody approves their own change; another approver decides it.");
        }
        if (admin()) {
            return facts.locked() && !owner(facts) ? locked(Action.APPROVE, policy.tier(), facts) : Decision.ALLOWED;
        }
        if (policy.global()) {
            return Decision.refused(
                    Decision.Cause.ROLE, "Only platform and security admins decide changes to global policies.");
        }
        if (facts.locked()) {
            return locked(Action.APPROVE, policy.tier(), facts);
        }
        if (facts.confidential()) {
            return Decision.refused(
                    Decision.Cause.TIER,
                    "The tier " + policy.tier() + " is confidential: only platform and security"
                            + " admins decide changes to its policies.");
        }
        String namespace = policy.namespace();
        return approver(namespace)
                ? Decision.ALLOWED
                : Decision.refused(
                        Decision.Cause.OWNERSHIP,
                        "You are in none of the approver groups of the teams that own the namespace " + namespace
                                + ".");
    }

    /**
     * An exception is a policy written in {@code tier} for a while: its owners decide it as they would a change to the
     * tier's policies (admins; for a locked tier, its owner groups), and nobody decides their own request.
     */
    private Decision grantException(String tier, @Nullable String requester) {
        if (user.username().equals(requester)) {
            return Decision.refused(
                    Decision.Cause.AUTHOR, "Nobody grants their own exception; an owner of the tier decides it.");
        }
        if (!admin()) {
            return Decision.refused(
                    Decision.Cause.ROLE, "Only platform and security admins grant exceptions, as the tier's owners.");
        }
        TierFacts.Facts facts = facts(tier);
        return facts.locked() && !owner(facts)
                ? Decision.refused(
                        Decision.Cause.TIER,
                        "The tier " + tier + " is locked; only members of " + owners(facts)
                                + " grant exceptions in it.")
                : Decision.ALLOWED;
    }

    boolean admin() {
        return user.isAdmin();
    }

    private boolean developer() {
        return user.hasRole(Role.DEVELOPER);
    }

    /** Admins and viewers read every namespace; a team's developers and approvers read the team's namespaces. */
    boolean readsNamespace(@Nullable String namespace) {
        return readsEveryNamespace() || member(namespace) || approver(namespace);
    }

    boolean readsEveryNamespace() {
        return admin() || user.hasRole(Role.VIEWER);
    }

    /** A developer in one of the teams that own {@code namespace}. */
    private boolean member(@Nullable String namespace) {
        return namespace != null
                && developer()
                && teams.stream().anyMatch(t -> t.owns(namespace) && t.hasMemberAmong(user.groups()));
    }

    /** In an approver group of a team owning {@code namespace}, and more than a viewer (viewers change nothing). */
    private boolean approver(@Nullable String namespace) {
        return namespace != null
                && decides()
                && teams.stream().anyMatch(t -> t.owns(namespace) && t.hasApproverAmong(user.groups()));
    }

    private boolean decides() {
        return user.roles().stream().anyMatch(role -> role != Role.VIEWER);
    }

    private boolean owner(TierFacts.Facts facts) {
        return facts.owners().stream().anyMatch(user.groups()::contains);
    }

    private Decision notYours(@Nullable String namespace) {
        List<String> owning = teams.stream()
                .filter(t -> namespace != null && t.owns(namespace))
                .map(Team::name)
                .toList();
        if (owning.isEmpty()) {
            return Decision.refused(
                    Decision.Cause.OWNERSHIP, "No team owns the namespace " + namespace + "; only admins work in it.");
        }
        return Decision.refused(
                Decision.Cause.OWNERSHIP,
                "The namespace " + namespace + " belongs to " + teamWords(owning) + ", not to one of your teams.");
    }

    private static Decision exportRefused() {
        return Decision.refused(Decision.Cause.ROLE, "Only platform and security admins export the audit trail.");
    }

    private static Decision viewerOnly() {
        return Decision.refused(Decision.Cause.ROLE, "Viewers read and preview; they change nothing.");
    }

    private static Decision locked(Action action, String tier, TierFacts.Facts facts) {
        return Decision.refused(
                Decision.Cause.TIER,
                "The tier " + tier + " is locked; only members of " + owners(facts) + " may " + action.verb()
                        + " its policies.");
    }

    private static Decision notApplicable(Action action, String what) {
        return Decision.refused(
                Decision.Cause.ROLE,
                "'" + action.name().toLowerCase(Locale.ROOT) + "' does not apply to " + what + ".");
    }

    private static String owners(TierFacts.Facts facts) {
        return facts.owners().isEmpty() ? "its owner groups (none are set)" : String.join(", ", facts.owners());
    }

    private static String ends(Resource.Flow flow) {
        if (flow.source() == null && flow.destination() == null) {
            return "both ends of this flow are outside the cluster";
        }
        if (flow.source() == null || flow.destination() == null || flow.source().equals(flow.destination())) {
            String only = flow.source() == null ? flow.destination() : flow.source();
            return "this flow's only namespace, " + only + ", is not one of them";
        }
        return "neither " + flow.source() + " nor " + flow.destination() + " is";
    }

    /** "team payments", "teams payments and shop". */
    static String teamWords(List<String> names) {
        if (names.size() == 1) {
            return "team " + names.getFirst();
        }
        return "teams " + String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
