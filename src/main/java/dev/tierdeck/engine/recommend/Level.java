package dev.tierdeck.engine.recommend;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How far observed peers are generalised into rules. */
public enum Level {
    /** One rule per observed peer workload, protocol and port; outside addresses one by one. */
    STRICT,
    /**
     * Peers as workloads with their ports together; a whole namespace when every workload of it was seen; outside
     * addresses as the narrowest covering CIDRs no wider than the width setting.
     */
    WORKLOAD,
    /** Peers in other namespaces as whole namespaces; outside addresses as for {@link #WORKLOAD}. */
    NAMESPACE;

    /** {@code strict}, {@code workload} or {@code namespace} (any case); {@code null} for anything else. */
    public static @Nullable Level parse(String text) {
        for (Level l : values()) {
            if (l.name().equalsIgnoreCase(text.strip())) {
                return l;
            }
        }
        return null;
    }

    /** The lower-case name used on the command line, in URLs and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
