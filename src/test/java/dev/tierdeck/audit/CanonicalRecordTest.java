package dev.tierdeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The serialization the hashes cover is a published format: it must never change for existing records. */
class CanonicalRecordTest {

    private static final AuditRecord RECORD = new AuditRecord(
            7,
            Instant.parse("2026-11-26T10:15:30.123456Z"),
            new Actor("http://localhost:9000", "alice", "Alice Développeuse"),
            "policy.promoted",
            "NetworkPolicy",
            "payments",
            "allow-checkout",
            "default",
            "line one\nline two",
            null,
            "spec: {}\n",
            "{\"pods\": 3}",
            null,
            "0".repeat(64),
            "");

    @Test
    void writesEachFieldWithItsLengthInCodePoints() {
        assertThat(CanonicalRecord.text(RECORD)).isEqualTo("""
                        tierdeck-audit-v1
                        id=1:7
                        occurred_at=27:2026-11-26T10:15:30.123456Z
                        actor_issuer=21:http://localhost:9000
                        actor_subject=5:alice
                        actor_display_name=18:Alice Développeuse
                        action=15:policy.promoted
                        target_kind=13:NetworkPolicy
                        namespace=8:payments
                        target_name=14:allow-checkout
                        tier=7:default
                        reason=17:line one
                        line two
                        before=~
                        after=9:spec: {}

                        impact=11:{"pods": 3}
                        correlation_id=~
                        previous_hash=64:0000000000000000000000000000000000000000000000000000000000000000
                        """);
    }

    @Test
    void hashesTheUtf8OfThatTextWithSha256() {
        // computed independently: printf '%s' "<the text above>" | sha256sum
        assertThat(CanonicalRecord.hash(RECORD))
                .isEqualTo("b7ae2124627d6f7ad6232b727aaec092efb277c74308bc043bf080acc95b3fe5");
    }
}
