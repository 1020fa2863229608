package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.tenancy.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The explain form as typed: each end a pod ({@code namespace/name}), a namespace (one of its pods stands for it)
 * or an IP address; a protocol; a port for TCP, UDP and SCTP.
 */
record FlowQuestion(
        @Nullable String source,
        @Nullable String destination,
        @Nullable String protocol,
        @Nullable String port) {

    /** Whether anything was asked (the empty form is just shown). */
    boolean asked() {
        return !(blank(source) && blank(destination) && blank(port));
    }

    /**
     * The flow as typed, by its ends' namespaces (a pod's, or the namespace named; null for an IP address), before the
     * cluster is asked whether they exist; null while an end is blank.
     */
    Resource.@Nullable Flow typedEnds() {
        if (blank(source) || blank(destination)) {
            return null;
        }
        return Resource.flow(typedNamespace(source), typedNamespace(destination));
    }

    private static @Nullable String typedNamespace(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash >= 0) {
            return t.substring(0, slash);
        }
        return IpAddress.parse(t) != null ? null : t;
    }

    /**
     * The flow asked about, or the problems by field ({@code source}, {@code destination}, {@code protocol},
     * {@code port}) with messages that say what to type instead.
     *
     * @param notes which pod stands for a namespace, in words
     */
    record Answer(@Nullable Flow flow, Map<String, String> errors, List<String> notes) {}

    Answer read(ClusterState cluster) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        FlowEndpoint src = endpoint("source", source, cluster, errors, notes);
        FlowEndpoint dst = endpoint("destination", destination, cluster, errors, notes);
        Protocol p = blank(protocol) ? Protocol.TCP : Protocol.parse(protocol.strip());
        if (p == null) {
            errors.put("protocol", "Choose TCP, UDP, SCTP, ICMP, ICMPv6 or a protocol number from 1 to 255.");
        }
        Integer portNumber = null;
        if (p != null && p.supportsPorts()) {
            if (blank(port)) {
                errors.put("port", "Enter the destination port, a number from 1 to 65535.");
            } else {
                try {
                    portNumber = Integer.parseInt(port.strip());
                } catch (NumberFormatException e) {
                    portNumber = -1;
                }
                if (portNumber < 1 || portNumber > 65535) {
                    errors.put("port", "\"" + port.strip() + "\" is not a port: enter a number from 1 to 65535.");
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Answer(null, errors, notes);
        }
        return new Answer(Flow.of("explain", src, dst, p, portNumber), errors, notes);
    }

    private static @Nullable FlowEndpoint endpoint(
            String field, @Nullable String text, ClusterState cluster, Map<String, String> errors, List<String> notes) {
        if (blank(text)) {
            errors.put(field, "Enter a pod (namespace/name), a namespace or an IP address.");
            return null;
        }
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash >= 0) {
            String ns = t.substring(0, slash);
            String name = t.substring(slash + 1);
            if (ns.isEmpty() || name.isEmpty() || name.contains("/")) {
                errors.put(field, "\"" + t + "\" is not a pod: write namespace/name, e.g. payments/api-0.");
                return null;
            }
            if (cluster.pod(ns, name) == null) {
                errors.put(field, "There is no pod " + t + " in the cluster.");
                return null;
            }
            return new FlowEndpoint.PodRef(ns, name);
        }
        if (IpAddress.parse(t) != null) {
            return new FlowEndpoint.Address(t);
        }
        Pod first = cluster.pods().stream()
                .filter(p -> p.namespace().equals(t))
                .min(Comparator.comparing(Pod::name))
                .orElse(null);
        if (first == null) {
            errors.put(
                    field,
                    cluster.namespace(t) == null
                            ? "\"" + t + "\" is neither a pod (namespace/name), a namespace of the cluster nor an IP "
                                    + "address."
                            : "The namespace " + t + " has no pods; name a pod or an IP address instead.");
            return null;
        }
        notes.add("The " + field + " namespace " + t + " is represented by its pod " + first.namespace() + "/"
                + first.name() + ".");
        return new FlowEndpoint.PodRef(first.namespace(), first.name());
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
