package dev.tierdeck.flow.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The day partitions of {@code flow_bucket} (UTC days). Creating one is DDL that must not be rolled back with
 * a failed import, so it runs in a transaction of its own; days known to exist are remembered.
 */
@Component
class FlowPartitions {

    private static final Logger log = LoggerFactory.getLogger(FlowPartitions.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

    FlowPartitions(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    /** Makes sure a partition exists for each day any of the instants falls on. */
    void ensureFor(Collection<Instant> instants) {
        Set<LocalDate> days = new TreeSet<>();
        for (Instant t : instants) {
            LocalDate d = day(t);
            if (!known.contains(d)) {
                days.add(d);
            }
        }
        if (days.isEmpty()) {
            return;
        }
        ownTransaction.executeWithoutResult(tx -> {
            for (LocalDate d : days) {
                Boolean created = jdbc.queryForObject("select flow_ensure_partition(?)", Boolean.class, d);
                if (Boolean.TRUE.equals(created)) {
                    log.debug("Created the flow partition for {}", d);
                }
            }
        });
        known.addAll(days);
    }

    /** Drops every partition of a day before {@code firstKeptDay}; returns their names. */
    List<String> dropBefore(LocalDate firstKeptDay) {
        List<String> dropped = ownTransaction.execute(
                tx -> jdbc.queryForList("select flow_drop_partitions_before(?)", String.class, firstKeptDay));
        known.removeIf(d -> d.isBefore(firstKeptDay));
        return dropped == null ? List.of() : dropped;
    }

    List<String> existing() {
        return jdbc.queryForList("select flow_partitions()", String.class);
    }
}
