package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * A flow as FORMAT.md §2 describes it: the first packet of a connection.
 *
 * @param port destination port, {@code null} for protocols without ports
 */
public record ReferenceFlow(
        String id,
        Side source,
        Side destination,
        Protocol protocol,
        @Nullable Integer port,
        @Nullable Integer sourcePort,
        @Nullable Integer icmpType,
        @Nullable Integer icmpCode) {

    /** One side: a pod by {@code namespace/name}, or an IP address (which may still be a pod's). */
    public record Side(
            @Nullable String namespace,
            @Nullable String pod,
            @Nullable String ip) {

        public static Side pod(String namespace, String name) {
            return new Side(namespace, name, null);
        }

        public static Side ip(String ip) {
            return new Side(null, null, ip);
        }

        public boolean isPod() {
            return pod != null;
        }

        @Override
        public String toString() {
            return pod != null ? namespace + "/" + pod : String.valueOf(ip);
        }
    }
}
