package dev.tierdeck.promotion;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.system.leader.LeaderLock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles the policy changes whose outcome in the database was never recorded ({@link ClusterChangeIntents}): when the
 * cluster holds what the change was about to write, the change happened and gets its audit record; when it does not,
 * the intent is dropped. Skipped while the cluster view may be behind.
 */
@Component
class PromotionIntentSweep {

    /** Long after any stage, promotion or withdrawal request has finished. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(PromotionIntentSweep.class);

    private final AuditIntents intents;
    private final ClusterReader cluster;
    private final LeaderLock leader;

    PromotionIntentSweep(AuditIntents intents, ClusterReader cluster, LeaderLock leader) {
        this.intents = intents;
        this.cluster = cluster;
        this.leader = leader;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT45S")
    void sweep() {
        leader.runIfLeader("promotion-intents", () -> settle(SETTLE_AFTER));
    }

    void settle(Duration age) {
        ClusterSnapshot snapshot = cluster.snapshot();
        if (snapshot.stale()) {
            return;
        }
        for (AuditIntent intent : intents.pending(ClusterChangeIntents.PREFIX, age)) {
            List<String> held = ClusterChangeIntents.heldBy(intent, snapshot);
            if (held.isEmpty()) {
                intents.abandon(intent.id());
                log.info(
                        "dropped {} of {}: the cluster does not hold it",
                        intent.entry().action(),
                        target(intent));
            } else {
                intents.settle(intent.id(), "confirmed by reading the cluster back: " + String.join(", ", held));
                log.info(
                        "settled {} of {}: the cluster holds it", intent.entry().action(), target(intent));
            }
        }
    }

    private static String target(AuditIntent intent) {
        String namespace = intent.entry().namespace();
        return (namespace == null ? "" : namespace + "/") + intent.entry().targetName();
    }
}
