package dev.tierdeck.exception;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.cluster.WriteOutcome;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deciding an exception as an owner of its tier (grant, reject) and taking it back early (revoke). Granting writes the
 * exception's policy as the approving admin (impersonated), recording the audit intent before the cluster is touched
 * and settling it with the state change in one transaction; an intent left behind is settled by {@link
 * ExceptionExpiry} after reading the cluster back.
 */
@Service
class ExceptionDecisions {

    private static final Logger log = LoggerFactory.getLogger(ExceptionDecisions.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExceptionStore store;
    private final ExceptionRequests requests;
    private final Permissions permissions;
    private final ClusterReader cluster;
    private final ClusterWriter writer;
    private final AuditLog audit;
    private final AuditIntents intents;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final ExceptionRemoval removal;
    private final Clock clock;

    ExceptionDecisions(
            ExceptionStore store,
            ExceptionRequests requests,
            Permissions permissions,
            ClusterReader cluster,
            ClusterWriter writer,
            AuditLog audit,
            AuditIntents intents,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            ExceptionRemoval removal,
            ExceptionClock clock) {
        this.store = store;
        this.requests = requests;
        this.permissions = permissions;
        this.cluster = cluster;
        this.writer = writer;
        this.audit = audit;
        this.intents = intents;
        this.transaction = transaction;
        this.events = events;
        this.removal = removal;
        this.clock = clock.clock();
    }

    /** What a grant's audit intent carries, to complete the grant after a crash. */
    record GrantIntent(
            long id,
            String approver,
            String approverName,
            List<String> groups,
            ExceptionScope scope,
            long seconds,
            @Nullable String comment,
            Instant decidedAt) {}

    /**
     * Grants a pending exception for {@code duration} (null: as long as asked; never longer) within {@code scope}
     * (null: as asked; never wider).
     */
    PolicyException grant(
            CurrentUser user,
            long id,
            @Nullable String duration,
            @Nullable ExceptionScope scope,
            @Nullable String comment) {
        PolicyException e = visible(user, id);
        permissions.require(
                user,
                Action.GRANT_EXCEPTION,
                Resource.change(null, e.tier(), e.requester().username()));
        Duration length = duration == null || duration.isBlank()
                ? e.requestedDuration()
                : requests.duration(duration, "duration");
        if (length.compareTo(e.requestedDuration()) > 0) {
            throw ExceptionProblem.invalid(
                    "duration",
                    "The requester asked for " + ExceptionRequests.words(e.requestedDuration())
                            + "; grant that long or shorter.");
        }
        ExceptionScope granted = scope == null ? e.requested() : scope;
        if (!granted.within(e.requested())) {
            throw ExceptionProblem.invalid("scope", "Grant the scope asked for or a narrower one, never a wider one.");
        }
        String text = comment(comment, false);
        Instant now = clock.instant();
        PolicyException active =
                e.granted(ExceptionRequests.person(user), List.copyOf(user.groups()), granted, length, text, now);
        ExceptionPolicy policy = policy(active);

        String after = ManifestWriter.toYaml(List.of(policy.enforced()));
        AuditIntent intent = intents.intend(
                ExceptionAudit.entry(
                        Actor.of(user),
                        "granted",
                        active,
                        "granted for " + ExceptionRequests.words(length) + " until " + active.expiresAt()
                                + (text == null ? "" : ": " + text),
                        null,
                        after,
                        null),
                JSON.writeValueAsString(new GrantIntent(
                        id,
                        user.username(),
                        user.displayName(),
                        List.copyOf(user.groups()),
                        granted,
                        length.toSeconds(),
                        text,
                        now)));
        ActingUser acting = new ActingUser(user.username(), List.copyOf(user.groups()));
        try {
            write(acting, policy);
        } catch (ClusterException refused) {
            intents.abandon(intent.id());
            throw refused;
        }
        Boolean done = transaction.execute(status -> {
            if (!intents.settle(intent.id())) {
                return false;
            }
            if (!store.update(active, ExceptionState.PENDING)) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            // decided by someone else meanwhile: what this request wrote must not stay
            removal.takeBack(acting, active);
            intents.abandon(intent.id());
            throw new ExceptionProblem(
                    ExceptionProblem.Kind.CONFLICT, "Exception " + id + " was decided meanwhile; reload it.", null);
        }
        events.publishEvent(new ExceptionGranted(
                id,
                active.namespace(),
                active.tier(),
                active.requester().username(),
                user.username(),
                active.flowWords(),
                java.util.Objects.requireNonNull(active.expiresAt())));
        return store.find(id).orElseThrow();
    }

    PolicyException reject(CurrentUser user, long id, @Nullable String comment) {
        PolicyException e = visible(user, id);
        permissions.require(
                user,
                Action.GRANT_EXCEPTION,
                Resource.change(null, e.tier(), e.requester().username()));
        String text = java.util.Objects.requireNonNull(comment(comment, true));
        PolicyException rejected = e.rejected(ExceptionRequests.person(user), text, clock.instant());
        return transaction.execute(status -> {
            if (!store.update(rejected, ExceptionState.PENDING)) {
                throw new ExceptionProblem(
                        ExceptionProblem.Kind.CONFLICT, "Exception " + id + " was decided meanwhile; reload it.", null);
            }
            audit.record(ExceptionAudit.entry(Actor.of(user), "rejected", rejected, text, null, null, null));
            return store.find(id).orElseThrow();
        });
    }

    /**
     * Ends an active exception before its time: its requester (no longer needed) or an owner of its tier. The policy is
     * removed at once when the cluster answers, else by the background job.
     */
    PolicyException revoke(CurrentUser user, long id, @Nullable String comment) {
        PolicyException e = visible(user, id);
        boolean requester = user.username().equals(e.requester().username())
                && permissions.allows(user, Action.REQUEST_EXCEPTION, Resource.namespace(e.namespace()));
        if (!requester) {
            permissions.require(user, Action.GRANT_EXCEPTION, Resource.tier(e.tier()));
        }
        String text = comment(comment, false);
        PolicyException revoked = e.ended(ExceptionState.REVOKED);
        transaction.executeWithoutResult(status -> {
            if (!store.update(revoked, ExceptionState.ACTIVE)) {
                throw new ExceptionProblem(
                        ExceptionProblem.Kind.CONFLICT, "Exception " + id + " ended meanwhile; reload it.", null);
            }
            audit.record(ExceptionAudit.entry(Actor.of(user), "revoked", revoked, text, null, null, null));
        });
        try {
            removal.remove(store.find(id).orElseThrow());
        } catch (RuntimeException later) {
            log.warn("Exception {} revoked; its policy is removed by the next sweep: {}", id, later.getMessage());
        }
        return store.find(id).orElseThrow();
    }

    /** The exception, if the caller may see it; otherwise "not found", so that nobody learns another team's. */
    PolicyException visible(CurrentUser user, long id) {
        PolicyException e = store.find(id)
                .orElseThrow(() -> new ExceptionProblem(
                        ExceptionProblem.Kind.NOT_FOUND, "There is no exception " + id + ".", null));
        if (!ExceptionViews.sees(permissions, user, e)) {
            throw new ExceptionProblem(ExceptionProblem.Kind.NOT_FOUND, "There is no exception " + id + ".", null);
        }
        return e;
    }

    /** The policy of a granted exception, placed before the tier's denying step on the cluster as it is now. */
    ExceptionPolicy policy(PolicyException active) {
        CompiledCluster compiled = cluster.compiled();
        Flow flow = FlowReader.read("flow", active.flowJson()).flows().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("stored flow of exception " + active.id()));
        List<DenialFinder.Denial> denials =
                DenialFinder.inTier(compiled.evaluate(flow).enforced(), active.tier());
        if (denials.isEmpty()) {
            throw ExceptionProblem.invalid(
                    "flow",
                    "Tier " + active.tier() + " no longer denies this flow; there is nothing to grant. Reject the"
                            + " request with that reason.");
        }
        boolean egress = denials.stream().anyMatch(DenialFinder.Denial::egress);
        boolean ingress = denials.stream().anyMatch(d -> !d.egress());
        if (egress && !active.target().source().inCluster()
                || ingress && !active.target().destination().inCluster()) {
            throw ExceptionProblem.invalid(
                    "flow", "The tier denies the flow at an end outside the cluster; no policy can select it.");
        }
        return new ExceptionPolicy(
                active.id(),
                active.tier(),
                DenialFinder.orderBefore(compiled.state(), active.tier(), denials),
                active.target(),
                java.util.Objects.requireNonNull(active.granted()),
                egress,
                ingress,
                java.util.Objects.requireNonNull(active.expiresAt()));
    }

    /** Stages the policy and promotes it at once, as {@code acting}; the staged object never outlives the call. */
    private void write(ActingUser acting, ExceptionPolicy policy) {
        Map<String, Object> staged = new java.util.LinkedHashMap<>(policy.stagedManifest());
        WriteOutcome written = writer.putStaged(acting, staged, null);
        Map<String, Object> metadata = new java.util.LinkedHashMap<>(cast(staged.get("metadata")));
        metadata.put("resourceVersion", written.resourceVersion());
        staged.put("metadata", metadata);
        try {
            writer.promote(acting, "exception-" + policy.id(), staged, null);
        } catch (ClusterException e) {
            try {
                writer.delete(
                        acting,
                        new ObjectRef(ClusterKind.STAGED_GLOBAL_NETWORK_POLICY, null, policy.name()),
                        String.valueOf(written.resourceVersion()));
            } catch (ClusterException ignored) {
                log.warn("Could not remove the staged policy {} after a failed grant", policy.name());
            }
            throw e;
        }
    }

    private static @Nullable String comment(@Nullable String comment, boolean required) {
        if (comment == null || comment.isBlank()) {
            if (required) {
                throw ExceptionProblem.invalid("comment", "Say why: a rejection needs a reason for the requester.");
            }
            return null;
        }
        String problem = dev.tierdeck.engine.text.TextInput.problem(
                comment, dev.tierdeck.engine.text.TextInput.Kind.TEXT, ExceptionRequests.REASON_LIMIT);
        if (problem != null) {
            throw ExceptionProblem.invalid("comment", "The comment " + problem + ".");
        }
        return comment.strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(@Nullable Object map) {
        return map instanceof Map<?, ?> m ? (Map<String, Object>) m : new java.util.LinkedHashMap<>();
    }
}
