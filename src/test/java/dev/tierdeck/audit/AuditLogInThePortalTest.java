package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit log as other modules get it from the portal's context: it joins their transactions. */
@AuditContextTest
class AuditLogInThePortalTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void aRecordCommitsAndRollsBackWithTheModulesTransaction() {
        String committed = "commit-" + System.nanoTime();
        String rolledBack = "rollback-" + System.nanoTime();
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);

        transactions.executeWithoutResult(status -> auditLog.record(Entries.policyPromoted(committed, "p")));
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    auditLog.record(Entries.policyPromoted(rolledBack, "p"));
                    throw new IllegalStateException("the cluster refused the change");
                }))
                .hasMessage("the cluster refused the change");

        assertThat(auditLog.find(AuditQuery.all().withNamespace(committed), 0).total())
                .isOne();
        assertThat(auditLog.find(AuditQuery.all().withNamespace(rolledBack), 0).total())
                .isZero();
        assertThat(auditLog.verify().ok()).isTrue();
    }

    @Test
    void recordingTwiceInOneTransactionKeepsTheChain() {
        String namespace = "twice-" + System.nanoTime();

        AuditRecord[] records = new TransactionTemplate(transactionManager).execute(status -> new AuditRecord[] {
            auditLog.record(Entries.policyPromoted(namespace, "first")),
            auditLog.record(Entries.policyPromoted(namespace, "second"))
        });

        assertThat(records[1].previousHash()).isEqualTo(records[0].hash());
        assertThat(auditLog.verify().ok()).isTrue();
    }
}
