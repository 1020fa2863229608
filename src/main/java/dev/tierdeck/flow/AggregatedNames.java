package dev.tierdeck.flow;

import java.util.regex.Pattern;

/**
 * Goldmane names a set of pods by their GenerateName followed by {@code *} (calico-semantics §4.4): the pods of
 * a ReplicaSet {@code api-7d9f8c} become {@code api-7d9f8c-*}, a StatefulSet's {@code pg-0} becomes
 * {@code pg-*}; a pod created without GenerateName keeps its name. When only a pod's name is known, its
 * GenerateName is inferred from the suffixes the controllers append.
 */
public final class AggregatedNames {

    private static final Pattern REPLICA_SET_POD = Pattern.compile("(.+-[a-z0-9]{5,10}-)[a-z0-9]{5}");
    private static final Pattern STATEFUL_SET_POD = Pattern.compile("(.+-)[0-9]+");

    private AggregatedNames() {}

    /** The aggregated name of a pod whose GenerateName is not known. */
    public static String ofPodName(String podName) {
        for (Pattern p : new Pattern[] {REPLICA_SET_POD, STATEFUL_SET_POD}) {
            var m = p.matcher(podName);
            if (m.matches()) {
                return m.group(1) + "*";
            }
        }
        return podName;
    }

    /** The aggregated name of a pod created with {@code generateName}. */
    public static String ofGenerateName(String generateName) {
        return generateName + "*";
    }

    /** Whether a pod name belongs to the aggregated name ({@code api-7d9f8c-*} or an exact name). */
    public static boolean matches(String aggregatedName, String podName) {
        if (aggregatedName.endsWith("*")) {
            return podName.startsWith(aggregatedName.substring(0, aggregatedName.length() - 1));
        }
        return aggregatedName.equals(podName);
    }
}
