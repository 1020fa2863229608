package dev.tierdeck.system.database;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/** Migrations that wait for the database, and the {@code database} health indicator that reports on them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    @Bean
    RetryingMigration retryingMigration(DatabaseProperties properties) {
        return new RetryingMigration(properties.migration());
    }

    /**
     * Session attributes are written with an upsert: two requests racing on one session (a double submit) both add the
     * same attribute, and the second plain insert failed on the primary key with a 500.
     */
    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpsert() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }

    /** Named so that the indicator is {@code database} in /actuator/health and in the health groups. */
    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(
            DataSource dataSource, RetryingMigration migration, Environment environment) {
        return new DatabaseHealthIndicator(
                dataSource, migration, environment.getProperty("spring.flyway.enabled", Boolean.class, true));
    }
}
