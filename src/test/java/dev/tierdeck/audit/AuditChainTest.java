package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Recording changes: each record links to the one before it and lives or dies with the caller's transaction. */
@AuditContextTest
class AuditChainTest {

    @Autowired
    DataSource server;

    AuditDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = AuditDatabase.singleRole(server);
    }

    @Test
    void eachRecordLinksToTheOneBeforeIt() {
        AuditRecord first = db.log().record(Entries.tierCreated("platform"));
        AuditRecord second = db.log().record(Entries.policyPromoted("payments", "allow-checkout"));
        AuditRecord third = db.log().record(Entries.policyPromoted("catalog", "deny-all"));

        assertThat(first.previousHash()).isEqualTo("0".repeat(64));
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(third.previousHash()).isEqualTo(second.hash());
        assertThat(List.of(first.id(), second.id(), third.id())).isSorted().doesNotHaveDuplicates();
        assertThat(third.occurredAt()).isAfterOrEqualTo(first.occurredAt());
        assertThat(db.ownerJdbc().queryForObject("select last_hash from audit_chain_head", String.class))
                .isEqualTo(third.hash());
    }

    @Test
    void storesEveryFieldAndHashesWhatItStored() {
        AuditRecord recorded = db.log().record(Entries.policyPromoted("payments", "allow-checkout"));

        AuditRecord stored = db.log().find(AuditQuery.all(), 0).records().getFirst();

        assertThat(stored).isEqualTo(recorded);
        assertThat(stored.actor()).isEqualTo(Entries.ALICE);
        assertThat(stored.before()).isEqualTo("spec:\n  order: 100\n");
        assertThat(stored.reason()).isEqualTo("allow the checkout to reach payments");
        // the impact evidence as PostgreSQL normalizes jsonb, which is what the hash covers
        assertThat(stored.impact()).isEqualTo("{\"newlyDenied\": 0, \"newlyAllowed\": 3}");
        assertThat(CanonicalRecord.hash(stored)).isEqualTo(stored.hash());
    }

    @Test
    void aRecordRollsBackWithTheCallersTransaction() {
        db.log().record(Entries.tierCreated("platform"));

        assertThatThrownBy(() -> db.transactions().executeWithoutResult(status -> {
                    db.log().record(Entries.tierCreated("security"));
                    throw new IllegalStateException("the change itself failed");
                }))
                .hasMessage("the change itself failed");
        AuditRecord next = db.log().record(Entries.tierCreated("team"));

        assertThat(db.log().find(AuditQuery.all(), 0).records())
                .extracting(AuditRecord::targetName)
                .containsExactly("team", "platform");
        assertThat(db.log().verify().ok()).isTrue();
        assertThat(next.previousHash())
                .isEqualTo(db.log().find(AuditQuery.all(), 0).records().get(1).hash());
    }

    @Test
    void impactEvidenceThatIsNotJsonIsRefusedBeforeTheCallersTransactionIsHarmed() {
        db.transactions().executeWithoutResult(status -> {
            for (String broken : List.of("{not json", "{\"a\": 1} {\"b\": 2}")) {
                assertThatThrownBy(() -> db.log()
                                .record(AuditEntry.builder(Entries.ADA, "tier.updated")
                                        .impactJson(broken)
                                        .build()))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("impact evidence is not valid JSON");
            }
            assertThatThrownBy(() -> db.log()
                            .record(AuditEntry.builder(Entries.ADA, "tier.updated")
                                    .impactJson("{\"name\": \"a\\u0000b\"}")
                                    .build()))
                    .hasMessageContaining("which PostgreSQL cannot store");
            // the transaction is still usable: the caller can record the change without the evidence
            db.log().record(Entries.tierCreated("platform"));
        });

        assertThat(db.log().find(AuditQuery.all(), 0).total()).isOne();
    }

    @Test
    void entriesNameTheFieldThatIsWrong() {
        assertThatThrownBy(() -> AuditEntry.builder(Entries.ADA, "Tier Created").build())
                .hasMessageContaining("audit action 'Tier Created' must be lowercase words joined by dots");
        assertThatThrownBy(() -> new Actor("http://localhost:9000", " ", "Nobody"))
                .hasMessage("audit actor subject is required");
        assertThatThrownBy(() -> AuditEntry.builder(Entries.ADA, "tier.updated")
                        .reason("x".repeat(4_001))
                        .build())
                .hasMessage("audit reason is 4001 characters long, at most 4000 are kept");
        assertThatThrownBy(() -> AuditEntry.builder(Entries.ADA, "tier.updated")
                        .target("Tier", null, "a\0b")
                        .build())
                .hasMessage("audit target name contains a NUL character");
    }

    @Test
    void theHashCoversEveryFieldAndThePreviousHash() {
        AuditRecord record = db.log().record(Entries.policyPromoted("payments", "allow-checkout"));
        AuditRecord otherReason = new AuditRecord(
                record.id(),
                record.occurredAt(),
                record.actor(),
                record.action(),
                record.targetKind(),
                record.namespace(),
                record.targetName(),
                record.tier(),
                "another reason",
                record.before(),
                record.after(),
                record.impact(),
                record.correlationId(),
                record.previousHash(),
                record.hash());
        AuditRecord otherPrevious = new AuditRecord(
                record.id(),
                record.occurredAt(),
                record.actor(),
                record.action(),
                record.targetKind(),
                record.namespace(),
                record.targetName(),
                record.tier(),
                record.reason(),
                record.before(),
                record.after(),
                record.impact(),
                record.correlationId(),
                "f".repeat(64),
                record.hash());

        assertThat(CanonicalRecord.hash(otherReason)).isNotEqualTo(record.hash());
        assertThat(CanonicalRecord.hash(otherPrevious)).isNotEqualTo(record.hash());
    }
}
