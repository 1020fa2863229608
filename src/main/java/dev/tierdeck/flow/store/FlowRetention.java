package dev.tierdeck.flow.store;

import dev.tierdeck.flow.FlowProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the partitions in shape: today's and the next {@code partitions-ahead} days exist before traffic
 * arrives, and days entirely older than the retention are dropped as whole partitions. Safe on every replica
 * at once (the database functions serialise on an advisory lock and are idempotent).
 */
@Component
class FlowRetention {

    private static final Logger log = LoggerFactory.getLogger(FlowRetention.class);

    private final FlowPartitions partitions;
    private final FlowProperties properties;
    private final Clock clock;

    FlowRetention(FlowPartitions partitions, FlowProperties properties, ObjectProvider<Clock> clock) {
        this.partitions = partitions;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        maintain();
    }

    @Scheduled(cron = "0 7 * * * *", zone = "UTC")
    void hourly() {
        maintain();
    }

    /** Creates the partitions ahead and drops the expired ones; returns the dropped partitions' names. */
    List<String> maintain() {
        Instant now = clock.instant();
        LocalDate today = FlowPartitions.day(now);
        List<Instant> ahead = new ArrayList<>();
        for (int i = 0; i <= properties.partitionsAhead(); i++) {
            ahead.add(today.plusDays(i).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        partitions.ensureFor(ahead);
        List<String> dropped = partitions.dropBefore(FlowPartitions.day(now.minus(properties.retention())));
        if (!dropped.isEmpty()) {
            log.info("Dropped expired flow history: {}", dropped);
        }
        return dropped;
    }

    /** The day partitions that exist, oldest first. */
    List<String> partitions() {
        return partitions.existing();
    }
}
