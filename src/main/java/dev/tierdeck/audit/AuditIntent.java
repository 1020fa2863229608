package dev.tierdeck.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * A change about to be made outside the database, recorded with the audit entry it will get (see {@link AuditIntents}).
 *
 * @param payloadJson what the recording module needs to confirm and complete the change, as JSON
 */
public record AuditIntent(UUID id, AuditEntry entry, String payloadJson, Instant recordedAt) {}
