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
        runner.run(first -> {
            new JdbcTemplate(first.getBean(DataSource.class))
                    .execute("create table if not exists shared_probe(v int); insert into shared_probe values (7)");
            runner.run(second -> assertThat(new JdbcTemplate(second.getBean(DataSource.class))
                            .queryForObject("select count(*) from shared_probe where v = 7", Integer.class))
                    .isPositive());
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
