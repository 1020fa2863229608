package dev.tierdeck.system.database;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Runs the Flyway migrations at start-up, and keeps trying in the background while the database cannot be
 * reached, instead of failing the start. A replica whose database is down thus stays alive (liveness) but
 * reports itself not ready (the {@code database} health indicator) until the database is back and migrated,
 * logging one warning per attempt with the cause. Any other migration failure (a broken script, a checksum
 * mismatch, a refused login) is a mistake to fix, not to wait out: it fails the start as before.
 */
final class RetryingMigration implements FlywayMigrationStrategy, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RetryingMigration.class);

    enum State {
        PENDING,
        WAITING_FOR_DATABASE,
        MIGRATED,
        FAILED
    }

    /**
     * @param detail why the state is not {@link State#MIGRATED}, or the schema version once it is
     */
    record Status(State state, String detail, int attempts) {}

    private final Duration firstRetryInterval;
    private final Duration maxRetryInterval;
    private volatile Status status = new Status(State.PENDING, "migrations have not run yet", 0);
    private volatile @Nullable Thread retrier;

    RetryingMigration(DatabaseProperties.Migration properties) {
        this.firstRetryInterval = properties.firstRetryInterval();
        this.maxRetryInterval = properties.maxRetryInterval();
    }

    Status status() {
        return status;
    }

    @Override
    public void migrate(Flyway flyway) {
        try {
            migrated(flyway.migrate(), 1);
        } catch (RuntimeException e) {
            if (!isUnreachable(e)) {
                status = new Status(State.FAILED, cause(e), 1);
                throw e;
            }
            waiting(flyway, e, 1, firstRetryInterval);
            Thread thread = Thread.ofPlatform()
                    .name("tierdeck-database-migration")
                    .daemon()
                    .unstarted(() -> retry(flyway));
            retrier = thread;
            thread.start();
        }
    }

    private void retry(Flyway flyway) {
        Duration wait = firstRetryInterval;
        for (int attempt = 2; !Thread.currentThread().isInterrupted(); attempt++) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = min(wait.multipliedBy(2), maxRetryInterval);
            try {
                migrated(flyway.migrate(), attempt);
                return;
            } catch (RuntimeException e) {
                if (!isUnreachable(e)) {
                    status = new Status(State.FAILED, cause(e), attempt);
                    log.error("Database migration failed, this replica stays not ready: {}", cause(e));
                    return;
                }
                waiting(flyway, e, attempt, wait);
            }
        }
    }

    private void migrated(MigrateResult result, int attempt) {
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        status = new Status(State.MIGRATED, "schema version " + version, attempt);
        if (attempt > 1) {
            log.info(
                    "Database reachable after {} attempts; schema at version {} ({} migrations applied)",
                    attempt,
                    version,
                    result.migrationsExecuted);
        }
    }

    private void waiting(Flyway flyway, RuntimeException e, int attempt, Duration next) {
        status = new Status(State.WAITING_FOR_DATABASE, cause(e), attempt);
        log.warn(
                "Database {} not reachable (attempt {}, next in {} s, not ready until then): {}",
                location(flyway.getConfiguration().getDataSource()),
                attempt,
                String.format(Locale.ROOT, "%.1f", next.toMillis() / 1000.0),
                cause(e));
    }

    /** Connection problems PostgreSQL and the driver report: SQLState class 08, 57P0x (shutting down, starting up), 53300 (too many connections). */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The most specific message: the driver's, not Flyway's wrapper with its banner of dashes. */
    static String cause(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException && t.getMessage() != null) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message == null
                ? failure.getClass().getSimpleName()
                : message.strip().lines().findFirst().orElse("");
    }

    /** Host, port and database of the JDBC URL, without parameters (they may carry a password). */
    private static String location(@Nullable DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            String url = hikari.getJdbcUrl();
            int parameters = url.indexOf('?');
            return parameters < 0 ? url : url.substring(0, parameters);
        }
        return "";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void destroy() {
        Thread thread = retrier;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
