package dev.tierdeck.system.database;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

class EmbeddedDatabaseTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(EmbeddedDatabaseConfiguration.class)
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues("tierdeck.database.embedded.ephemeral=true");

    @Test
    void startsARealPostgresqlWhenNoDatasourceIsConfigured() {
        runner.run(context -> {
            var jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL 17");
        });
    }

    @Test
    void twoContextsShareTheSameServerAndData() {
        // a schema of its own: the public schema belongs to Flyway in every other test of this JVM
        runner.run(first -> {
            var jdbc = new JdbcTemplate(first.getBean(DataSource.class));
            jdbc.execute("create schema if not exists embedded_probe;"
                    + " create table if not exists embedded_probe.shared(v int);"
                    + " insert into embedded_probe.shared values (7)");
            try {
                runner.run(second -> assertThat(new JdbcTemplate(second.getBean(DataSource.class))
                                .queryForObject(
                                        "select count(*) from embedded_probe.shared where v = 7", Integer.class))
                        .isPositive());
            } finally {
                jdbc.execute("drop schema embedded_probe cascade");
            }
        });
    }

    @Test
    void stepsAsideWhenAnExternalDatabaseIsConfigured() {
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.invalid:5432/tierdeck")
                .run(context -> assertThat(
                                context.getBean(DataSource.class).getClass().getSimpleName())
                        .isNotEqualTo("tierdeck-embedded")
                        .satisfies(name -> assertThat(
                                        ((com.zaxxer.hikari.HikariDataSource) context.getBean(DataSource.class))
                                                .getPoolName())
                                .isNotEqualTo("tierdeck-embedded")));
    }
}
