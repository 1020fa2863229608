package dev.tierdeck.audit;

import org.jspecify.annotations.Nullable;

/** The checks every text of an audit record passes before it is written: present where required, bounded, storable. */
final class AuditText {

    /** Names, identifiers, actions, kinds. */
    static final int NAME_LIMIT = 512;
    /** The comment given with a change. */
    static final int REASON_LIMIT = 4_000;
    /** A manifest before or after the change, and the impact evidence. */
    static final int DOCUMENT_LIMIT = 1_000_000;

    private AuditText() {}

    static String required(String field, @Nullable String value, int limit) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("audit " + field + " is required");
        }
        return optional(field, value, limit);
    }

    static @Nullable String optional(String field, @Nullable String value, int limit) {
        if (value == null) {
            return null;
        }
        if (value.length() > limit) {
            throw new IllegalArgumentException(
                    "audit " + field + " is " + value.length() + " characters long, at most " + limit + " are kept");
        }
        // PostgreSQL text cannot hold NUL characters
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("audit " + field + " contains a NUL character");
        }
        return value;
    }
}
