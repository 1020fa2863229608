package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The verifier finds the first record where the chain no longer holds, whatever the schema owner did. */
@AuditContextTest
class ChainVerifierTest {

    @Autowired
    DataSource server;

    AuditDatabase db;
    List<AuditRecord> records;

    @BeforeEach
    void fiveRecords() {
        db = AuditDatabase.singleRole(server);
        records = new ArrayList<>();
        for (String namespace : List.of("payments", "checkout", "catalog", "orders", "shipping")) {
            records.add(db.log().record(Entries.policyPromoted(namespace, "allow-" + namespace)));
        }
    }

    long idOf(int index) {
        return records.get(index).id();
    }

    @Test
    void anUntouchedChainVerifiesAndCountsItsRecords() {
        assertThat(db.log().verify()).isEqualTo(ChainVerification.intact(5));
    }

    @Test
    void anEmptyTrailVerifies() {
        assertThat(AuditDatabase.singleRole(server).log().verify()).isEqualTo(ChainVerification.intact(0));
    }

    @Test
    void anEditedRecordBreaksTheChainAtThatRecord() {
        db.tamper("update audit_record set reason = 'nothing to see' where id = " + idOf(2));

        ChainVerification result = db.log().verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBrokenId()).isEqualTo(idOf(2));
        assertThat(result.problem()).contains("was changed");
    }

    @Test
    void anEditedImpactEvidenceIsNoticedToo() {
        db.tamper("update audit_record set impact = '{\"newlyAllowed\": 0}' where id = " + idOf(3));

        assertThat(db.log().verify().firstBrokenId()).isEqualTo(idOf(3));
    }

    @Test
    void anEditWithARecomputedHashBreaksTheLinkOfTheNextRecord() {
        AuditRecord original = records.get(1);
        AuditRecord forged = new AuditRecord(
                original.id(),
                original.occurredAt(),
                Entries.ADA,
                original.action(),
                original.targetKind(),
                original.namespace(),
                original.targetName(),
                original.tier(),
                original.reason(),
                original.before(),
                original.after(),
                original.impact(),
                original.correlationId(),
                original.previousHash(),
                "");
        db.tamper("update audit_record set actor_subject = 'admin', actor_display_name = 'Ada Admin', hash = '"
                + CanonicalRecord.hash(forged) + "' where id = " + original.id());

        ChainVerification result = db.log().verify();

        assertThat(result.firstBrokenId()).isEqualTo(idOf(2));
        assertThat(result.problem()).contains("does not link to record " + idOf(1));
    }

    @Test
    void aDeletedRecordBreaksTheChainAtTheRecordAfterIt() {
        db.tamper("delete from audit_record where id = " + idOf(2));

        ChainVerification result = db.log().verify();

        assertThat(result.firstBrokenId()).isEqualTo(idOf(3));
        assertThat(result.problem()).contains("a record between them was removed");
    }

    @Test
    void deletingTheFirstRecordIsNoticed() {
        db.tamper("delete from audit_record where id = " + idOf(0));

        ChainVerification result = db.log().verify();

        assertThat(result.firstBrokenId()).isEqualTo(idOf(1));
        assertThat(result.problem()).contains("does not start the chain");
    }

    @Test
    void cuttingOffTheNewestRecordsIsNoticedThroughTheChainHead() {
        db.tamper("delete from audit_record where id >= " + idOf(3));

        ChainVerification result = db.log().verify();

        assertThat(result.ok()).isFalse();
        assertThat(result.records()).isEqualTo(3);
        assertThat(result.firstBrokenId()).isEqualTo(idOf(4));
        assertThat(result.problem()).contains("the chain ends at record " + idOf(2));
    }

    @Test
    void swappingTwoRecordsBreaksTheChainAtTheFirstOfThem() {
        long a = idOf(1);
        long b = idOf(2);
        db.tamper("update audit_record set id = -1 where id = " + a + "; update audit_record set id = " + a
                + " where id = " + b + "; update audit_record set id = " + b + " where id = -1");

        assertThat(db.log().verify().firstBrokenId()).isEqualTo(a);
    }

    @Test
    void aRowInsertedAroundTheAuditLogIsNoticed() {
        // a forged record with a correct hash that links to the newest one, written without moving the head
        AuditRecord last = records.getLast();
        AuditRecord forged = new AuditRecord(
                last.id() + 100,
                last.occurredAt(),
                Entries.ADA,
                "tier.deleted",
                "Tier",
                null,
                "platform",
                "platform",
                null,
                null,
                null,
                null,
                null,
                last.hash(),
                "");
        db.applicationJdbc()
                .update(
                        "insert into audit_record (id, occurred_at, actor_issuer, actor_subject, actor_display_name,"
                                + " action, target_kind, target_name, tier, previous_hash, hash)"
                                + " values (?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        forged.id(),
                        forged.occurredAt().toString(),
                        forged.actor().issuer(),
                        forged.actor().subject(),
                        forged.actor().displayName(),
                        forged.action(),
                        forged.targetKind(),
                        forged.targetName(),
                        forged.tier(),
                        forged.previousHash(),
                        CanonicalRecord.hash(forged));

        ChainVerification result = db.log().verify();

        assertThat(result.firstBrokenId()).isEqualTo(forged.id());
        assertThat(result.problem()).contains("beyond the chain head");
    }
}
