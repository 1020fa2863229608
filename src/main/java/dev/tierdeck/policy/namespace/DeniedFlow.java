package dev.tierdeck.policy.namespace;

import java.time.Instant;

/**
 * Denied traffic to or from a namespace, summed over the window.
 *
 * @param source workload or network, {@code namespace/name}
 * @param destination likewise
 * @param port 0 when the protocol has none
 * @param connections connections started (summed over the window)
 * @param deniedBy the tier and policy that denied it, in words
 * @param lastSeen the end of the newest observation
 */
public record DeniedFlow(
        String source,
        String destination,
        String protocol,
        int port,
        long connections,
        String deniedBy,
        Instant lastSeen) {}
