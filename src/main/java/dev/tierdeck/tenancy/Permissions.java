package dev.tierdeck.tenancy;

import dev.tierdeck.identity.CurrentUser;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may do what: the one answer to "may this user do this {@link Action} on this {@link Resource}" for every page
 * and API. Each answer reads the teams and the tiers' governance afresh from PostgreSQL, so a changed team, a newly
 * locked tier or a revoked group counts from the next request on; the portal's checks run on the server before
 * anything is read, stored or sent to the cluster (hiding a button is convenience, not security).
 *
 * <p>The roles come from allow-listed groups ({@code identity}); a user may hold several, and holds the union of
 * what they allow. Someone without any role may do nothing. Team membership and approver groups come from the teams
 * ({@link Teams}); tier governance (locked, owners, developer tier, confidential) from the admin console through
 * {@link TierFacts}. The rules:
 *
 * <ul>
 *   <li><b>Platform and security admins</b> read everything, run the admin console, export the audit trail, and
 *       change policies in every namespace, global ones included, and in every tier, except that a <b>locked</b>
 *       tier, its policies and the changes to them waiting for approval belong to the members of its owner groups
 *       alone.
 *   <li><b>Viewers</b> read and preview but never change: every namespace, its flows and its policies, except the
 *       content of a confidential tier. Previewing a global policy replays the flows of every namespace, so among
 *       non-admins only viewers (who read every namespace anyway) may.
 *   <li><b>Developers</b> read their teams' namespaces, the policies in them and the global policies, and change
 *       policies only in their teams' namespaces, in an unlocked, not confidential developer tier. They never write
 *       global policies. They explain and read flows with at least one end in one of their teams' namespaces.
 *       Members of a team's approver groups read (and explain) like the team's developers, since they must read
 *       what they approve, but change nothing by it.
 *   <li><b>Confidential tiers</b> are read by admins only: everyone else learns that a step was decided in the tier
 *       and by whom it is owned, never the policy's name, rules or YAML ({@link #disclosureTo}). The same holds for
 *       the policies of another team's namespace. Calico answers reads of other tiers (native CRD mode does not
 *       hide them), so this is where it is enforced.
 *   <li><b>Approvers</b>: admins (locked tiers: their owners), and members of a team's approver groups for the
 *       changes in that team's namespaces outside locked and confidential tiers, if they hold a role besides viewer
 *       (viewers decide nothing). Global policies are decided by admins. <b>Nobody approves their own change</b>.
 *   <li>Withdrawing (deleting, rolling back), staging and promoting a policy follow the same rule as editing it;
 *       whether its state allows it is the policy's own business.
 * </ul>
 *
 * <p>A refusal comes back as a {@link Decision} whose reason names what is missing (the team that owns the
 * namespace, the owners of the locked tier); {@link #require} turns it into an {@link AccessDeniedException}, which
 * pages answer with 403 and APIs with a 403 problem document.
 */
@Component
public class Permissions {

    /** More distinct policy scopes than a disclosure is expected to meet in one request; past it, nothing is kept. */
    static final int DISCLOSURE_MEMO_LIMIT = 4096;

    private final Teams teams;
    private final ObjectProvider<TierFacts> tierFacts;

    Permissions(Teams teams, ObjectProvider<TierFacts> tierFacts) {
        this.teams = teams;
        this.tierFacts = tierFacts;
    }

    public Decision decide(CurrentUser user, Action action, Resource resource) {
        return rules(user).decide(action, resource);
    }

    public boolean allows(CurrentUser user, Action action, Resource resource) {
        return decide(user, action, resource).allowed();
    }

    /** @throws AccessDeniedException with the reason, when refused */
    public void require(CurrentUser user, Action action, Resource resource) {
        decide(user, action, resource).orThrow();
    }

    /** The namespaces among {@code namespaces} that {@code user} may read (for lists and suggestions), sorted. */
    public SortedSet<String> readableNamespaces(CurrentUser user, Collection<String> namespaces) {
        AccessRules rules = rules(user);
        SortedSet<String> out = new TreeSet<>();
        for (String namespace : namespaces) {
            if (rules.readsNamespace(namespace)) {
                out.add(namespace);
            }
        }
        return out;
    }

    /**
     * Whether {@code user} reads every namespace, those the cluster no longer has included (admins and viewers), so
     * that a query over stored history need not be limited to a list of names.
     */
    public boolean readsEveryNamespace(CurrentUser user) {
        return rules(user).readsEveryNamespace();
    }

    /** What {@code user} may learn about the policies deciding a flow: what they may {@linkplain Action#READ read}. */
    public PolicyDisclosure disclosureTo(CurrentUser user) {
        AccessRules rules = rules(user);
        return new Disclosure(
                rules.teams(),
                rules::facts,
                (namespace, tier) -> rules.decide(Action.READ, Resource.policy(namespace, tier))
                        .allowed());
    }

    /**
     * What everyone who may see the evidence of a change may learn (evidence is kept and shown later on the policy's
     * page, to its approvers and to admins): for a change confined to one namespace, the policies of that namespace
     * and the global ones, which everyone who reads that namespace reads; for a global change ({@code namespaces}
     * null, or several), whose page every developer may read, the global policies only; never those of a
     * confidential tier.
     *
     * @param namespaces the namespaces whose flows the change was previewed on; null for all of them
     */
    public PolicyDisclosure disclosureToReadersOf(@Nullable Collection<String> namespaces) {
        Function<String, TierFacts.Facts> facts = facts();
        Map<String, TierFacts.Facts> memo = new HashMap<>();
        Function<String, TierFacts.Facts> tiers = tier ->
                memo.size() < AccessRules.TIER_MEMO_LIMIT ? memo.computeIfAbsent(tier, facts) : facts.apply(tier);
        String only = namespaces != null && namespaces.size() == 1
                ? namespaces.iterator().next()
                : null;
        return new Disclosure(
                teams.all(),
                tiers,
                (policyNamespace, tier) ->
                        !tiers.apply(tier).confidential() && (policyNamespace == null || policyNamespace.equals(only)));
    }

    private AccessRules rules(CurrentUser user) {
        return new AccessRules(user, teams.all(), facts());
    }

    private Function<String, TierFacts.Facts> facts() {
        TierFacts facts = tierFacts.getIfAvailable();
        return facts == null ? tier -> TierFacts.Facts.UNKNOWN : facts::of;
    }

    /** Shows what {@code shows} allows; names owners from the teams and the tiers. */
    private static final class Disclosure implements PolicyDisclosure {

        interface Shows {
            boolean test(@Nullable String namespace, String tier);
        }

        private record Key(@Nullable String namespace, String tier) {}

        private final List<Team> teams;
        private final Function<String, TierFacts.Facts> tiers;
        private final Shows shows;
        private final Map<Key, Boolean> shown = new HashMap<>();

        Disclosure(List<Team> teams, Function<String, TierFacts.Facts> tiers, Shows shows) {
            this.teams = teams;
            this.tiers = tiers;
            this.shows = shows;
        }

        @Override
        public boolean shows(@Nullable String namespace, String tier) {
            Key key = new Key(namespace, tier);
            Boolean known = shown.get(key);
            if (known != null) {
                return known;
            }
            boolean answer = shows.test(namespace, tier);
            if (shown.size() < DISCLOSURE_MEMO_LIMIT) {
                shown.put(key, answer);
            }
            return answer;
        }

        @Override
        public String owner(@Nullable String namespace, String tier) {
            if (namespace == null) {
                List<String> owners = tiers.apply(tier).owners();
                return owners.isEmpty()
                        ? "the platform and security admins"
                        : "the owners of tier " + tier + ", " + String.join(", ", owners);
            }
            List<String> owning = teams.stream()
                    .filter(t -> t.owns(namespace))
                    .map(Team::name)
                    .toList();
            return owning.isEmpty() ? "no team (namespace " + namespace + ")" : AccessRules.teamWords(owning);
        }
    }
}
