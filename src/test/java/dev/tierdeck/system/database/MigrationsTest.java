package dev.tierdeck.system.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/** The migrations in db/migration, run by Flyway against a fresh database on the embedded PostgreSQL. */
class MigrationsTest {

    private final EmbeddedPostgres server = SharedTestServer.get();

    @Test
    void createTheSessionTablesSpringSessionExpects() {
        DataSource owner = freshDatabase();
        migrate(owner, "");

        var transactions = new TransactionTemplate(new DataSourceTransactionManager(owner));
        var repository = new JdbcIndexedSessionRepository(new JdbcTemplate(owner), transactions);
        repository.setTableName("spring_session");

        assertThat(storeAndReadBack(repository, "team", "payments")).isEqualTo("payments");
        assertThat(new JdbcTemplate(owner)
                        .queryForObject("select count(*) from spring_session_attributes", Integer.class))
                .isZero();
    }

    /** Saves a session with one attribute, reads the attribute back from the store, then deletes the session. */
    private static <S extends Session> Object storeAndReadBack(
            SessionRepository<S> sessions, String name, String value) {
        S session = sessions.createSession();
        session.setAttribute(name, value);
        session.setMaxInactiveInterval(Duration.ofMinutes(5));
        sessions.save(session);
        Object stored = sessions.findById(session.getId()).getAttribute(name);
        sessions.deleteById(session.getId());
        return stored;
    }

    @Test
    void giveASeparateApplicationRoleDataAccessButNoOwnership() {
        String database = "migrations_" + UUID.randomUUID().toString().replace("-", "");
        String appRole = "app_" + database.substring(11, 23);
        var postgres = new JdbcTemplate(server.getPostgresDatabase());
        postgres.execute("create database " + database);
        postgres.execute("create role " + appRole + " login");
        DataSource owner = server.getDatabase("postgres", database);
        migrate(owner, appRole);
        var app = new JdbcTemplate(server.getDatabase(appRole, database));

        app.update("insert into spring_session values ('p1', 's1', 0, 0, 60, 60, null)");
        assertThat(app.queryForObject("select count(*) from spring_session", Integer.class))
                .isOne();
        // a table a later migration creates is covered by the default privileges
        new JdbcTemplate(owner).execute("create table later_feature (id int)");
        app.update("insert into later_feature values (1)");
        app.update("delete from later_feature");

        assertThatThrownBy(() -> app.execute("drop table later_feature")).hasStackTraceContaining("must be owner");
        assertThatThrownBy(() -> app.execute("create table intruder (id int)"))
                .hasStackTraceContaining("permission denied");
    }

    @Test
    void aLaterMigrationCanMakeATableAppendOnlyForTheApplicationRole() {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String database = "append_only_" + suffix;
        String appRole = "app_" + suffix;
        var postgres = new JdbcTemplate(server.getPostgresDatabase());
        postgres.execute("create database " + database);
        postgres.execute("create role " + appRole + " login");
        var owner = new JdbcTemplate(server.getDatabase("postgres", database));
        migrate(server.getDatabase("postgres", database), appRole);

        // what an audit migration does: the table, then take the rewriting privileges away again
        owner.execute("create table audit_probe (id bigint primary key, what text not null)");
        owner.execute("revoke update, delete, truncate on audit_probe from " + appRole);
        var app = new JdbcTemplate(server.getDatabase(appRole, database));

        app.update("insert into audit_probe values (1, 'policy approved')");
        assertThat(app.queryForObject("select what from audit_probe", String.class))
                .isEqualTo("policy approved");
        assertThatThrownBy(() -> app.update("update audit_probe set what = 'nothing happened'"))
                .hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> app.update("delete from audit_probe")).hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> app.execute("truncate audit_probe")).hasStackTraceContaining("permission denied");
    }

    @Test
    void refuseAnApplicationRoleThatDoesNotExist() {
        DataSource owner = freshDatabase();

        assertThatThrownBy(() -> migrate(owner, "no_such_role"))
                .hasStackTraceContaining("The application database role \"no_such_role\" does not exist");
    }

    private DataSource freshDatabase() {
        String database = "migrations_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(server.getPostgresDatabase()).execute("create database " + database);
        return server.getDatabase("postgres", database);
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
