package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Finding records by namespace, tier, user, action and time, a page at a time, newest first. */
@AuditContextTest
class AuditQueryTest {

    static final Actor BOB = new Actor("http://localhost:9000", "bob", "Bob Developer");

    @Autowired
    DataSource server;

    AuditDatabase db;

    @BeforeEach
    void aFewChanges() {
        db = AuditDatabase.singleRole(server);
        db.log().record(Entries.tierCreated("platform"));
        db.log().record(Entries.policyPromoted("payments", "allow-checkout"));
        db.log().record(Entries.policyPromoted("checkout", "allow-payments"));
        db.log()
                .record(AuditEntry.builder(BOB, "policy.staged")
                        .target("NetworkPolicy", "catalog", "deny_all")
                        .tier("default")
                        .build());
        db.log()
                .record(AuditEntry.builder(Entries.ADA, "policyset.updated")
                        .target("GlobalNetworkPolicy", null, "platform.block-metadata")
                        .tier("platform")
                        .build());
    }

    AuditPage find(AuditQuery query) {
        return db.log().find(query, 0);
    }

    @Test
    void listsEverythingNewestFirst() {
        assertThat(find(AuditQuery.all()).records())
                .extracting(AuditRecord::targetName)
                .containsExactly("platform.block-metadata", "deny_all", "allow-payments", "allow-checkout", "platform");
    }

    @Test
    void filtersByNamespace() {
        assertThat(find(AuditQuery.all().withNamespace("payments")).records())
                .extracting(AuditRecord::targetName)
                .containsExactly("allow-checkout");
    }

    @Test
    void filtersByTier() {
        assertThat(find(AuditQuery.all().withTier("platform")).records())
                .extracting(AuditRecord::targetName)
                .containsExactly("platform.block-metadata", "platform");
    }

    @Test
    void filtersByUserSubjectOrPartOfTheDisplayName() {
        assertThat(find(AuditQuery.all().withUser("bob")).total()).isOne();
        assertThat(find(AuditQuery.all().withUser("alice developer")).total()).isEqualTo(2);
        assertThat(find(AuditQuery.all().withUser("Developer")).total()).isEqualTo(3);
        // LIKE wildcards in the filter are matched literally
        assertThat(find(AuditQuery.all().withUser("%")).total()).isZero();
        assertThat(find(AuditQuery.all().withUser("_")).total()).isZero();
    }

    @Test
    void filtersByExactActionOrActionFamily() {
        assertThat(find(AuditQuery.all().withAction("policy.promoted")).total()).isEqualTo(2);
        // the family "policy" is policy.*, not policyset.*
        assertThat(find(AuditQuery.all().withAction("policy")).total()).isEqualTo(3);
        assertThat(find(AuditQuery.all().withAction("policy.")).total()).isZero();
    }

    @Test
    void filtersByTimeFromInclusiveToExclusive() {
        AuditRecord newest = find(AuditQuery.all()).records().getFirst();
        Instant at = newest.occurredAt();

        assertThat(find(AuditQuery.all().between(at, null)).records()).containsExactly(newest);
        assertThat(find(AuditQuery.all().between(null, at)).total()).isEqualTo(4);
        assertThat(find(AuditQuery.all().between(at.plus(Duration.ofSeconds(1)), null))
                        .total())
                .isZero();
    }

    @Test
    void combinesFilters() {
        assertThat(find(AuditQuery.all().withTier("default").withUser("alice").withNamespace("checkout"))
                        .records())
                .extracting(AuditRecord::targetName)
                .containsExactly("allow-payments");
    }

    @Test
    void pagesThroughTheResults() {
        for (int i = 0; i < 7; i++) {
            db.log().record(Entries.tierCreated("tier-" + i));
        }

        AuditPage first = db.log().find(AuditQuery.all(), 0);
        AuditPage last = db.log().find(AuditQuery.all(), 2);

        assertThat(first.total()).isEqualTo(12);
        assertThat(first.size()).isEqualTo(5);
        assertThat(first.records())
                .hasSize(5)
                .first()
                .extracting(AuditRecord::targetName)
                .isEqualTo("tier-6");
        assertThat(first.hasNext()).isTrue();
        assertThat(first.hasPrevious()).isFalse();
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(last.records())
                .hasSize(2)
                .last()
                .extracting(AuditRecord::targetName)
                .isEqualTo("platform");
        assertThat(last.hasNext()).isFalse();
        assertThat(db.log().find(AuditQuery.all(), 9).records()).isEmpty();
    }

    @Test
    void refusesATimeRangeThatEndsBeforeItStarts() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> AuditQuery.all().between(now, now.minusSeconds(1)))
                .hasMessageContaining("is after to");
    }
}
