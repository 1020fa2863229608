package dev.tierdeck.cluster;

import org.jspecify.annotations.Nullable;

/**
 * How far the first load of the cluster has come, while it is under way (pages are served meanwhile and say so).
 *
 * @param phase what is happening
 * @param done objects loaded so far
 * @param total objects expected, or -1 when not known (a real API server does not say before its lists arrive)
 * @param problem why loading stopped short, if it did (the portal goes on with what it has)
 */
public record ClusterLoading(
        Phase phase, long done, long total, @Nullable String problem) {

    public enum Phase {
        /** The built-in demo cluster is being filled from its seed file. */
        SEEDING,
        /** The watches are listing every kind. */
        LISTING,
        /** Everything is listed; the policy engine is compiling the cluster. */
        COMPILING
    }

    /** One sentence for people, e.g. "seeding the demo cluster: 12,000 of 66,003 objects". */
    public String describe() {
        String count = total > 0
                ? String.format("%,d of %,d objects", done, total)
                : String.format("%,d objects so far", done);
        return switch (phase) {
            case SEEDING -> "seeding the demo cluster: " + count;
            case LISTING -> "listing the cluster: " + count;
            case COMPILING -> "preparing the policy engine for " + String.format("%,d objects", done);
        };
    }
}
