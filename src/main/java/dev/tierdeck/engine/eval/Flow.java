package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * A connection to evaluate: the first packet from {@code source} to {@code destination}.
 *
 * @param port destination port ({@code null} for protocols without ports)
 */
public record Flow(
        String id,
        FlowEndpoint source,
        FlowEndpoint destination,
        Protocol protocol,
        @Nullable Integer port,
        @Nullable Integer sourcePort,
        @Nullable Integer icmpType,
        @Nullable Integer icmpCode) {

    public static Flow of(
            String id, FlowEndpoint source, FlowEndpoint destination, Protocol protocol, @Nullable Integer port) {
        return new Flow(id, source, destination, protocol, port, null, null, null);
    }
}
