package dev.tierdeck.exception;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How far an exception reaches beyond the one flow it was asked for: each end inside the cluster as its workload or as
 * its whole namespace (an address is always that address), and the one port or every port of the protocol. An
 * approver may grant a scope {@linkplain #within no wider} than the one asked for.
 */
record ExceptionScope(Breadth source, Breadth destination, boolean anyPort) {

    /** The flow's own workload, or every pod of its namespace. */
    enum Breadth {
        WORKLOAD,
        NAMESPACE;

        static @Nullable Breadth parse(@Nullable String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** The narrowest scope: this workload to that workload or address, on this port. */
    static final ExceptionScope NARROW = new ExceptionScope(Breadth.WORKLOAD, Breadth.WORKLOAD, false);

    /** Whether this scope lets nothing through that {@code requested} does not. */
    boolean within(ExceptionScope requested) {
        return source.compareTo(requested.source) <= 0
                && destination.compareTo(requested.destination) <= 0
                && (!anyPort || requested.anyPort);
    }
}
