package dev.tierdeck.flow;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the observed-flows module ({@code tierdeck.flow.*}).
 *
 * @param retention how long stored flows are kept; whole days are dropped once entirely older
 * @param bucket width of a storage time bucket; a multiple of 15 s (Goldmane's interval) dividing a day
 * @param partitionsAhead how many future days get their storage partition created in advance
 * @param importMaxSize largest flow file {@code POST /api/v1/flows/import} accepts
 * @param goldmane the Goldmane endpoint to consume, if any
 * @param demoFeed the generated traffic of the demo cluster
 */
@ConfigurationProperties("tierdeck.flow")
public record FlowProperties(
        @DefaultValue("14d") Duration retention,
        @DefaultValue("1m") Duration bucket,
        @DefaultValue("2") int partitionsAhead,
        @DefaultValue("64MB") DataSize importMaxSize,
        @DefaultValue Goldmane goldmane,
        @DefaultValue DemoFeed demoFeed) {

    public FlowProperties {
        long s = bucket.toSeconds();
        if (s < 15 || s % 15 != 0 || 86_400 % s != 0) {
            throw new IllegalArgumentException(
                    "tierdeck.flow.bucket must be a multiple of 15s that divides a day, got " + bucket);
        }
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("tierdeck.flow.retention must be at least 1d, got " + retention);
        }
    }

    /**
     * @param address {@code host:port} of Goldmane (in Calico: {@code goldmane.calico-system.svc:7443}); unset
     *     disables the client
     * @param caFile CA bundle that signed Goldmane's certificate; unset uses plaintext (tests, port-forwards)
     * @param certFile client certificate for mTLS
     * @param keyFile the client certificate's private key (PKCS#8 PEM)
     * @param authority overrides the TLS server name (when connecting through a port-forward)
     * @param pageSize flows per {@code List} page while catching up
     * @param initialBackoff first wait before reconnecting; doubled after each failure
     * @param maxBackoff longest wait between reconnects
     */
    public record Goldmane(
            @Nullable String address,
            @Nullable Path caFile,
            @Nullable Path certFile,
            @Nullable Path keyFile,
            @Nullable String authority,
            @DefaultValue("1000") int pageSize,
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("2m") Duration maxBackoff) {

        public boolean enabled() {
            return address != null && !address.isBlank();
        }
    }

    /**
     * @param enabled generate traffic for the demo cluster
     * @param interval how often a round of traffic is generated
     * @param backfill history generated on first start, at most (see {@code maxBackfillRows})
     * @param maxRowsPerMinute the most stored rows a minute of traffic may take: on a large cluster the traffic
     *     covers the shop's calls and as many of the per-workload calls (DNS, scrapes) as fit
     * @param maxBackfillRows the most rows a backfill writes: the backfill is shortened to fit
     */
    public record DemoFeed(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("15s") Duration interval,
            @DefaultValue("3d") Duration backfill,
            @DefaultValue("600") int maxRowsPerMinute,
            @DefaultValue("1000000") long maxBackfillRows) {

        public DemoFeed {
            if (maxRowsPerMinute < 2 || maxBackfillRows < 0) {
                throw new IllegalArgumentException("tierdeck.flow.demo-feed.max-rows-per-minute must be at least 2 "
                        + "and max-backfill-rows not negative");
            }
        }
    }
}
