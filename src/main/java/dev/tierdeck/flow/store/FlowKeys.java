package dev.tierdeck.flow.store;

import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The identity of a stored row: the flow key as Goldmane defines it (calico-semantics §4.4: endpoints, port,
 * protocol, reporter, action and both policy traces; not labels, times or counts) hashed into a UUID, plus the
 * time bucket the flow starts in.
 */
final class FlowKeys {

    private FlowKeys() {}

    static UUID hash(FlowRecord f) {
        StringBuilder sb = new StringBuilder(256);
        endpoint(sb, f.source());
        endpoint(sb, f.destination());
        sb.append(f.protocol())
                .append('\0')
                .append(f.port())
                .append('\0')
                .append(f.reporter())
                .append('\0')
                .append(f.action())
                .append('\0')
                .append(FlowJson.hits(f.enforced()))
                .append('\0')
                .append(FlowJson.hits(f.pending()));
        return UUID.nameUUIDFromBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void endpoint(StringBuilder sb, FlowEndpoint e) {
        sb.append(e.name())
                .append('\0')
                .append(e.namespace() == null ? "" : e.namespace())
                .append('\0')
                .append(e.type())
                .append('\0');
    }

    static Instant bucket(Instant start, Duration width) {
        long w = width.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), w) * w);
    }
}
