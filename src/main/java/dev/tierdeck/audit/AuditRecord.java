package dev.tierdeck.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored audit record: the {@link AuditEntry} as written, with its place in the chain.
 *
 * @param id position in the chain; grows with every record, not necessarily without gaps
 * @param occurredAt when the record was written (the database's clock, microsecond precision)
 * @param impact the impact evidence as JSON text (PostgreSQL's normalized form); embedded as JSON when serialized
 * @param previousHash the hash of the record before this one (64 zeros for the first)
 * @param hash SHA-256 (hex) of this record's canonical form, previous hash included
 */
public record AuditRecord(
        long id,
        Instant occurredAt,
        Actor actor,
        String action,
        @Nullable String targetKind,
        @Nullable String namespace,
        @Nullable String targetName,
        @Nullable String tier,
        @Nullable String reason,
        @Nullable String before,
        @Nullable String after,
        @JsonRawValue @Nullable String impact,
        @Nullable String correlationId,
        String previousHash,
        String hash) {}
