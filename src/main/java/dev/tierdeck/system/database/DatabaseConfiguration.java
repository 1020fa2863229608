package dev.tierdeck.system.database;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Migrations that wait for the database, and the {@code database} health indicator that reports on them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    @Bean
    RetryingMigration retryingMigration(DatabaseProperties properties) {
        return new RetryingMigration(properties.migration());
    }

    /** Named so that the indicator is {@code database} in /actuator/health and in the health groups. */
    @Bean
    DatabaseHealthIndicator databaseHealthIndicator(
            DataSource dataSource, RetryingMigration migration, Environment environment) {
        return new DatabaseHealthIndicator(
                dataSource, migration, environment.getProperty("spring.flyway.enabled", Boolean.class, true));
    }
}
