package dev.tierdeck.tier;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
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
    private final TierAudit audit;
    private final Permissions permissions;

    TierAdministration(
            TierStack stack,
            TierGovernanceStore governance,
            ClusterTiers cluster,
            TierAudit audit,
            Permissions permissions) {
        this.stack = stack;
        this.governance = governance;
        this.cluster = cluster;
        this.audit = audit;
        this.permissions = permissions;
    }

    List<TierView> list(CurrentUser user) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return stack.tiers(user);
    }

    TierView get(CurrentUser user, String name) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        return find(user, stack.snapshot(), name);
    }

    /** The tier for its edit form: only those who may change it get it. */
    TierView forEditing(CurrentUser user, String name) {
        TierView tier = get(user, name);
        permissions.require(user, Action.ADMINISTER, Resource.tier(name));
        return tier;
    }

    @Transactional
    TierView create(CurrentUser user, TierInput input, @Nullable String reason) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        reject(withReason(TierValidation.problems(input, user.groups()), reason));
        TierStack.Snapshot snapshot = stack.snapshot();
        if (snapshot.state().tier(input.name()) != null) {
            throw TierProblem.conflict("A tier named " + input.name() + " already exists.");
        }
        permissions.require(user, Action.ADMINISTER, Resource.tier(input.name()));
        TierSettings settings = settings(input);
        governance.save(input.name(), settings, user);
        Double order = TierValidation.order(input.order());
        RuleAction action = action(input);
        String version = cluster.create(acting(user), input.name(), order, action);
        // The watch cache may not have seen the new tier yet: answer with what was written.
        TierView created = new TierView(input.name(), order, action.name(), false, version, settings, true, List.of());
        audit.tier(user, "tier.created", input.name(), null, created, reason);
        return created;
    }

    @Transactional
    TierView update(CurrentUser user, String name, TierInput input, @Nullable String reason) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        TierStack.Snapshot snapshot = stack.snapshot();
        TierView current = find(user, snapshot, name);
        permissions.require(user, Action.ADMINISTER, Resource.tier(name));
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
        reject(withReason(TierValidation.problems(named, user.groups()), reason));
        TierSettings settings = settings(named);
        governance.save(name, settings, user);
        Double order = current.builtIn() ? current.order() : TierValidation.order(named.order());
        RuleAction action = current.builtIn() ? RuleAction.valueOf(current.defaultAction()) : action(named);
        String version = current.resourceVersion();
        if (!Objects.equals(order, current.order()) || !action.name().equals(current.defaultAction())) {
            version = cluster.replace(acting(user), name, order, action, current.resourceVersion());
        }
        TierView updated = new TierView(
                name,
                order,
                action.name(),
                current.builtIn(),
                version,
                settings,
                permissions.allows(user, Action.ADMINISTER, Resource.tier(name)),
                current.policies());
        audit.tier(user, "tier.updated", name, current, updated, reason);
        return updated;
    }

    @Transactional
    void delete(CurrentUser user, String name, @Nullable String reason) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        TierStack.Snapshot snapshot = stack.snapshot();
        TierView current = find(user, snapshot, name);
        permissions.require(user, Action.ADMINISTER, Resource.tier(name));
        reject(withReason(List.of(), reason));
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
        audit.tier(user, "tier.deleted", name, current, null, reason);
    }

    private TierView find(CurrentUser user, TierStack.Snapshot snapshot, String name) {
        return stack.tiers(user, snapshot).stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> TierProblem.notFound(name));
    }

    /** The comment ends up in the audit trail, which keeps at most {@value GuardrailAdministration#MAX_COMMENT}. */
    private static List<InvalidField> withReason(List<InvalidField> problems, @Nullable String reason) {
        if (reason == null || reason.trim().length() <= GuardrailAdministration.MAX_COMMENT) {
            return problems;
        }
        List<InvalidField> all = new java.util.ArrayList<>(problems);
        all.add(new InvalidField(
                "comment", "The comment has at most " + GuardrailAdministration.MAX_COMMENT + " characters."));
        return all;
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
