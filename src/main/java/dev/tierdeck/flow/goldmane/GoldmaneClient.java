package dev.tierdeck.flow.goldmane;

import dev.tierdeck.flow.FlowLeadership;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowSource;
import dev.tierdeck.flow.FlowSourceCursors;
import dev.tierdeck.flow.FlowSourceStatus;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.goldmane.proto.Flow;
import dev.tierdeck.flow.goldmane.proto.FlowListRequest;
import dev.tierdeck.flow.goldmane.proto.FlowListResult;
import dev.tierdeck.flow.goldmane.proto.FlowResult;
import dev.tierdeck.flow.goldmane.proto.FlowStreamRequest;
import dev.tierdeck.flow.goldmane.proto.FlowsGrpc;
import dev.tierdeck.flow.goldmane.proto.SortBy;
import dev.tierdeck.flow.goldmane.proto.SortOption;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes Goldmane's {@code Flows} API into the flow store. Each session first pages through {@code List} from
 * the resume point up to now, then follows {@code Stream}; a failed session is retried with exponential backoff
 * and resumes at the newest start time received, the overlap being dropped by a {@link Deduplicator}. Across
 * restarts it resumes just after the last stored start time (kept in {@link FlowSourceCursors}). Flows are
 * written in batches; a batch that cannot be stored is kept and retried with the next one.
 */
public final class GoldmaneClient implements FlowSource, SmartLifecycle {

    static final String SOURCE = "goldmane";
    /** Goldmane aggregates in 15 s intervals (calico-semantics §4.4). */
    static final int INTERVAL = 15;

    private static final Logger log = LoggerFactory.getLogger(GoldmaneClient.class);
    private static final int FLUSH_SIZE = 1000;
    private static final Duration FLUSH_EVERY = Duration.ofSeconds(1);
    private static final int MAX_BUFFER = 200_000;
    private static final Object COMPLETED = new Object();

    private final FlowsGrpc.FlowsBlockingStub blocking;
    private final FlowsGrpc.FlowsStub async;
    private final String target;
    private final FlowStore store;
    private final FlowSourceCursors cursors;
    private final FlowLeadership leadership;
    private final FlowProperties.Goldmane config;
    private final Clock clock;

    private final Deduplicator dedup = new Deduplicator(10 * 60);
    private final FlowRate rate = new FlowRate();
    private final List<FlowRecord> buffer = new ArrayList<>();
    private Instant lastFlush = Instant.EPOCH;

    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile io.grpc.stub.@Nullable ClientCallStreamObserver<FlowStreamRequest> call;
    private volatile boolean connected;
    private volatile boolean active;
    private volatile @Nullable Instant lastFlowAt;
    private volatile long received;
    private volatile long duplicates;
    private volatile long errors;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant lastErrorAt;
    private volatile @Nullable Instant resumeAt;

    public GoldmaneClient(
            Channel channel,
            String target,
            FlowStore store,
            FlowSourceCursors cursors,
            FlowLeadership leadership,
            FlowProperties.Goldmane config,
            Clock clock) {
        this.blocking = FlowsGrpc.newBlockingStub(channel);
        this.async = FlowsGrpc.newStub(channel);
        this.target = target;
        this.store = store;
        this.cursors = cursors;
        this.leadership = leadership;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Goldmane's hints for a filter field (e.g. the destination namespaces it has seen), narrowed by the
     * source namespaces given (empty: all), over the last {@code window}; every page is read, up to
     * {@code limit} values. Used to suggest values, never to restrict them: other values may be valid.
     *
     * @throws io.grpc.StatusRuntimeException when Goldmane cannot be reached within the request deadline
     */
    public List<String> filterHints(
            dev.tierdeck.flow.goldmane.proto.FilterType type,
            List<String> sourceNamespaces,
            java.time.Duration window,
            int limit) {
        var filter = dev.tierdeck.flow.goldmane.proto.Filter.newBuilder();
        sourceNamespaces.forEach(
                ns -> filter.addSourceNamespaces(dev.tierdeck.flow.goldmane.proto.StringMatch.newBuilder()
                        .setValue(ns)
                        .setType(dev.tierdeck.flow.goldmane.proto.MatchType.Exact)));
        List<String> values = new java.util.ArrayList<>();
        int pageSize = Math.min(limit, 500);
        for (long page = 0; values.size() < limit; page++) {
            var result = blocking.withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                    .filterHints(dev.tierdeck.flow.goldmane.proto.FilterHintsRequest.newBuilder()
                            .setType(type)
                            .setFilter(filter)
                            .setStartTimeGte(-window.toSeconds())
                            .setPage(page)
                            .setPageSize(pageSize)
                            .build());
            result.getHintsList().stream().limit(limit - values.size()).forEach(hint -> values.add(hint.getValue()));
            if (result.getHintsCount() == 0 || page + 1 >= result.getMeta().getTotalPages()) {
                break;
            }
        }
        return values;
    }

    @Override
    public FlowSourceStatus status() {
        return new FlowSourceStatus(
                SOURCE,
                target,
                connected,
                active,
                lastFlowAt,
                rate.perMinute(clock.instant()),
                received,
                duplicates,
                errors,
                lastError,
                lastErrorAt,
                resumeAt);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("goldmane-client").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        var c = call;
        if (c != null) {
            c.cancel("portal stopping", null);
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        int attempt = 0;
        while (running) {
            if (!leadership.isLeader()) {
                active = false;
                pause(Duration.ofSeconds(5));
                continue;
            }
            active = true;
            try {
                if (session()) {
                    attempt = 0;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                failed(e);
            }
            connected = false;
            if (running) {
                pause(backoff(attempt++));
            }
        }
        connected = false;
        active = false;
        tryFlush();
    }

    /** One connection: catch up with List, then follow Stream. Returns whether it got anything from Goldmane. */
    private boolean session() {
        long from = resumeFrom();
        resumeAt = Instant.ofEpochSecond(from);
        long until = clock.instant().getEpochSecond();
        long page = 0;
        long pages;
        boolean reached = false;
        do {
            FlowListResult result = blocking.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .list(FlowListRequest.newBuilder()
                            .setStartTimeGte(from)
                            .setStartTimeLt(until)
                            .setPage(page)
                            .setPageSize(config.pageSize())
                            .addSortBy(SortOption.newBuilder().setSortBy(SortBy.Time))
                            .setAggregationInterval(INTERVAL)
                            .build());
            connected = true;
            reached = true;
            for (FlowResult r : result.getFlowsList()) {
                accept(r.getFlow());
            }
            flushIfDue();
            pages = result.getMeta().getTotalPages();
            page++;
        } while (running && page < pages);
        flush();
        follow(Math.max(from, until - 2 * INTERVAL));
        return reached;
    }

    private void follow(long from) {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        async.stream(
                FlowStreamRequest.newBuilder()
                        .setStartTimeGte(from)
                        .setAggregationInterval(INTERVAL)
                        .build(),
                new io.grpc.stub.ClientResponseObserver<FlowStreamRequest, FlowResult>() {
                    @Override
                    public void beforeStart(io.grpc.stub.ClientCallStreamObserver<FlowStreamRequest> c) {
                        call = c;
                    }

                    @Override
                    public void onNext(FlowResult value) {
                        queue.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        queue.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        queue.add(COMPLETED);
                    }
                });
        try {
            while (running && leadership.isLeader()) {
                Object item = queue.poll(200, TimeUnit.MILLISECONDS);
                if (item instanceof FlowResult r) {
                    accept(r.getFlow());
                } else if (item instanceof StatusRuntimeException e) {
                    throw e;
                } else if (item instanceof Throwable t) {
                    throw new IllegalStateException(t.getMessage(), t);
                } else if (item == COMPLETED) {
                    break;
                }
                flushIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            var c = call;
            if (c != null) {
                c.cancel("stream closed by the client", null);
            }
            call = null;
            flush();
        }
    }

    private long resumeFrom() {
        long newest = dedup.newestStart();
        if (newest >= 0) {
            // within this process: ask again from the newest interval, the deduplicator drops the overlap
            return newest;
        }
        Optional<Instant> cursor = cursors.resumeAt(SOURCE);
        // after a restart nothing is remembered: start after the last stored interval rather than count it twice
        return cursor.map(c -> c.getEpochSecond() + 1).orElse(0L);
    }

    private void accept(Flow flow) {
        if (!dedup.firstTime(flow)) {
            duplicates++;
            return;
        }
        FlowRecord record = GoldmaneFlows.toRecord(flow);
        if (record == null) {
            return;
        }
        buffer.add(record);
        received++;
        Instant now = clock.instant();
        lastFlowAt = now;
        rate.record(now, 1);
    }

    private void flushIfDue() {
        if (buffer.size() >= FLUSH_SIZE
                || Duration.between(lastFlush, clock.instant()).compareTo(FLUSH_EVERY) >= 0) {
            flush();
        }
    }

    private void flush() {
        lastFlush = clock.instant();
        if (buffer.isEmpty()) {
            return;
        }
        store.ingest(buffer);
        buffer.clear();
        long newest = dedup.newestStart();
        if (newest >= 0) {
            cursors.save(SOURCE, Instant.ofEpochSecond(newest));
        }
    }

    private void tryFlush() {
        try {
            flush();
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        errors++;
        lastError = e.getMessage();
        lastErrorAt = clock.instant();
        log.warn("Goldmane at {}: {}", target, e.getMessage());
        if (buffer.size() > MAX_BUFFER) {
            lastError = "the flow store is unavailable; dropped " + buffer.size() + " flows";
            buffer.clear();
        }
    }

    private Duration backoff(int attempt) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long wait = Math.min(max, initial << Math.min(attempt, 20));
        // jitter, so that replicas or restarts do not hammer Goldmane in step
        return Duration.ofMillis(wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1));
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
