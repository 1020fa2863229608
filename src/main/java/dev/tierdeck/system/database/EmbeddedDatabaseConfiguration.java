package dev.tierdeck.system.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Embedded default for the database: a real PostgreSQL started in-process when no external one is
 * configured. As soon as {@code spring.datasource.url} (SPRING_DATASOURCE_URL) is set this configuration
 * steps aside and Spring Boot's own DataSource takes over, the way it treats embedded databases.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
@EnableConfigurationProperties(DatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    @Bean
    DataSource dataSource(DatabaseProperties properties) {
        EmbeddedPostgres server = EmbeddedPostgresServers.forProperties(properties.embedded());
        String database = EmbeddedPostgresServers.ensureDatabase(
                server, properties.embedded().database());
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(server.getJdbcUrl("postgres", database))
                .username("postgres")
                .build();
        dataSource.setPoolName("tierdeck-embedded");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            return !env.containsProperty("spring.datasource.url")
                    && env.getProperty("tierdeck.database.embedded.enabled", Boolean.class, true);
        }
    }
}
