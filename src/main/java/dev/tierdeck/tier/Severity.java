package dev.tierdeck.tier;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a guardrail violation does to a developer's change. */
public enum Severity {
    /** The change cannot be staged or promoted until it is fixed. */
    BLOCK("block"),
    /** The change may go ahead once an admin approves it. */
    REQUIRE_APPROVAL("require-approval");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    /** The name used in the API, forms and the database: {@code block} or {@code require-approval}. */
    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<Severity> fromId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    @JsonCreator
    static Severity parse(String id) {
        return fromId(id).orElseThrow(() -> new IllegalArgumentException("severity must be block or require-approval"));
    }
}
