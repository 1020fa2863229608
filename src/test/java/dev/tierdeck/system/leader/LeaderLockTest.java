package dev.tierdeck.system.leader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.system.database.SharedTestServer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two replicas, each with its own lock, against one embedded PostgreSQL. */
class LeaderLockTest {

    // its own database: advisory locks are per database, and other test contexts lead their tasks on the shared one
    private final DataSource database = SharedTestServer.database("leader_lock_test");
    private final LeaderLock first = new LeaderLock(database);
    private final LeaderLock second = new LeaderLock(database);
    private final AtomicInteger runsOnFirst = new AtomicInteger();
    private final AtomicInteger runsOnSecond = new AtomicInteger();

    @AfterEach
    void shutDownBothReplicas() {
        first.destroy();
        second.destroy();
    }

    @Test
    void onlyOneOfTwoReplicasRunsATask() {
        for (int round = 0; round < 5; round++) {
            first.runIfLeader("retention", runsOnFirst::incrementAndGet);
            second.runIfLeader("retention", runsOnSecond::incrementAndGet);
        }

        assertThat(runsOnFirst).hasValue(5);
        assertThat(runsOnSecond).hasValue(0);
    }

    @Test
    void differentTasksMayBeLedByDifferentReplicas() {
        assertThat(first.runIfLeader("reconciler", runsOnFirst::incrementAndGet))
                .isTrue();
        assertThat(second.runIfLeader("flow-ingest", runsOnSecond::incrementAndGet))
                .isTrue();

        assertThat(first.lead("flow-ingest")).isFalse();
        assertThat(second.lead("reconciler")).isFalse();
    }

    @Test
    void leadershipMovesWhenTheLeaderShutsDown() {
        first.runIfLeader("retention", runsOnFirst::incrementAndGet);

        first.destroy();

        assertThat(second.runIfLeader("retention", runsOnSecond::incrementAndGet))
                .isTrue();
        assertThat(first.lead("retention")).isFalse();
    }

    @Test
    void leadershipMovesWhenTheLeaderSteppedDown() {
        assertThat(first.lead("retention")).isTrue();

        first.stepDown("retention");

        assertThat(second.lead("retention")).isTrue();
    }

    @Test
    void leadershipMovesWhenTheLeadersConnectionIsLostAndTheOldLeaderCompetesAgain() {
        assertThat(first.lead("reconciler")).isTrue();

        assertThat(terminateConnectionsHolding("reconciler")).isOne();

        assertThat(second.lead("reconciler")).isTrue();
        assertThat(first.runIfLeader("reconciler", runsOnFirst::incrementAndGet))
                .isFalse();
        second.destroy();
        assertThat(first.runIfLeader("reconciler", runsOnFirst::incrementAndGet))
                .isTrue();
        assertThat(runsOnFirst).hasValue(1);
    }

    @Test
    void aLeaderWhoseConnectionWasLostTakesTheLeadershipBackWhenNobodyElseDid() {
        assertThat(first.lead("retention")).isTrue();
        terminateConnectionsHolding("retention");

        assertThat(first.lead("retention")).isTrue();
        assertThat(second.lead("retention")).isFalse();
    }

    @Test
    void aFailingRunKeepsTheLeadership() {
        first.lead("retention");
        try {
            first.runIfLeader("retention", () -> {
                throw new IllegalStateException("cluster unreachable");
            });
        } catch (IllegalStateException expected) {
            // reaches the caller
        }

        assertThat(second.lead("retention")).isFalse();
        assertThat(first.lead("retention")).isTrue();
    }

    @Test
    void aReplicaThatCannotReachTheDatabaseDoesNotLead() {
        var unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://localhost:1/postgres");
        var lock = new LeaderLock(unreachable);

        assertThat(lock.runIfLeader("retention", runsOnFirst::incrementAndGet)).isFalse();
        assertThat(runsOnFirst).hasValue(0);
    }

    private int terminateConnectionsHolding(String task) {
        return new JdbcTemplate(database)
                .queryForList(
                        "select pg_terminate_backend(pid) from pg_locks"
                                + " where locktype = 'advisory' and granted and objid = ?::bigint::oid",
                        Boolean.class,
                        Integer.toUnsignedLong(task.hashCode()))
                .size();
    }
}
