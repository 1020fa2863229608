package dev.tierdeck.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database on the embedded PostgreSQL of the test context, migrated by Flyway like production: the
 * owner runs the migrations (and may tamper, as a schema owner could), the application connects as its own
 * role when there is one. Every test gets its own chain this way.
 *
 * @param owner the role that ran the migrations (the server's superuser)
 * @param application the application's role, or the owner again for the single-role setup
 */
public record AuditDatabase(DataSource owner, DataSource application, AuditLog log) {

    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^/]+)/");

    /** One role for everything, as the embedded default runs. */
    public static AuditDatabase singleRole(DataSource server) {
        String name = createDatabase(server);
        DataSource owner = connect(server, name, "postgres");
        migrate(owner, "");
        return new AuditDatabase(owner, owner, newLog(owner));
    }

    /** Migrations as the owner, the application as a separate login role (V2's production setup). */
    public static AuditDatabase twoRoles(DataSource server) {
        String name = createDatabase(server);
        String role = "app_" + name.substring(name.length() - 12);
        new JdbcTemplate(server).execute("create role " + role + " login");
        DataSource owner = connect(server, name, "postgres");
        migrate(owner, role);
        DataSource application = connect(server, name, role);
        return new AuditDatabase(owner, application, newLog(application));
    }

    /** A second audit log on the same database, as another replica of the portal has. */
    public static AuditLog replicaOf(AuditDatabase db) {
        return newLog(db.application());
    }

    public JdbcTemplate ownerJdbc() {
        return new JdbcTemplate(owner);
    }

    public JdbcTemplate applicationJdbc() {
        return new JdbcTemplate(application);
    }

    /** Transactions on the application's connections, as the calling modules have them. */
    public TransactionTemplate transactions() {
        return new TransactionTemplate(new DataSourceTransactionManager(application));
    }

    /** Runs {@code sql} as the schema owner with the append-only trigger off, the way only an owner can tamper. */
    public void tamper(String sql) {
        ownerJdbc()
                .execute("begin; alter table audit_record disable trigger audit_record_append_only; " + sql
                        + "; alter table audit_record enable trigger audit_record_append_only; commit");
    }

    private static JdbcAuditLog newLog(DataSource dataSource) {
        return new JdbcAuditLog(dataSource, new DataSourceTransactionManager(dataSource), 5);
    }

    private static String createDatabase(DataSource server) {
        String name = "audit_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(server).execute("create database " + name);
        return name;
    }

    private static DataSource connect(DataSource server, String database, String user) {
        try (Connection connection = server.getConnection()) {
            Matcher hostAndPort = SERVER.matcher(connection.getMetaData().getURL());
            if (!hostAndPort.find()) {
                throw new IllegalStateException(
                        "unexpected JDBC URL " + connection.getMetaData().getURL());
            }
            return new DriverManagerDataSource(
                    "jdbc:postgresql://" + hostAndPort.group(1) + "/" + database + "?user=" + user);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void migrate(DataSource dataSource, String applicationRole) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("application_role", applicationRole))
                .load()
                .migrate();
    }
}
