package dev.tierdeck.cluster.web;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.system.leader.LeaderLock;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Settles drift restores whose outcome was never recorded: once the reconciler no longer reports the drift, the restore
 * went through and gets its audit record; while it still does, the restore did not happen and its intent is dropped.
 */
@Component
class DriftIntentSweep {

    /** Long after any restore request has finished, and after the reconciler has looked again. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditIntents intents;
    private final ClusterDrift drift;
    private final LeaderLock leader;

    DriftIntentSweep(AuditIntents intents, ClusterDrift drift, LeaderLock leader) {
        this.intents = intents;
        this.drift = drift;
        this.leader = leader;
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void sweep() {
        leader.runIfLeader("drift-intents", () -> settle(SETTLE_AFTER));
    }

    void settle(Duration age) {
        for (AuditIntent intent : intents.pending("drift.", age)) {
            String id = JSON.readTree(intent.payloadJson()).path("driftId").asString();
            if (drift.drift().stream().noneMatch(d -> d.id().equals(id))) {
                intents.settle(intent.id(), "confirmed: the reconciler no longer finds the drift");
            } else {
                intents.abandon(intent.id());
            }
        }
    }
}
