package dev.tierdeck.exception;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.system.leader.LeaderLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The background job, on the leader replica only: reminds the requester and approver of exceptions about to expire
 * (once each, in the portal and as {@link ExceptionExpiring}), expires those whose time ran out, removes the policies
 * of expired and revoked ones until the cluster confirms, and settles grant and removal intents a crash left behind.
 * Everything it needs is in PostgreSQL, so a restart or a new leader picks up where the last run stopped.
 */
@Component
class ExceptionExpiry {

    static final String TASK = "exception-expiry";

    /** Far longer than a grant's or a removal's cluster calls may take, so that an intent in flight is not judged. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(ExceptionExpiry.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExceptionStore store;
    private final ExceptionRemoval removal;
    private final AuditLog audit;
    private final AuditIntents intents;
    private final ClusterReader cluster;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final LeaderLock leader;
    private final ExceptionProperties properties;
    private final Clock clock;

    ExceptionExpiry(
            ExceptionStore store,
            ExceptionRemoval removal,
            AuditLog audit,
            AuditIntents intents,
            ClusterReader cluster,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            LeaderLock leader,
            ExceptionProperties properties,
            ExceptionClock clock) {
        this.store = store;
        this.removal = removal;
        this.audit = audit;
        this.intents = intents;
        this.cluster = cluster;
        this.transaction = transaction;
        this.events = events;
        this.leader = leader;
        this.properties = properties;
        this.clock = clock.clock();
    }

    @Scheduled(
            fixedDelayString = "${tierdeck.exception.sweep-interval:PT30S}",
            initialDelayString = "${tierdeck.exception.sweep-interval:PT30S}")
    void sweep() {
        leader.runIfLeader(TASK, () -> run(SETTLE_AFTER));
    }

    /** One pass; each exception on its own, so that one failure does not hold the others up. */
    void run(Duration settleAfter) {
        Instant now = clock.instant();
        for (PolicyException e : store.unremindedBefore(now.plus(properties.remindBefore()))) {
            if (Objects.requireNonNull(e.expiresAt()).isAfter(now) && store.reminded(e.id(), now)) {
                events.publishEvent(new ExceptionExpiring(
                        e.id(),
                        e.namespace(),
                        e.tier(),
                        e.requester().username(),
                        Objects.requireNonNull(e.approver()).username(),
                        e.flowWords(),
                        e.expiresAt()));
            }
        }
        for (PolicyException e : store.expiredBy(now)) {
            try {
                expire(e);
            } catch (RuntimeException failed) {
                log.warn("Could not expire exception {}: {}", e.id(), failed.getMessage());
            }
        }
        for (PolicyException e : store.removalsOwed()) {
            try {
                removal.remove(e);
            } catch (RuntimeException failed) {
                store.removalFailed(e.id(), String.valueOf(failed.getMessage()));
                log.warn("Removal of exception {} failed, retried later: {}", e.id(), failed.getMessage());
            }
        }
        settle(settleAfter);
    }

    private void expire(PolicyException e) {
        PolicyException expired = e.ended(ExceptionState.EXPIRED);
        transaction.executeWithoutResult(status -> {
            if (store.update(expired, ExceptionState.ACTIVE)) {
                audit.record(ExceptionAudit.entry(
                        ExceptionAudit.system(),
                        "expired",
                        expired,
                        "its time ran out at " + e.expiresAt() + "; the policy " + e.policyName() + " is removed",
                        null,
                        null,
                        null));
            }
        });
    }

    /** Grants and removals whose outcome was never recorded: read the cluster back and complete or drop them. */
    void settle(Duration age) {
        ClusterSnapshot snapshot = cluster.snapshot();
        if (snapshot.stale()) {
            return;
        }
        for (AuditIntent intent : intents.pending(ExceptionAudit.PREFIX, age)) {
            try {
                settle(intent, snapshot);
            } catch (RuntimeException failed) {
                log.warn("Could not settle {}: {}", intent.entry().action(), failed.getMessage());
            }
        }
    }

    private void settle(AuditIntent intent, ClusterSnapshot snapshot) {
        long id = JSON.readTree(intent.payloadJson()).path("id").asLong();
        PolicyException e = store.find(id).orElse(null);
        String name = ExceptionPolicy.name(id);
        boolean held = ExceptionRemoval.held(snapshot, name).isPresent();
        String note = "confirmed by reading the cluster back";
        if (e != null && intent.entry().action().equals(ExceptionAudit.PREFIX + "granted")) {
            if (e.state() != ExceptionState.PENDING || !held) {
                intents.abandon(intent.id());
                return;
            }
            ExceptionDecisions.GrantIntent grant =
                    JSON.readValue(intent.payloadJson(), ExceptionDecisions.GrantIntent.class);
            PolicyException active = e.granted(
                    new PolicyException.Person("", grant.approver(), grant.approver(), grant.approverName()),
                    grant.groups(),
                    grant.scope(),
                    Duration.ofSeconds(grant.seconds()),
                    grant.comment(),
                    grant.decidedAt());
            transaction.executeWithoutResult(status -> {
                if (!intents.settle(intent.id(), note) || !store.update(active, ExceptionState.PENDING)) {
                    status.setRollbackOnly();
                }
            });
            log.info("Settled the grant of exception {}: the cluster holds {}", id, name);
        } else if (e != null && intent.entry().action().equals(ExceptionAudit.PREFIX + "removed")) {
            if (e.removalOwed() && !held) {
                removal.confirm(e, intent, note);
            } else {
                // still held: the removal is tried again by this job; already recorded: nothing to add
                intents.abandon(intent.id());
            }
        } else {
            intents.abandon(intent.id());
        }
    }

    /** For the list: the exceptions of {@code list} whose reminder has gone out and that are still running. */
    static List<PolicyException> reminded(List<PolicyException> list) {
        return list.stream()
                .filter(e -> e.state() == ExceptionState.ACTIVE && e.remindedAt() != null)
                .toList();
    }
}
