package dev.tierdeck.flow.demo;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.flow.FlowLeadership;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowSource;
import dev.tierdeck.flow.FlowSourceCursors;
import dev.tierdeck.flow.FlowSourceStatus;
import dev.tierdeck.flow.FlowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds the demo cluster's generated traffic into the flow store every {@code interval}, on the leader only and
 * only while the cluster is the built-in demo cluster. Where it stopped is kept in the source cursors, so the first
 * start backfills {@code backfill} of history (in one-minute slots, the storage bucket) and a restart fills the
 * gap. Verdicts come from the engine on the cluster as it is at the time of generation.
 */
public final class DemoFeed implements FlowSource, SmartLifecycle {

    static final String SOURCE = "demo";
    static final Duration LIVE_SLOT = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(DemoFeed.class);
    private static final int BATCH = 20_000;

    private final ClusterReader cluster;
    private final FlowStore store;
    private final FlowSourceCursors cursors;
    private final FlowLeadership leadership;
    private final FlowProperties properties;
    private final Clock clock;

    // its own thread: the first round backfills days of history and must not hold up the shared scheduler
    private volatile @Nullable ScheduledExecutorService task;
    private volatile boolean connected;
    private volatile boolean active;
    private volatile @Nullable Instant lastFlowAt;
    private volatile long lastRound;
    private volatile long received;
    private volatile long errors;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant lastErrorAt;
    private volatile @Nullable Instant resumeAt;
    // touched by the feed's own thread only
    private @Nullable DemoTraffic traffic;
    private @Nullable CompiledCluster trafficOf;

    public DemoFeed(
            ClusterReader cluster,
            FlowStore store,
            FlowSourceCursors cursors,
            FlowLeadership leadership,
            FlowProperties properties,
            Clock clock) {
        this.cluster = cluster;
        this.store = store;
        this.cursors = cursors;
        this.leadership = leadership;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("demo-flow-feed").unstarted(r));
        long every = properties.demoFeed().interval().toMillis();
        executor.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
        task = executor;
    }

    @Override
    public void stop() {
        var t = task;
        if (t != null) {
            t.shutdownNow();
        }
        task = null;
        connected = false;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }

    @Override
    public FlowSourceStatus status() {
        long perMinute = properties.demoFeed().interval().isZero()
                ? lastRound
                : Math.round(lastRound
                        * 60.0
                        / Math.max(1, properties.demoFeed().interval().toSeconds()));
        return new FlowSourceStatus(
                SOURCE,
                "demo cluster",
                connected,
                active,
                lastFlowAt,
                perMinute,
                received,
                0,
                errors,
                lastError,
                lastErrorAt,
                resumeAt);
    }

    /** One round: generate every slot from where the feed stopped up to the last complete one. */
    void tick() {
        try {
            active = leadership.isLeader();
            if (!active) {
                connected = false;
                return;
            }
            if (!cluster.status().demo()) {
                connected = false;
                lastError = "the cluster is not the demo cluster; the demo feed stays idle";
                return;
            }
            // the compiled cluster the reader keeps: nothing is decoded or compiled here unless the cluster changed
            CompiledCluster compiled;
            try {
                compiled = cluster.compiled();
            } catch (ClusterUnavailableException loading) {
                compiled = null;
            }
            if (compiled == null
                    || cluster.status().stale()
                    || compiled.state().pods().isEmpty()) {
                // the watch cache has not caught up yet: generating now would skip history with no traffic
                connected = false;
                lastError = "waiting for the demo cluster's cache";
                return;
            }
            DemoTraffic traffic = traffic(compiled);
            connected = true;
            Instant now = clock.instant();
            Instant upTo = slotStart(now, LIVE_SLOT);
            Instant oldest = upTo.minus(backfill(traffic));
            Instant from = cursors.resumeAt(SOURCE).orElse(oldest);
            if (from.isBefore(oldest)) {
                from = oldest;
            }
            long round = generate(traffic, from, upTo);
            lastRound = round;
        } catch (RuntimeException e) {
            errors++;
            lastError = e.getMessage();
            lastErrorAt = clock.instant();
            log.warn("Demo flow feed: {}", e.getMessage(), e);
        }
    }

    /**
     * Generates {@code [from, upTo)}: one-minute slots while more than five minutes behind, then 15 s slots, as
     * Goldmane's interval. Returns the number of flows of the last 15 s slot.
     */
    long generate(DemoTraffic traffic, Instant from, Instant upTo) {
        Duration coarse =
                properties.bucket().compareTo(Duration.ofMinutes(1)) > 0 ? properties.bucket() : Duration.ofMinutes(1);
        List<FlowRecord> batch = new ArrayList<>();
        Instant t = slotStart(from, LIVE_SLOT);
        if (t.isBefore(from)) {
            t = t.plus(LIVE_SLOT);
        }
        long last = 0;
        while (t.isBefore(upTo)) {
            boolean behind = Duration.between(t, upTo).compareTo(Duration.ofMinutes(5)) > 0
                    && slotStart(t, coarse).equals(t);
            Duration width = behind ? coarse : LIVE_SLOT;
            if (t.plus(width).isAfter(upTo)) {
                width = LIVE_SLOT;
            }
            List<FlowRecord> slot = traffic.slot(t, width);
            batch.addAll(slot);
            last = slot.size();
            t = t.plus(width);
            if (batch.size() >= BATCH) {
                flush(batch, t);
            }
        }
        flush(batch, t);
        return last;
    }

    private void flush(List<FlowRecord> batch, Instant next) {
        if (!batch.isEmpty()) {
            store.ingest(batch);
            received += batch.size();
            lastFlowAt = clock.instant();
            batch.clear();
        }
        cursors.save(SOURCE, next);
        resumeAt = next;
    }

    /** The traffic of this compiled cluster, worked out again only when the cluster changed. */
    private DemoTraffic traffic(CompiledCluster compiled) {
        DemoTraffic t = traffic;
        if (t == null || trafficOf != compiled) {
            t = DemoTraffic.of(compiled, properties.demoFeed().maxRowsPerMinute() / 2);
            traffic = t;
            trafficOf = compiled;
        }
        return t;
    }

    /** The configured backfill, shortened so that it writes at most {@code maxBackfillRows} rows. */
    Duration backfill(DemoTraffic traffic) {
        Duration configured = properties.demoFeed().backfill();
        long minutes = properties.demoFeed().maxBackfillRows() / Math.max(1, traffic.rowsPerMinute());
        Duration fits = Duration.ofMinutes(minutes);
        return fits.compareTo(configured) < 0 ? fits : configured;
    }

    static Instant slotStart(Instant t, Duration width) {
        long w = width.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), w) * w);
    }
}
