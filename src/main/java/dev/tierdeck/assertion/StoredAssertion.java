package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.Assertion;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An assertion as stored: its scope, its definition as written (YAML, one entry of an assertions file) and the
 * assertion the engine read from it.
 *
 * @param namespace null for a global assertion
 * @param revision grows by one with every change
 */
public record StoredAssertion(
        long id,
        @Nullable String namespace,
        String name,
        String definition,
        Assertion assertion,
        int revision,
        String updatedBy,
        Instant updatedAt) {

    public boolean global() {
        return namespace == null;
    }

    /** {@code global} or the namespace, as the page and the API name a scope. */
    public String scope() {
        return namespace == null ? "global" : namespace;
    }
}
