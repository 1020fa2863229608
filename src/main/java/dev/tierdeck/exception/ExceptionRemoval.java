package dev.tierdeck.exception;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterException;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.ObjectRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an expired or revoked exception's policy off the cluster, as the admin who granted it (the portal's own
 * account never writes policies), and records it only once the cluster confirmed: the delete succeeded, or the
 * cluster's current view no longer holds the policy. A refusal or an unreachable cluster leaves the removal owed in
 * PostgreSQL, with the cluster's answer, for the next attempt.
 */
@Component
class ExceptionRemoval {

    private static final Logger log = LoggerFactory.getLogger(ExceptionRemoval.class);

    private final ExceptionStore store;
    private final ClusterReader cluster;
    private final ClusterWriter writer;
    private final AuditLog audit;
    private final AuditIntents intents;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExceptionRemoval(
            ExceptionStore store,
            ClusterReader cluster,
            ClusterWriter writer,
            AuditLog audit,
            AuditIntents intents,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            ExceptionClock clock) {
        this.store = store;
        this.cluster = cluster;
        this.writer = writer;
        this.audit = audit;
        this.intents = intents;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock.clock();
    }

    static ObjectRef ref(String policyName) {
        return new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, policyName);
    }

    /** The exception's policy in the cache's current view; empty when it has none or the view is stale. */
    static Optional<Map<String, Object>> held(ClusterSnapshot snapshot, String policyName) {
        return snapshot.find(ref(policyName));
    }

    /**
     * One attempt.
     *
     * @return whether the policy is confirmed gone (and that is recorded)
     */
    boolean remove(PolicyException e) {
        if (!e.removalOwed()) {
            return true;
        }
        String name = Objects.requireNonNull(e.policyName());
        ClusterSnapshot snapshot = cluster.snapshot();
        if (snapshot.stale()) {
            store.removalFailed(e.id(), "The cluster cannot be read right now; the removal is retried.");
            return false;
        }
        Optional<Map<String, Object>> held = held(snapshot, name);
        if (held.isEmpty()) {
            return confirm(e, null, "the cluster no longer holds it");
        }
        String version = resourceVersion(held.get());
        PolicyException.Person approver = Objects.requireNonNull(e.approver());
        AuditIntent intent = intents.intend(
                ExceptionAudit.entry(
                        ExceptionAudit.system(),
                        "removed",
                        e,
                        "policy " + name + " removed from tier " + e.tier() + " as " + approver.username(),
                        dev.tierdeck.engine.manifest.ManifestWriter.toYaml(held.get()),
                        null,
                        null),
                "{\"id\":" + e.id() + "}");
        try {
            writer.delete(new ActingUser(approver.username(), e.approverGroups()), ref(name), version);
        } catch (ClusterNotFoundException gone) {
            return confirm(e, intent, "it was already gone");
        } catch (ClusterException failed) {
            intents.abandon(intent.id());
            store.removalFailed(e.id(), failed.getMessage() == null ? "the cluster refused" : failed.getMessage());
            log.warn(
                    "Removal of exception {}'s policy {} failed, retried later: {}", e.id(), name, failed.getMessage());
            return false;
        }
        return confirm(e, intent, null);
    }

    /** Best effort, for a grant that lost a race: the policy it wrote goes again. */
    void takeBack(ActingUser acting, PolicyException e) {
        ClusterSnapshot snapshot = cluster.snapshot();
        held(snapshot, Objects.requireNonNull(e.policyName())).ifPresent(object -> {
            try {
                writer.delete(acting, ref(e.policyName()), resourceVersion(object));
            } catch (ClusterException failed) {
                log.warn("Could not take back the policy {} of a grant that lost a race", e.policyName());
            }
        });
    }

    /** Records the removal (the intent's entry, or a new one when the cluster had no policy left to delete). */
    boolean confirm(PolicyException e, @Nullable AuditIntent intent, @Nullable String note) {
        Instant now = clock.instant();
        Boolean recorded = transaction.execute(status -> {
            if (!store.removed(e.id(), now)) {
                status.setRollbackOnly();
                return false;
            }
            if (intent != null) {
                if (note == null ? !intents.settle(intent.id()) : !intents.settle(intent.id(), note)) {
                    status.setRollbackOnly();
                    return false;
                }
            } else {
                audit.record(ExceptionAudit.entry(
                        ExceptionAudit.system(),
                        "removed",
                        e,
                        "policy " + e.policyName() + " confirmed gone from tier " + e.tier() + ": " + note,
                        null,
                        null,
                        null));
            }
            return true;
        });
        if (!Boolean.TRUE.equals(recorded)) {
            if (intent != null) {
                intents.abandon(intent.id());
            }
            return store.find(e.id()).map(f -> f.removedAt() != null).orElse(false);
        }
        log.info("Exception {} ({}): policy {} removed from the cluster", e.id(), e.state(), e.policyName());
        events.publishEvent(new ExceptionExpired(
                e.id(),
                e.namespace(),
                e.tier(),
                e.requester().username(),
                Objects.requireNonNull(e.approver()).username(),
                e.flowWords(),
                e.state().name(),
                now));
        return true;
    }

    private static String resourceVersion(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> m && m.get("resourceVersion") != null
                ? m.get("resourceVersion").toString()
                : "";
    }
}
