package dev.tierdeck.assertion;

import dev.tierdeck.system.leader.LeaderLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Judges the cluster and the observed flows against the assertions once a minute on one replica, so that a violation
 * is announced ({@link AssertionViolated}) even when nobody opens the assertions page. Cheap when nothing changed:
 * both judgements are kept for the cluster state, the assertion set and the minute.
 */
@Component
class AssertionSweep {

    private static final Logger log = LoggerFactory.getLogger(AssertionSweep.class);

    private final ClusterAssertions cluster;
    private final ObservedContradictions observed;
    private final AssertionStore store;
    private final LeaderLock leader;

    AssertionSweep(
            ClusterAssertions cluster, ObservedContradictions observed, AssertionStore store, LeaderLock leader) {
        this.cluster = cluster;
        this.observed = observed;
        this.store = store;
        this.leader = leader;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void sweep() {
        leader.runIfLeader("assertions", () -> {
            try {
                if (store.countAll() > 0) {
                    cluster.today();
                    observed.current();
                }
            } catch (RuntimeException e) {
                // the cluster may be loading or the database away: the next round tries again
                log.warn("assertions not judged this round: {}", e.getMessage());
            }
        });
    }
}
