package dev.tierdeck.notification;

import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.Drift;
import dev.tierdeck.system.leader.LeaderLock;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces drift: the reconciler finds it again on every run, so each drift is noticed once (remembered in
 * {@code drift_notice}, in the transaction that writes its deliveries), on the leader only.
 */
@Component
class DriftNotices {

    static final String TASK = "drift-notices";

    private final ClusterDrift drift;
    private final Outbox outbox;
    private final LeaderLock leader;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    DriftNotices(ClusterDrift drift, Outbox outbox, LeaderLock leader, TransactionTemplate transaction) {
        this.drift = drift;
        this.outbox = outbox;
        this.leader = leader;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void scheduled() {
        leader.runIfLeader(TASK, this::notice);
    }

    /** @return how many drifts were announced now */
    int notice() {
        int announced = 0;
        for (Drift d : drift.drift()) {
            Boolean fresh = transaction.execute(status -> {
                int inserted = outbox.remember(
                        d.id().length() > 600 ? d.id().substring(0, 600) : d.id(),
                        Timestamp.from(d.detectedAt()),
                        Timestamp.from(clock.instant()));
                if (inserted == 0) {
                    return false;
                }
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("object", d.ref().toString());
                details.put("reason", d.reason().name());
                details.put("tier", d.tier());
                details.put("detectedAt", d.detectedAt().toString());
                outbox.enqueue(Notice.of(
                        EventType.DRIFT_DETECTED,
                        clock.instant(),
                        d.ref() + " changed in the cluster outside Tierdeck ("
                                + d.reason()
                                        .name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', ' ') + ").",
                        "/admin/drift",
                        details));
                return true;
            });
            announced += Boolean.TRUE.equals(fresh) ? 1 : 0;
        }
        return announced;
    }
}
