package dev.tierdeck.tier;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating, changing and deleting tiers. Every operation checks, in this order and before touching anything: the
 * admin role, that the tier exists, that the admin may change it (locked tiers: owners only), and the input (the
 * comment too, which goes into the audit trail). A change of the cluster (made as the signed-in admin) is recorded as
 * an intent with its audit entry first; the governance row and the audit record are written together once the cluster
 * has taken the change, and nothing is written when it refused. An intent left unsettled is settled by
 * {@link TierIntentSweep} after reading the cluster back: the change has its audit record or did not happen.
 */
@Component
class TierAdministration {

    private final TierStack stack;
    private final TierGovernanceStore governance;
    private final ClusterTiers cluster;
    private final TierAudit audit;
    private final Permissions permissions;
    private final AuditIntents intents;
    private final TransactionTemplate transaction;

    TierAdministration(
            TierStack stack,
            TierGovernanceStore governance,
            ClusterTiers cluster,
            TierAudit audit,
            Permissions permissions,
            AuditIntents intents,
            PlatformTransactionManager transactions) {
        this.stack = stack;
        this.governance = governance;
        this.cluster = cluster;
        this.audit = audit;
        this.permissions = permissions;
        this.intents = intents;
        this.transaction = new TransactionTemplate(transactions);
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

    TierView create(CurrentUser user, TierInput input, @Nullable String reason) {
        permissions.require(user, Action.ADMINISTER, Resource.PORTAL);
        reject(withReason(TierValidation.problems(input, user.groups()), reason));
        TierStack.Snapshot snapshot = stack.snapshot();
        if (snapshot.state().tier(input.name()) != null) {
            throw TierProblem.conflict("A tier named " + input.name() + " already exists.");
        }
        permissions.require(user, Action.ADMINISTER, Resource.tier(input.name()));
        TierSettings settings = settings(input);
        Double order = TierValidation.order(input.order());
        RuleAction action = action(input);
        TierView intended = new TierView(input.name(), order, action.name(), false, null, settings, true, List.of());
        TierIntent change = new TierIntent(TierIntent.CREATE, input.name(), order, action, settings, author(user));
        AuditIntent intent =
                intents.intend(audit.entry(user, "tier.created", input.name(), null, intended, reason), change.json());
        String version = inCluster(intent, () -> cluster.create(acting(user), input.name(), order, action));
        complete(intent, change);
        // The watch cache may not have seen the new tier yet: answer with what was written.
        return new TierView(input.name(), order, action.name(), false, version, settings, true, List.of());
    }

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
        Double order = current.builtIn() ? current.order() : TierValidation.order(named.order());
        RuleAction action = current.builtIn() ? RuleAction.valueOf(current.defaultAction()) : action(named);
        TierView updated = new TierView(
                name,
                order,
                action.name(),
                current.builtIn(),
                current.resourceVersion(),
                settings,
                permissions.allows(user, Action.ADMINISTER, Resource.tier(name)),
                current.policies());
        if (Objects.equals(order, current.order()) && action.name().equals(current.defaultAction())) {
            // Only Tierdeck's governance changes: one database transaction holds the change and its record.
            transaction.executeWithoutResult(status -> {
                governance.save(name, settings, user);
                audit.tier(user, "tier.updated", name, current, updated, reason);
            });
            return updated;
        }
        TierIntent change = new TierIntent(TierIntent.UPDATE, name, order, action, settings, author(user));
        AuditIntent intent =
                intents.intend(audit.entry(user, "tier.updated", name, current, updated, reason), change.json());
        String version =
                inCluster(intent, () -> cluster.replace(acting(user), name, order, action, current.resourceVersion()));
        complete(intent, change);
        return new TierView(
                name,
                order,
                action.name(),
                current.builtIn(),
                version,
                settings,
                permissions.allows(user, Action.ADMINISTER, Resource.tier(name)),
                current.policies());
    }

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
        TierIntent change = new TierIntent(
                TierIntent.DELETE,
                name,
                current.order(),
                RuleAction.valueOf(current.defaultAction()),
                current.settings(),
                author(user));
        AuditIntent intent =
                intents.intend(audit.entry(user, "tier.deleted", name, current, null, reason), change.json());
        inCluster(intent, () -> {
            cluster.delete(acting(user), name, current.resourceVersion());
            return null;
        });
        complete(intent, change);
    }

    /**
     * Makes the cluster change of a recorded intent. A refusal abandons the intent (nothing happened); an unknown
     * outcome (the API server could not be reached or did not answer) leaves it for {@link TierIntentSweep}.
     */
    private @Nullable String inCluster(AuditIntent intent, Supplier<@Nullable String> write) {
        try {
            return write.get();
        } catch (ClusterUnavailableException unknown) {
            throw unknown;
        } catch (RuntimeException refused) {
            intents.abandon(intent.id());
            throw refused;
        }
    }

    /** The governance change and the audit record, together; done once only, here or by the sweep. */
    void complete(AuditIntent intent, TierIntent change) {
        complete(intent, change, null);
    }

    void complete(AuditIntent intent, TierIntent change, @Nullable String note) {
        transaction.executeWithoutResult(status -> {
            boolean settled = note == null ? intents.settle(intent.id()) : intents.settle(intent.id(), note);
            if (!settled) {
                return;
            }
            if (change.operation().equals(TierIntent.DELETE)) {
                governance.delete(change.name());
            } else {
                governance.save(change.name(), change.settings(), change.author());
            }
        });
    }

    private static String author(CurrentUser user) {
        return GuardrailStore.author(user);
    }

    private TierView find(CurrentUser user, TierStack.Snapshot snapshot, String name) {
        return stack.tiers(user, snapshot).stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> TierProblem.notFound(name));
    }

    /** The comment ends up in the audit trail: checked with the input, before anything is written anywhere. */
    private static List<InvalidField> withReason(List<InvalidField> problems, @Nullable String reason) {
        String problem = GuardrailAdministration.commentProblem(reason);
        if (problem == null) {
            return problems;
        }
        List<InvalidField> all = new java.util.ArrayList<>(problems);
        all.add(new InvalidField("comment", problem));
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
