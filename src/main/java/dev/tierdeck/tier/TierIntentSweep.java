package dev.tierdeck.tier;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.system.leader.LeaderLock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles tier changes whose outcome was never recorded (the API server did not answer, the database failed after the
 * cluster changed, the portal stopped): after {@link #SETTLE_AFTER}, the cluster is read back; when it holds the
 * change, the governance and the audit record are written, otherwise the intent is dropped, as nothing happened. One
 * replica at a time; settling twice is impossible anyway ({@link AuditIntents#settle}).
 */
@Component
class TierIntentSweep {

    /** Far longer than a request's cluster call may take, so an intent still in flight is never judged. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(TierIntentSweep.class);

    private final AuditIntents intents;
    private final TierStack stack;
    private final TierAdministration administration;
    private final LeaderLock leader;

    TierIntentSweep(AuditIntents intents, TierStack stack, TierAdministration administration, LeaderLock leader) {
        this.intents = intents;
        this.stack = stack;
        this.administration = administration;
        this.leader = leader;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void sweep() {
        leader.runIfLeader("tier-intents", () -> settle(SETTLE_AFTER));
    }

    /** Settles every tier intent older than {@code age}; skipped while the cluster cache may be behind. */
    void settle(Duration age) {
        TierStack.Snapshot snapshot = stack.snapshot();
        if (snapshot.stale()) {
            return;
        }
        for (AuditIntent intent : intents.pending("tier.", age)) {
            TierIntent change = TierIntent.of(intent.payloadJson());
            if (change.heldBy(snapshot.state().tier(change.name()))) {
                administration.complete(intent, change, "confirmed by reading the cluster back");
                log.info(
                        "settled {} of tier {}: the cluster holds it",
                        intent.entry().action(),
                        change.name());
            } else {
                intents.abandon(intent.id());
                log.info(
                        "dropped {} of tier {}: the cluster does not hold it",
                        intent.entry().action(),
                        change.name());
            }
        }
    }
}
