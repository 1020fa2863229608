package dev.tierdeck.system.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Leadership per background task among the replicas sharing one PostgreSQL, so that the reconciler, the
 * retention job or an ingest loop runs on one replica at a time.
 *
 * <p>A replica becomes leader of a task by taking a session-level advisory lock ({@code pg_try_advisory_lock})
 * on a connection it keeps for that purpose, and stays leader for as long as that connection lives: later runs
 * on the same replica go ahead without asking again, the other replicas skip. When the connection is lost (the
 * database restarted, the network broke) PostgreSQL drops the locks with it; the next call notices, opens a new
 * connection and competes again, so leadership moves to a surviving replica by itself. Shutting down releases
 * every lock at once.
 *
 * <p>Leadership can move while a run is under way (the connection dies mid-run), so background work must still
 * be idempotent; this lock keeps replicas from working side by side, it is not a transaction.
 *
 * <p>Thread-safe. Task names identify locks across replicas: use a fixed name per kind of work
 * ({@code "promotion-reconciler"}), never one built from data.
 */
@Component
public final class LeaderLock implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LeaderLock.class);

    /** First half of every advisory lock key, so Tierdeck's locks cannot collide with another application's. */
    private static final int TIERDECK_LOCKS = 0x54445231;

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final Set<String> held = new HashSet<>();
    private @Nullable Connection connection;

    LeaderLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} on the calling thread if this replica is, or now becomes, the leader of {@code task};
     * otherwise does nothing. Exceptions thrown by {@code work} reach the caller and do not end leadership.
     *
     * @return whether the work ran here
     */
    public boolean runIfLeader(String task, Runnable work) {
        if (!lead(task)) {
            return false;
        }
        work.run();
        return true;
    }

    /**
     * Whether this replica is the leader of {@code task}, taking the leadership if nobody holds it. False when
     * the database cannot be reached: a replica that cannot see the database cannot know.
     */
    public synchronized boolean lead(String task) {
        try {
            Connection lockConnection = liveConnection();
            if (held.contains(task)) {
                return true;
            }
            if (!advisoryLock(lockConnection, "select pg_try_advisory_lock(?, ?)", task)) {
                return false;
            }
            held.add(task);
            log.info("This replica now leads {}", task);
            return true;
        } catch (SQLException e) {
            log.warn("Cannot tell who leads {}, the database is not reachable: {}", task, e.getMessage());
            drop();
            return false;
        }
    }

    /** Gives up the leadership of {@code task}, if held, so another replica can take it over. */
    public synchronized void stepDown(String task) {
        if (!held.remove(task) || connection == null) {
            return;
        }
        try {
            advisoryLock(connection, "select pg_advisory_unlock(?, ?)", task);
            log.info("This replica stepped down as leader of {}", task);
        } catch (SQLException e) {
            // the lock went with the broken connection
            drop();
        }
    }

    private Connection liveConnection() throws SQLException {
        Connection current = connection;
        if (current != null && isValid(current)) {
            return current;
        }
        if (current != null) {
            log.warn("Lost the database connection that held the leadership of {}; competing again", held);
            drop();
        }
        Connection fresh = dataSource.getConnection();
        fresh.setAutoCommit(true);
        connection = fresh;
        return fresh;
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean advisoryLock(Connection connection, String sql, String task) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, TIERDECK_LOCKS);
            statement.setInt(2, task.hashCode());
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Forgets the connection and the locks it held; a pooled connection goes back without any lock on it. */
    private void drop() {
        Connection current = connection;
        connection = null;
        held.clear();
        if (current == null) {
            return;
        }
        try (current) {
            if (isValid(current)) {
                try (var statement = current.createStatement()) {
                    statement.execute("select pg_advisory_unlock_all()");
                }
            }
        } catch (SQLException e) {
            log.debug("Closing the leadership connection failed", e);
        }
    }

    @Override
    public synchronized void destroy() {
        if (!held.isEmpty()) {
            log.info("Stepping down as leader of {}", held);
        }
        drop();
    }
}
