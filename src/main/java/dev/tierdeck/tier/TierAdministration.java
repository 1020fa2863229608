package dev.tierdeck.tier;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.identity.CurrentUser;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing and deleting tiers. Every operation checks, in this order and before touching anything: the
 * admin role, that the tier exists, that the admin may change it (locked tiers: owners only), and the input. The
 * governance row is written in the same transaction as the cluster write, which is made as the signed-in admin; a
 * refused cluster write leaves the governance unchanged.
 */
@Component
class TierAdministration {

    private final TierStack stack;
    private final TierGovernanceStore governance;
    private final ClusterTiers cluster;

    TierAdministration(TierStack stack, TierGovernanceStore governance, ClusterTiers cluster) {
        this.stack = stack;
        this.governance = governance;
        this.cluster = cluster;
    }

    List<TierView> list(CurrentUser user) {
        AdminAccess.requireAdmin(user);
        return stack.tiers(user);
    }

    TierView get(CurrentUser user, String name) {
        AdminAccess.requireAdmin(user);
        return find(user, stack.snapshot(), name);
    }

    /** The tier for its edit form: only those who may change it get it. */
    TierView forEditing(CurrentUser user, String name) {
        TierView tier = get(user, name);
        AdminAccess.requireEditable(user, name, tier.settings());
        return tier;
    }

    @Transactional
    TierView create(CurrentUser user, TierInput input) {
        AdminAccess.requireAdmin(user);
        reject(TierValidation.problems(input, user.groups()));
        TierStack.Snapshot snapshot = stack.snapshot();
        if (snapshot.state().tier(input.name()) != null) {
            throw TierProblem.conflict("A tier named " + input.name() + " already exists.");
        }
        AdminAccess.requireEditable(user, input.name(), governance.settings(input.name()));
        TierSettings settings = settings(input);
        governance.save(input.name(), settings, user);
        Double order = TierValidation.order(input.order());
        RuleAction action = action(input);
        String version = cluster.create(acting(user), input.name(), order, action);
        // The watch cache may not have seen the new tier yet: answer with what was written.
        return new TierView(input.name(), order, action.name(), false, version, settings, true, List.of());
    }

    @Transactional
    TierView update(CurrentUser user, String name, TierInput input) {
        AdminAccess.requireAdmin(user);
        TierStack.Snapshot snapshot = stack.snapshot();
        TierView current = find(user, snapshot, name);
        AdminAccess.requireEditable(user, name, current.settings());
        if (!input.name().isEmpty() && !input.name().equals(name)) {
            throw TierProblem.invalid(
                    List.of(new InvalidField("name", "A tier cannot be renamed; create a new tier instead.")));
        }
        TierInput named = new TierInput(
                name,
                input.order(),
                input.defaultAction(),
                input.locked(),
                input.owners(),
                input.developerTier(),
                input.purpose(),
                input.confidential());
        reject(TierValidation.problems(named, user.groups()));
        TierSettings settings = settings(named);
        governance.save(name, settings, user);
        Double order = current.builtIn() ? current.order() : TierValidation.order(named.order());
        RuleAction action = current.builtIn() ? RuleAction.valueOf(current.defaultAction()) : action(named);
        String version = current.resourceVersion();
        if (!Objects.equals(order, current.order()) || !action.name().equals(current.defaultAction())) {
            version = cluster.replace(acting(user), name, order, action, current.resourceVersion());
        }
        return new TierView(
                name,
                order,
                action.name(),
                current.builtIn(),
                version,
                settings,
                TierGovernanceStore.mayEdit(user, settings),
                current.policies());
    }

    @Transactional
    void delete(CurrentUser user, String name) {
        AdminAccess.requireAdmin(user);
        TierStack.Snapshot snapshot = stack.snapshot();
        TierView current = find(user, snapshot, name);
        AdminAccess.requireEditable(user, name, current.settings());
        if (current.builtIn()) {
            throw TierProblem.conflict("The tier " + name + " is built into Calico and cannot be deleted.");
        }
        long policies = snapshot.policiesIn(name);
        if (policies > 0) {
            throw TierProblem.conflict("The tier " + name + " still holds " + policies
                    + (policies == 1 ? " policy" : " policies") + "; move or delete "
                    + (policies == 1 ? "it" : "them") + " before deleting the tier.");
        }
        governance.delete(name);
        cluster.delete(acting(user), name, current.resourceVersion());
    }

    private TierView find(CurrentUser user, TierStack.Snapshot snapshot, String name) {
        return stack.tiers(user, snapshot).stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> TierProblem.notFound(name));
    }

    private static void reject(List<InvalidField> problems) {
        if (!problems.isEmpty()) {
            throw TierProblem.invalid(problems);
        }
    }

    private static TierSettings settings(TierInput input) {
        return new TierSettings(
                input.locked(), input.owners(), input.developerTier(), input.purpose(), input.confidential());
    }

    private static RuleAction action(TierInput input) {
        RuleAction action = TierValidation.defaultAction(input.defaultAction());
        return action == null ? RuleAction.Deny : action;
    }

    /** The cluster sees the admin as themselves: built from the server-side identity only. */
    static ActingUser acting(CurrentUser user) {
        return new ActingUser(user.username(), List.copyOf(user.groups()));
    }
}
