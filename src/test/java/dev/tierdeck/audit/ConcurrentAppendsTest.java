package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Writers racing each other, as two replicas and many requests do, still build one chain. */
@AuditContextTest
class ConcurrentAppendsTest {

    private static final int WRITERS = 8;
    private static final int RECORDS_EACH = 15;

    @Autowired
    DataSource server;

    @Test
    void concurrentAppendsKeepOneChain() throws Exception {
        AuditDatabase db = AuditDatabase.twoRoles(server);
        // two audit logs on the same database stand for two replicas
        AuditLog replicaA = db.log();
        AuditLog replicaB = AuditDatabase.replicaOf(db);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            for (int w = 0; w < WRITERS; w++) {
                AuditLog log = w % 2 == 0 ? replicaA : replicaB;
                String namespace = "team-" + w;
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < RECORDS_EACH; i++) {
                        int n = i;
                        // each in a transaction of its own that does other work too, as a real change would
                        db.transactions().executeWithoutResult(status -> {
                            db.applicationJdbc().queryForObject("select pg_sleep(0.001)", Object.class);
                            log.record(Entries.policyPromoted(namespace, "policy-" + n));
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }

        assertThat(replicaA.verify()).isEqualTo(ChainVerification.intact(WRITERS * RECORDS_EACH));
        List<String> previousHashes =
                db.ownerJdbc().queryForList("select previous_hash from audit_record", String.class);
        assertThat(new HashSet<>(previousHashes)).hasSize(WRITERS * RECORDS_EACH);
    }
}
