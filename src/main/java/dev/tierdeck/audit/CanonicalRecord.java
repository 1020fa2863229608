package dev.tierdeck.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * The canonical serialization of an audit record that its hash covers, and the hash itself.
 *
 * <p>The form is plain text in UTF-8, so that anyone can re-verify an export without this code: the line
 * {@code tierdeck-audit-v1}, then one line per field in the order below, each {@code name=} followed by
 * {@code ~} for a missing value or by the value's length in Unicode code points, a colon and the value itself.
 * Values may contain line breaks; the length prefix keeps the form unambiguous. The id is written in decimal,
 * the time as an ISO-8601 instant in UTC, the impact evidence as PostgreSQL prints its {@code jsonb} value.
 * The hash is the lowercase hex SHA-256 of that text.
 */
final class CanonicalRecord {

    static final String VERSION = "tierdeck-audit-v1";
    /** The previous hash of the first record. */
    static final String GENESIS = "0".repeat(64);

    private CanonicalRecord() {}

    static String hash(AuditRecord record) {
        return sha256(text(record));
    }

    static String text(AuditRecord record) {
        StringBuilder text = new StringBuilder(VERSION).append('\n');
        field(text, "id", Long.toString(record.id()));
        field(text, "occurred_at", DateTimeFormatter.ISO_INSTANT.format(record.occurredAt()));
        field(text, "actor_issuer", record.actor().issuer());
        field(text, "actor_subject", record.actor().subject());
        field(text, "actor_display_name", record.actor().displayName());
        field(text, "action", record.action());
        field(text, "target_kind", record.targetKind());
        field(text, "namespace", record.namespace());
        field(text, "target_name", record.targetName());
        field(text, "tier", record.tier());
        field(text, "reason", record.reason());
        field(text, "before", record.before());
        field(text, "after", record.after());
        field(text, "impact", record.impact());
        field(text, "correlation_id", record.correlationId());
        field(text, "previous_hash", record.previousHash());
        return text.toString();
    }

    private static void field(StringBuilder text, String name, @Nullable String value) {
        text.append(name).append('=');
        if (value == null) {
            text.append('~');
        } else {
            text.append(value.codePointCount(0, value.length())).append(':').append(value);
        }
        text.append('\n');
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
